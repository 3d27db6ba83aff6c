import fc from 'fast-check';
import { linePaidFen, refundedPartFen, refundFen } from './orderLines';

describe('order line amounts', () => {
  it('takes the reported paid amount, else the list price', () => {
    expect(linePaidFen({ priceFen: 1999, qty: 3 })).toBe(5997);
    expect(linePaidFen({ priceFen: 1999, qty: 3, paidFen: 5000 })).toBe(5000);
    expect(linePaidFen({ priceFen: 1999, qty: 3, paidFen: 0 })).toBe(0);
  });

  it('refunds a discounted line in parts that add up to exactly what was paid', () => {
    // 100 fen paid for 3 units: 33, 33, 34 — never a rounded unit price times 3.
    expect([refundFen(100, 3, 0, 1), refundFen(100, 3, 1, 1), refundFen(100, 3, 2, 1)]).toEqual([33, 33, 34]);
    expect(refundFen(100, 3, 0, 3)).toBe(100);
    expect(() => refundedPartFen(100, 3, 4)).toThrow('refunded 4 of 3');
  });

  it('any sequence of partial refunds returns the paid amount once every unit is back, and never more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_900_000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
        (paidFen, steps) => {
          const qty = steps.reduce((a, b) => a + b, 0);
          let refunded = 0;
          let returned = 0;
          for (const step of steps) {
            const part = refundFen(paidFen, qty, refunded, step);
            expect(part).toBeGreaterThanOrEqual(0);
            returned += part;
            refunded += step;
            expect(returned).toBeLessThanOrEqual(paidFen);
          }
          expect(returned).toBe(paidFen);
        },
      ),
    );
  });
});
