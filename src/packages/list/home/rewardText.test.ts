import { purchaseOutcome, shareOutcome } from './rewardText';

const share = { shareId: 's1', groupId: 'g1', itemId: 'i1', sharedBy: { userId: 'u1', nickname: 'A' }, createdAt: '2026-11-01T00:00:00Z' };

describe('shareOutcome', () => {
  it('shows the packet when the draw gave one', () => {
    expect(shareOutcome({ share, redPacket: { redPacketId: 'r1', amountFen: 88 } })).toEqual({
      packet: expect.objectContaining({ amountFen: 88, caption: expect.stringContaining('已放入群红包池') }),
    });
  });

  it('is a quiet toast without a packet, and says when the budget is gone', () => {
    expect(shareOutcome({ share, redPacket: null, noRewardReason: 'no_luck' })).toEqual({ toast: '已分享到群里' });
    expect(shareOutcome({ share, redPacket: null, noRewardReason: 'budget_exhausted' })).toEqual({
      toast: expect.stringContaining('红包已经发完了'),
    });
  });

  it('says the campaign is paused or over when that is why no packet came', () => {
    expect(shareOutcome({ share, redPacket: null, noRewardReason: 'paused' })).toEqual({
      toast: '已分享到群里。活动暂停中，这次分享没有红包，恢复后再分享就有机会',
    });
    expect(shareOutcome({ share, redPacket: null, noRewardReason: 'ended' })).toEqual({
      toast: '已分享到群里。本期活动已结束，分享不再发红包',
    });
  });
});

describe('purchaseOutcome', () => {
  const order = { orderId: 'o1', totalFen: 10800 };
  it('sums the guaranteed packets into one pop-up', () => {
    const result = purchaseOutcome({ order, redPackets: [{ redPacketId: 'r1', amountFen: 120, groupId: 'g1', lineNo: 1 }] });
    expect(result).toEqual({
      packet: expect.objectContaining({ amountFen: 120, caption: '好友分享购买红包 ¥1.20，退货期过后放入群红包池，之后随瓜分到账' }),
    });
  });

  it('is a toast when the purchase earned no packet', () => {
    expect(purchaseOutcome({ order, redPackets: [] })).toEqual({ toast: '已下单，共 ¥108.00' });
  });
});
