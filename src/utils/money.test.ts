import { formatFen, formatYuan } from './money';

describe('formatFen', () => {
  it('formats whole and fractional yuan with two decimals', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(1)).toBe('0.01');
    expect(formatFen(10)).toBe('0.10');
    expect(formatFen(1234)).toBe('12.34');
    expect(formatFen(5_000_000)).toBe('50000.00');
  });

  it('keeps the sign on negative amounts', () => {
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatYuan(-1234)).toBe('-¥12.34');
  });

  it('is exact for the largest safe integer', () => {
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('rejects non-integers instead of rounding them', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});
