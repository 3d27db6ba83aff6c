import { formatYuan } from '../../utils/money';
import type { PooledOrderView, PooledPlanJson } from '../../../contract/commerce';
import { confirmStateOf, memberMoney, memberNote, paidNotice, pooledStatusText } from './pooledView';

const NOW = Date.parse('2026-11-10T12:00:00.000Z');
const line = (lineId: string, amountFen: number) => ({
  lineId,
  itemId: `i-${lineId}`,
  productId: 'p',
  title: lineId,
  shopName: 's',
  unitPriceFen: amountFen,
  qty: 1,
  amountFen,
});

function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one');
  return item;
}

function plan(members: PooledPlanJson['members']): PooledPlanJson {
  const totalAmountFen = members.reduce((s, m) => s + m.amountFen, 0);
  const totalDiscountFen = members.reduce((s, m) => s + m.discountFen, 0);
  return { orders: [], lines: [], members, totalAmountFen, totalDiscountFen, exact: true, upperBoundFen: totalDiscountFen, fairness: null };
}

function view(overrides: Partial<PooledOrderView> = {}): PooledOrderView {
  return {
    pooledOrder: {
      pooledOrderId: 'o1',
      groupId: 'g1',
      createdBy: 'a',
      deadline: '2026-11-10T14:00:00.000Z',
      status: 'open',
      createdAt: '2026-11-10T10:00:00.000Z',
    },
    members: [
      { userId: 'a', nickname: 'Alice', lines: [line('a1', 20_000)], dueFen: null, payment: null, redPacketFen: null },
      { userId: 'b', nickname: 'Bella', lines: [line('b1', 25_000)], dueFen: null, payment: null, redPacketFen: null },
      { userId: 'c', nickname: 'Cathy', lines: [], dueFen: null, payment: null, redPacketFen: null },
    ],
    plan: plan([
      { memberId: 'a', amountFen: 20_000, discountFen: 2_222, payFen: 17_778, standaloneDiscountFen: 0, shapleyDiscountFen: 2_500 },
      { memberId: 'b', amountFen: 25_000, discountFen: 2_778, payFen: 22_222, standaloneDiscountFen: 0, shapleyDiscountFen: 2_500 },
    ]),
    planError: null,
    planCoupons: [],
    ...overrides,
  };
}

describe('pooled order view', () => {
  it('lists members with lines and what each pays and saves', () => {
    const rows = memberMoney(view());
    expect(rows.map((r) => r.userId)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({
      amountFen: 20_000,
      discountFen: 2_222,
      payFen: 17_778,
      standaloneDiscountFen: 0,
      shapleyDiscountFen: 2_500,
    });
    expect(rows.reduce((s, r) => s + r.payFen + r.discountFen, 0)).toBe(45_000);
  });

  it('lets a member with lines pay her part of a plan that saves something', () => {
    expect(confirmStateOf(view(), 'a', NOW)).toEqual({ kind: 'can_pay', dueFen: 17_778 });
    expect(confirmStateOf(view(), 'c', NOW)).toEqual({ kind: 'no_lines' });
    expect(
      confirmStateOf(
        view({
          plan: plan([
            { memberId: 'a', amountFen: 20_000, discountFen: 0, payFen: 20_000, standaloneDiscountFen: 0, shapleyDiscountFen: 0 },
          ]),
        }),
        'a',
        NOW,
      ),
    ).toEqual({ kind: 'no_saving' });
  });

  it('uses the frozen due amount once confirming, and knows who has paid', () => {
    const confirming = view({
      pooledOrder: { ...view().pooledOrder, status: 'confirming' },
      members: view().members.map((m) =>
        m.userId === 'a'
          ? { ...m, dueFen: 17_778, payment: 'paid' as const }
          : m.userId === 'b'
            ? { ...m, dueFen: 22_222, payment: 'due' as const }
            : m,
      ),
    });
    expect(confirmStateOf(confirming, 'a', NOW)).toEqual({ kind: 'paid' });
    expect(confirmStateOf(confirming, 'b', NOW)).toEqual({ kind: 'can_pay', dueFen: 22_222 });
    expect(pooledStatusText(confirming).detail).toContain('Bella');
  });

  it('closes at the deadline and after the order is placed or expired', () => {
    expect(confirmStateOf(view(), 'a', Date.parse('2026-11-10T14:00:00.000Z'))).toEqual({ kind: 'closed' });
    expect(confirmStateOf(view({ pooledOrder: { ...view().pooledOrder, status: 'expired' } }), 'a', NOW)).toEqual({ kind: 'closed' });
    expect(pooledStatusText(view({ pooledOrder: { ...view().pooledOrder, status: 'expired' } }))).toMatchObject({ tone: 'bad' });
    expect(pooledStatusText(view({ pooledOrder: { ...view().pooledOrder, status: 'placed' } }))).toMatchObject({
      tone: 'good',
      title: '已下单',
    });
  });

  it('tells the payer what she paid, and the purchase packets when her payment placed the orders', () => {
    expect(paidNotice({ paidFen: 17_778, redPackets: [] })).toEqual({ toast: '已支付 ¥177.78' });
    const notice = paidNotice({ paidFen: 17_778, redPackets: [{ amountFen: 300 }, { amountFen: 88 }] });
    expect(notice).toMatchObject({ title: '好友分享购买红包' });
    expect('content' in notice && notice.content).toContain('获得红包 ¥3.88');
  });

  it('notes under each member what she would save alone, her payment and, once placed, her packets: one saving, no jargon', () => {
    const alice = first(memberMoney(view()));
    expect(memberNote(alice)).toBe('自己单独下单能省 ¥0.00');
    expect(memberNote(alice)).not.toContain('Shapley');
    expect(memberNote(alice)).not.toContain(formatYuan(alice.shapleyDiscountFen!));
    const placed = view({
      pooledOrder: { ...view().pooledOrder, status: 'placed' },
      members: view().members.map((m) => (m.userId === 'a' ? { ...m, dueFen: 17_778, payment: 'paid' as const, redPacketFen: 888 } : m)),
    });
    expect(memberNote(first(memberMoney(placed)))).toBe('自己单独下单能省 ¥0.00 · 已付款 · 好友分享购买红包 ¥8.88');
    expect(memberNote({ ...alice, standaloneDiscountFen: null, shapleyDiscountFen: null, payment: 'paid', redPacketFen: 0 })).toBe(
      '已付款',
    );
  });
});
