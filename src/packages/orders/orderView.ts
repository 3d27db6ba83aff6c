import type { MyOrderDetailJson, MyOrderJson, MyOrderKind, MyOrderState } from '../../../contract/orders';
import { formatYuan } from '../../utils/money';

/** What 我的订单 shows of an order: pure rules, unit-tested beside the pages. */

export const KIND_LABELS: Record<MyOrderKind, string> = { checkout: '下单', pooled: '拼单', group_buy: '拼团' };

export type StateTone = 'wait' | 'good' | 'back' | 'bad';

/** The state as the shopper reads it, per kind (a paid pooled part waits for the others, a paid seat for the group). */
export function stateView(order: Pick<MyOrderJson, 'kind' | 'state'>): { label: string; tone: StateTone } {
  const labels: Record<MyOrderState, { label: string; tone: StateTone }> = {
    pending_payment: { label: '待支付', tone: 'wait' },
    paid: { label: order.kind === 'group_buy' ? '已支付 · 等待成团' : '已支付 · 等待大家付款', tone: 'wait' },
    placed: { label: order.kind === 'group_buy' ? '拼团成功' : '已下单', tone: 'good' },
    refunding: { label: '退款中', tone: 'back' },
    refunded: { label: '已退款', tone: 'back' },
    failed: { label: order.kind === 'group_buy' ? '未支付 · 已取消' : '未成单', tone: 'bad' },
  };
  return labels[order.state];
}

/** The row's title: the first product, and how many more units come with it. */
export function orderTitle(order: Pick<MyOrderJson, 'title' | 'itemCount' | 'kind'>): string {
  const title = order.title.trim() || (order.kind === 'group_buy' ? '拼团商品' : '商品');
  return order.itemCount > 1 ? `${title} 等 ${order.itemCount} 件` : title;
}

/** The money line under a row: what she pays or paid, with what it saved and what came back. */
export function moneyLine(order: Pick<MyOrderJson, 'state' | 'amountFen' | 'discountFen' | 'refundedFen'>): string {
  const parts = [`${order.state === 'pending_payment' ? '应付' : '实付'} ${formatYuan(order.amountFen)}`];
  if (order.discountFen > 0) parts.push(`省 ${formatYuan(order.discountFen)}`);
  if (order.refundedFen > 0) parts.push(`已退 ${formatYuan(order.refundedFen)}`);
  return parts.join(' · ');
}

/** The red packets an order earned, or null when none. */
export function redPacketLine(order: Pick<MyOrderJson, 'redPacketFen'>): string | null {
  return order.redPacketFen > 0 ? `赢得购买红包 ${formatYuan(order.redPacketFen)}` : null;
}

/** Where the shopper goes from the detail to act on it: pay a held part or seat, or look at the buy. */
export function nextStep(order: Pick<MyOrderJson, 'kind' | 'state' | 'id'>): { label: string; target: 'pooled' | 'group_buy' } | null {
  if (order.kind === 'checkout') return null;
  const target = order.kind;
  if (order.state === 'pending_payment') return { label: '去支付', target };
  return { label: order.kind === 'pooled' ? '查看拼单' : '查看拼团', target };
}

const PACKET_STATUS: Record<MyOrderDetailJson['redPackets'][number]['status'], string> = {
  pending: '待解锁',
  posted: '已入群红包池',
  voided: '已因退款作废',
};

export function packetStatusLabel(status: MyOrderDetailJson['redPackets'][number]['status']): string {
  return PACKET_STATUS[status];
}

const GROUP_BUY_OUTCOMES: Record<string, string> = {
  full: '人满成团',
  virtual: '到时自动成团',
  expired: '到时未成团',
  abandoned: '大家都退出了',
};

/** A group buy's own state in words: seats taken, and how it ended. */
export function groupBuyLine(groupBuy: NonNullable<MyOrderDetailJson['groupBuy']>): string {
  const seats = `${groupBuy.seatsTaken}/${groupBuy.size} 人`;
  if (groupBuy.status === 'open') return `拼团中 · ${seats}`;
  const how = groupBuy.outcome ? (GROUP_BUY_OUTCOMES[groupBuy.outcome] ?? groupBuy.outcome) : '';
  return `${groupBuy.status === 'succeeded' ? '已成团' : '未成团'}${how ? `（${how}）` : ''} · ${seats}`;
}

const POOLED_STATUS: Record<NonNullable<MyOrderDetailJson['pooledOrder']>['status'], string> = {
  open: '拼单中',
  confirming: '等待大家付款',
  placed: '已下单',
  expired: '已过期',
};

export function pooledLine(pooled: NonNullable<MyOrderDetailJson['pooledOrder']>): string {
  return POOLED_STATUS[pooled.status];
}
