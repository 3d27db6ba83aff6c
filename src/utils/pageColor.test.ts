import { DEFAULT_PRIMARY, pageColor } from './pageColor';

describe('pageColor', () => {
  it('keeps a #rrggbb colour', () => {
    expect(pageColor('#ff4f4f', DEFAULT_PRIMARY)).toBe('#ff4f4f');
    expect(pageColor(' #FFF5F0 ', DEFAULT_PRIMARY)).toBe('#FFF5F0');
  });

  it('falls back for anything else', () => {
    expect(pageColor('', DEFAULT_PRIMARY)).toBe(DEFAULT_PRIMARY);
    expect(pageColor(undefined, DEFAULT_PRIMARY)).toBe(DEFAULT_PRIMARY);
    expect(pageColor('red', DEFAULT_PRIMARY)).toBe(DEFAULT_PRIMARY);
    expect(pageColor('#fff; background: url(x)', DEFAULT_PRIMARY)).toBe(DEFAULT_PRIMARY);
  });
});
