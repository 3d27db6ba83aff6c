import { describe, expect, it } from '@jest/globals';
import { formatFen, formatYuan } from './formatFen';

describe('formatFen', () => {
  it('prints whole yuan and two decimals from integer fen', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(1)).toBe('0.01');
    expect(formatFen(10)).toBe('0.10');
    expect(formatFen(1234)).toBe('12.34');
  });

  it('groups thousands by default, and not when asked', () => {
    expect(formatFen(5_000_000)).toBe('50,000.00');
    expect(formatFen(123_456_789)).toBe('1,234,567.89');
    expect(formatFen(99_999)).toBe('999.99');
    expect(formatFen(5_000_000, { grouping: false })).toBe('50000.00');
    expect(formatFen(Number.MAX_SAFE_INTEGER, { grouping: false })).toBe('90071992547409.91');
  });

  it('puts the minus first', () => {
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(-123_456)).toBe('-1,234.56');
  });

  it('throws on an amount that is not a safe integer of fen', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => formatFen(bad)).toThrow(RangeError);
      expect(() => formatYuan(bad)).toThrow(RangeError);
    }
  });
});

describe('formatYuan', () => {
  it('adds the yuan sign after the minus', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5_000_000)).toBe('¥50,000.00');
    expect(formatYuan(-5)).toBe('-¥0.05');
    expect(formatYuan(-1234, { grouping: false })).toBe('-¥12.34');
    expect(formatYuan(9_900, { grouping: false })).toBe('¥99.00');
  });
});
