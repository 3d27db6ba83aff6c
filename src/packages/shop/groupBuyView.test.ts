import type { GroupBuyJson } from '../../../contract/commerce';
import { mySeat, outcomeOf, seatsLeft } from './groupBuyView';

function buy(overrides: Partial<GroupBuyJson> = {}): GroupBuyJson {
  return {
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
    seatsTaken: 1,
    members: [{ userId: 'u1', nickname: 'Alice', role: 'leader', paidFen: 6_900, status: 'paid', joinedAt: '2026-11-01T00:00:00.000Z' }],
    paidCount: 1,
    expiresAt: '2026-11-02T00:00:00.000Z',
    createdAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('group buy view', () => {
  it('finds the viewer’s seat', () => {
    expect(mySeat(buy(), 'u1')).toBe('paid');
    expect(mySeat(buy(), 'u2')).toBeNull();
    expect(mySeat(buy(), null)).toBeNull();
  });

  it('counts seats left, never below zero', () => {
    expect(seatsLeft({ size: 3, seatsTaken: 1 })).toBe(2);
    expect(seatsLeft({ size: 3, seatsTaken: 4 })).toBe(0);
  });

  it('tells an open buy’s visitor how many are missing and that a failure refunds', () => {
    const outcome = outcomeOf(buy(), null);
    expect(outcome).toMatchObject({ tone: 'open', title: '还差 2 人成团' });
    expect(outcome.detail).toMatch(/全额退款/);
  });

  it('congratulates members of a full buy and mentions a virtual completion', () => {
    expect(outcomeOf(buy({ status: 'succeeded', outcome: 'full', seatsTaken: 3 }), 'paid')).toMatchObject({
      tone: 'good',
      title: '拼团成功',
    });
    expect(outcomeOf(buy({ status: 'succeeded', outcome: 'virtual' }), 'paid').detail).toMatch(/平台补齐/);
  });

  it('says a failed buy refunded the viewer’s money', () => {
    const failed = outcomeOf(buy({ status: 'failed', outcome: 'expired' }), 'refunded');
    expect(failed).toMatchObject({ tone: 'bad', title: '拼团失败' });
    expect(failed.detail).toBe('到截止时间人数未满，你支付的钱已全额退回');
    expect(outcomeOf(buy({ status: 'failed', outcome: 'abandoned' }), null).detail).toBe('大家都退出了');
  });
});
