import { auditChanges, diffValues } from './auditDiff';

describe('audit diff', () => {
  it('lists changed leaves by dotted path, in key order', () => {
    const before = { name: 'A', money: { budgetFen: 100, split: { dailyAt: ['20:00'], policy: 'random' } }, slug: 's' };
    const after = { name: 'B', money: { budgetFen: 200, split: { dailyAt: ['12:00', '20:00'], policy: 'random' } }, slug: 's' };
    expect(diffValues(before, after)).toEqual([
      { path: 'money.budgetFen', before: 100, after: 200 },
      { path: 'money.split.dailyAt', before: ['20:00'], after: ['12:00', '20:00'] },
      { path: 'name', before: 'A', after: 'B' },
    ]);
  });

  it('shows a creation and a deletion field by field, the missing side null', () => {
    expect(diffValues(null, { title: 'x', stock: 5 })).toEqual([
      { path: 'stock', before: null, after: 5 },
      { path: 'title', before: null, after: 'x' },
    ]);
    expect(diffValues({ title: 'x' }, null)).toEqual([{ path: 'title', before: 'x', after: null }]);
    expect(diffValues({ a: { b: 1 } }, { a: null })).toEqual([{ path: 'a.b', before: 1, after: null }]);
    // A field null on one side and absent on the other did not change.
    expect(diffValues(null, { endedAt: null, name: 'x' })).toEqual([{ path: 'name', before: null, after: 'x' }]);
  });

  it('compares arrays of objects item by item and plain values whole', () => {
    expect(diffValues({ lines: [{ qty: 1 }, { qty: 2 }] }, { lines: [{ qty: 1 }, { qty: 3 }, { qty: 4 }] })).toEqual([
      { path: 'lines.1.qty', before: 2, after: 3 },
      { path: 'lines.2.qty', before: null, after: 4 },
    ]);
    expect(diffValues({ roles: ['marketer'] }, { roles: ['marketer'] })).toEqual([]);
    expect(diffValues(1, 2)).toEqual([{ path: '(value)', before: 1, after: 2 }]);
    expect(diffValues({ a: 'text' }, { a: { b: 1 } })).toEqual([{ path: 'a', before: 'text', after: { b: 1 } }]);
  });

  it('finds nothing between equal values, and stops at the limit', () => {
    expect(diffValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
    expect(diffValues(null, big, 10)).toHaveLength(10);
  });

  it('reads an audit detail: before/after when it has them, nothing otherwise', () => {
    expect(auditChanges({ before: { status: 'published' }, after: { status: 'paused' } })).toEqual([
      { path: 'status', before: 'published', after: 'paused' },
    ]);
    expect(auditChanges({ created: ['amy'] })).toEqual([]);
  });
});
