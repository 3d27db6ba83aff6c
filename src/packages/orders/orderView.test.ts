import type { MyOrderJson } from '../../../contract/orders';
import { groupBuyLine, moneyLine, nextStep, orderTitle, packetStatusLabel, pooledLine, redPacketLine, stateView } from './orderView';

const order = (o: Partial<MyOrderJson> = {}): MyOrderJson => ({
  kind: 'checkout',
  id: 'demo-u-1',
  state: 'placed',
  title: '每日坚果',
  imageUrl: null,
  itemCount: 1,
  listFen: 5000,
  amountFen: 4500,
  discountFen: 500,
  refundedFen: 0,
  redPacketFen: 0,
  groupId: null,
  groupName: null,
  createdAt: '2026-11-05T02:00:00.000Z',
  ...o,
});

describe('我的订单 view rules', () => {
  it('reads every state per kind', () => {
    expect(stateView(order({ state: 'pending_payment' }))).toEqual({ label: '待支付', tone: 'wait' });
    expect(stateView(order({ kind: 'pooled', state: 'paid' })).label).toBe('已支付 · 等待大家付款');
    expect(stateView(order({ kind: 'group_buy', state: 'paid' })).label).toBe('已支付 · 等待成团');
    expect(stateView(order({ state: 'placed' }))).toEqual({ label: '已下单', tone: 'good' });
    expect(stateView(order({ kind: 'group_buy', state: 'placed' })).label).toBe('拼团成功');
    expect(stateView(order({ state: 'refunding' }))).toEqual({ label: '退款中', tone: 'back' });
    expect(stateView(order({ state: 'refunded' }))).toEqual({ label: '已退款', tone: 'back' });
    expect(stateView(order({ kind: 'group_buy', state: 'failed' }))).toEqual({ label: '未支付 · 已取消', tone: 'bad' });
    expect(stateView(order({ kind: 'pooled', state: 'failed' })).label).toBe('未成单');
  });

  it('names the first product and how many units come with it', () => {
    expect(orderTitle(order())).toBe('每日坚果');
    expect(orderTitle(order({ itemCount: 3 }))).toBe('每日坚果 等 3 件');
    expect(orderTitle(order({ title: '  ', kind: 'group_buy' }))).toBe('拼团商品');
  });

  it('shows what is due or paid, saved and refunded, and packets earned', () => {
    expect(moneyLine(order())).toBe('实付 ¥45.00 · 省 ¥5.00');
    expect(moneyLine(order({ state: 'pending_payment', discountFen: 0 }))).toBe('应付 ¥45.00');
    expect(moneyLine(order({ state: 'refunded', refundedFen: 4500 }))).toBe('实付 ¥45.00 · 省 ¥5.00 · 已退 ¥45.00');
    expect(redPacketLine(order())).toBeNull();
    expect(redPacketLine(order({ redPacketFen: 123 }))).toBe('赢得购买红包 ¥1.23');
  });

  it('leads a held part or seat to its payment, and nothing from a checkout', () => {
    expect(nextStep(order())).toBeNull();
    expect(nextStep(order({ kind: 'pooled', state: 'pending_payment' }))).toEqual({ label: '去支付', target: 'pooled' });
    expect(nextStep(order({ kind: 'group_buy', state: 'refunded' }))).toEqual({ label: '查看拼团', target: 'group_buy' });
    expect(nextStep(order({ kind: 'pooled', state: 'placed' }))).toEqual({ label: '查看拼单', target: 'pooled' });
  });

  it('tells a group buy, a pooled order and a packet in words', () => {
    const buy = { status: 'open' as const, outcome: null, size: 3, seatsTaken: 2, expiresAt: '', seat: 'paid' };
    expect(groupBuyLine(buy)).toBe('拼团中 · 2/3 人');
    expect(groupBuyLine({ ...buy, status: 'succeeded', outcome: 'full', seatsTaken: 3 })).toBe('已成团（人满成团） · 3/3 人');
    expect(groupBuyLine({ ...buy, status: 'failed', outcome: 'expired' })).toBe('未成团（到时未成团） · 2/3 人');
    expect(pooledLine({ status: 'confirming', deadline: '' })).toBe('等待大家付款');
    expect(packetStatusLabel('pending')).toBe('待解锁');
    expect(packetStatusLabel('voided')).toBe('已因退款作废');
  });
});
