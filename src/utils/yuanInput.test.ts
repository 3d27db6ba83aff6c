import fc from 'fast-check';
import { parseYuanToFen } from './yuanInput';

describe('parseYuanToFen', () => {
  it('reads whole yuan, one or two decimals, and a leading ¥', () => {
    expect(parseYuanToFen('12')).toEqual({ ok: true, amountFen: 1_200 });
    expect(parseYuanToFen('12.5')).toEqual({ ok: true, amountFen: 1_250 });
    expect(parseYuanToFen('12.30')).toEqual({ ok: true, amountFen: 1_230 });
    expect(parseYuanToFen('0.05')).toEqual({ ok: true, amountFen: 5 });
    expect(parseYuanToFen('.5')).toEqual({ ok: true, amountFen: 50 });
    expect(parseYuanToFen('12.')).toEqual({ ok: true, amountFen: 1_200 });
    expect(parseYuanToFen(' ¥ 1.01 ')).toEqual({ ok: true, amountFen: 101 });
    expect(parseYuanToFen('007')).toEqual({ ok: true, amountFen: 700 });
  });

  it('is exact where floating point is not (0.29 * 100 is 28.999…)', () => {
    expect(parseYuanToFen('0.29')).toEqual({ ok: true, amountFen: 29 });
    expect(parseYuanToFen('1.13')).toEqual({ ok: true, amountFen: 113 });
  });

  it('tells an empty box from a malformed amount', () => {
    expect(parseYuanToFen('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseYuanToFen('  ')).toEqual({ ok: false, reason: 'empty' });
    for (const bad of ['.', '1.234', '-1', '+1', '1,000', '1e3', 'abc', '1.2.3', '１２']) {
      expect(parseYuanToFen(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('refuses amounts too long to be meant', () => {
    expect(parseYuanToFen('1234567890')).toEqual({ ok: false, reason: 'format' });
    expect(parseYuanToFen('000000000012')).toEqual({ ok: true, amountFen: 1_200 });
  });

  it('reads back any amount of fen written as yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => {
        const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        expect(parseYuanToFen(text)).toEqual({ ok: true, amountFen: fen });
      }),
    );
  });
});
