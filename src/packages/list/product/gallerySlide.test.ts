import { slideAt } from './gallerySlide';

describe('slideAt', () => {
  it('is the picture covering most of the view', () => {
    expect(slideAt(0, 1125, 3)).toBe(0);
    expect(slideAt(180, 1125, 3)).toBe(0);
    expect(slideAt(190, 1125, 3)).toBe(1);
    expect(slideAt(375, 1125, 3)).toBe(1);
    expect(slideAt(750, 1125, 3)).toBe(2);
  });

  it('stays within the pictures when the view bounces past either end', () => {
    expect(slideAt(-40, 1125, 3)).toBe(0);
    expect(slideAt(900, 1125, 3)).toBe(2);
  });

  it('is the first picture before the strip has a width, or with one picture', () => {
    expect(slideAt(100, 0, 3)).toBe(0);
    expect(slideAt(100, 375, 1)).toBe(0);
  });
});
