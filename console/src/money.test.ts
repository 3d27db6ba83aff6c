import { describe, expect, it } from '@jest/globals';
import { fenToInput, formatFen, parsePercent, parseYuan, percent, ratioToPercentInput, signedYuan, yuan } from './money';

describe('console money', () => {
  it('prints amounts with the contract rule: separators, minus before the sign', () => {
    expect(yuan(5_000_000)).toBe('¥50,000.00');
    expect(yuan(-5)).toBe('-¥0.05');
    expect(formatFen(123_456, { grouping: false })).toBe('1234.56');
    expect(() => yuan(1.5)).toThrow(RangeError);
  });

  it('signs a difference both ways, and leaves zero unsigned', () => {
    expect(signedYuan(50)).toBe('+¥0.50');
    expect(signedYuan(-123_456)).toBe('-¥1,234.56');
    expect(signedYuan(0)).toBe('¥0.00');
  });

  it('writes an amount for an input box without trailing zeros or separators', () => {
    expect(fenToInput(100)).toBe('1');
    expect(fenToInput(150)).toBe('1.5');
    expect(fenToInput(105)).toBe('1.05');
    expect(fenToInput(1_000_000)).toBe('10000');
  });

  it('parses yuan typed by people into integer fen, never through floating point', () => {
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan(' 8.88 ')).toBe(888);
    expect(parseYuan('1,000')).toBe(100_000);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('1.')).toBe(100);
    for (const bad of ['', '1.234', '-1', 'abc', '1e3', '¥5']) expect(parseYuan(bad)).toBeNull();
    expect(parseYuan('99999999999999999999')).toBeNull();
  });

  it('turns probabilities into percentages and back without float noise', () => {
    expect(ratioToPercentInput(0.05)).toBe('5');
    expect(ratioToPercentInput(0.123)).toBe('12.3');
    expect(parsePercent('12.5')).toBe(0.125);
    expect(parsePercent('100')).toBe(1);
    expect(parsePercent('100.5')).toBeNull();
    expect(parsePercent('12.34567')).toBeNull();
    expect(percent(0.4123)).toBe('41.2%');
    expect(percent(Number.NaN)).toBe('—');
  });
});
