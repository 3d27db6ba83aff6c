import { signedYuan } from './signedYuan';

describe('signedYuan', () => {
  it('marks money in with a plus and money out with a minus', () => {
    expect(signedYuan(120)).toBe('+¥1.20');
    expect(signedYuan(-5)).toBe('-¥0.05');
    expect(signedYuan(0)).toBe('¥0.00');
  });
});
