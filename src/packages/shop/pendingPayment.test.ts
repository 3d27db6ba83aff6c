import type { GroupBuyJson, PooledOrderView } from '../../../contract/commerce';
import { mySeat, outcomeOf } from './groupBuyView';
import { confirmStateOf, memberNote, pooledStatusText, type MemberMoney } from './pooledView';

/** A seat or a part whose payment is on its way at WeChat Pay or Alipay (status pending). */
describe('pending payments on the shop pages', () => {
  const buy: GroupBuyJson = {
    groupBuyId: 'b1',
    deal: {
      dealId: 'd1',
      product: { productId: 'p1', title: '保温杯', shopName: '某店', priceFen: 9_900, imageUrl: null },
      groupPriceFen: 6_900,
      leaderPriceFen: null,
      size: 3,
      timeLimitHours: 24,
      virtualCompletion: false,
    },
    leaderId: 'u1',
    status: 'open',
    outcome: null,
    size: 3,
    seatsTaken: 2,
    members: [
      { userId: 'u1', nickname: 'Alice', role: 'leader', paidFen: 6_900, status: 'paid', joinedAt: '2026-11-01T00:00:00.000Z' },
      { userId: 'u2', nickname: 'Bella', role: 'member', paidFen: 0, status: 'pending', joinedAt: '2026-11-01T01:00:00.000Z' },
    ],
    paidCount: 1,
    expiresAt: '2026-11-02T00:00:00.000Z',
    createdAt: '2026-11-01T00:00:00.000Z',
  };

  it('says a held seat counts once paid', () => {
    expect(mySeat(buy, 'u2')).toBe('pending');
    expect(outcomeOf(buy, 'pending')).toMatchObject({
      tone: 'open',
      title: '还差 1 人成团',
      detail: expect.stringContaining('付款后才算参团'),
    });
  });

  const NOW = Date.parse('2026-11-10T12:00:00.000Z');
  const order: PooledOrderView = {
    pooledOrder: {
      pooledOrderId: 'o1',
      groupId: 'g1',
      createdBy: 'a',
      deadline: '2026-11-10T14:00:00.000Z',
      status: 'confirming',
      createdAt: '2026-11-10T10:00:00.000Z',
    },
    members: [
      {
        userId: 'a',
        nickname: 'Alice',
        lines: [{ lineId: 'l1', itemId: 'i1', productId: 'p', title: 't', shopName: 's', unitPriceFen: 20_000, qty: 1, amountFen: 20_000 }],
        dueFen: 17_778,
        payment: 'pending',
        redPacketFen: null,
      },
    ],
    plan: null,
    planError: null,
    planCoupons: [],
  };

  it('offers finishing a pending part instead of paying it anew, until the deadline', () => {
    expect(confirmStateOf(order, 'a', NOW)).toEqual({ kind: 'pending', dueFen: 17_778 });
    expect(confirmStateOf(order, 'a', Date.parse('2026-11-10T14:00:00.000Z'))).toEqual({ kind: 'closed' });
  });

  it('counts a pending member among those the order waits for', () => {
    expect(pooledStatusText(order).detail).toContain('还在等：Alice');
  });

  it('labels a pending part in the money table', () => {
    const row: MemberMoney = {
      userId: 'a',
      nickname: 'Alice',
      lineCount: 1,
      amountFen: 20_000,
      discountFen: 2_222,
      payFen: 17_778,
      standaloneDiscountFen: null,
      shapleyDiscountFen: null,
      payment: 'pending',
      redPacketFen: null,
    };
    expect(memberNote(row)).toBe('付款中');
  });
});
