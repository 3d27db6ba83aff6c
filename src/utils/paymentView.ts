import type { PaymentJson, PaymentPurpose, PaymentStatus } from '../../contract/payments';
import type { PayPhase } from '../services/payment';
import { formatYuan } from './money';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

const STATUS_TEXT: Record<PaymentStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

/** A payment's status as a shopper reads it in her payment records. */
export function paymentStatusText(status: PaymentStatus): string {
  return STATUS_TEXT[status];
}

const PURPOSE_TEXT: Record<PaymentPurpose, string> = { group_buy: '拼团', pooled_order: '领券拼单' };

export function paymentPurposeText(purpose: PaymentPurpose): string {
  return PURPOSE_TEXT[purpose];
}

/**
 * The red-packet money a payment of `amountFen` may take from a wallet of `balanceFen`: all of
 * the balance when it does not cover the amount, else the amount. Never negative.
 */
export function walletPartFen(balanceFen: number, amountFen: number): number {
  return Math.max(0, Math.min(balanceFen, amountFen));
}

/** What is left for WeChat Pay or Alipay once the wallet part is taken. */
export function leftToPayFen(amountFen: number, walletFen: number): number {
  return Math.max(0, amountFen - walletFen);
}

/** "红包抵扣 ¥3.00，还需支付 ¥66.00", or that the wallet pays it all. */
export function walletSpendText(amountFen: number, walletFen: number): string {
  const left = leftToPayFen(amountFen, walletFen);
  if (left === 0) return `红包抵扣 ${formatYuan(walletFen)}，无需再付款`;
  return `红包抵扣 ${formatYuan(walletFen)}，还需支付 ${formatYuan(left)}`;
}

/**
 * "20:05": the hour and minute of a time on the Beijing clock (the shop's time zone, whatever
 * the device's), without Intl, which not every mini-program runtime has.
 */
export function clockTime(iso: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const beijing = new Date(time + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`;
}

/** What a payment holds while it waits: a seat in a group buy, or her part of a pooled order. */
function heldThing(purpose: PaymentPurpose): string {
  return purpose === 'group_buy' ? '座位' : '你的份额';
}

/** After the shopper closed the cashier without paying. */
export function cancelledText(payment: Pick<PaymentJson, 'purpose' | 'expiresAt'>): string {
  return `已取消支付，${heldThing(payment.purpose)}会为你保留到 ${clockTime(payment.expiresAt)}`;
}

/** A pending payment found again later (the page was left and opened anew). */
export function unpaidText(payment: Pick<PaymentJson, 'purpose' | 'expiresAt'>): string {
  return `还没付款，${heldThing(payment.purpose)}会为你保留到 ${clockTime(payment.expiresAt)}`;
}

/** The total a payment took: the provider's part and the wallet's. */
export function paidTotalFen(payment: Pick<PaymentJson, 'amountFen' | 'walletFen'>): number {
  return payment.amountFen + payment.walletFen;
}

/** One line of a payment record: what it cost and how it was paid. */
export function paymentAmountText(payment: Pick<PaymentJson, 'amountFen' | 'walletFen' | 'refundedFen'>): string {
  const parts = [`共 ${formatYuan(paidTotalFen(payment))}`];
  if (payment.walletFen > 0) parts.push(`红包抵扣 ${formatYuan(payment.walletFen)}`);
  if (payment.refundedFen > 0) parts.push(`已退 ${formatYuan(payment.refundedFen)}`);
  return parts.join(' · ');
}

export interface PayPhaseView {
  tone: 'info' | 'good' | 'bad';
  text: string;
  /** The label of the button that does what the phase offers (pay again, ask again); null when none. */
  retryLabel: string | null;
}

/** What the payment step shows for each phase; nothing while idle. */
export function payPhaseView(phase: PayPhase): PayPhaseView | null {
  switch (phase.kind) {
    case 'idle':
      return null;
    case 'ordering':
      return { tone: 'info', text: '正在下单…', retryLabel: null };
    case 'cashier':
    case 'checking':
      return { tone: 'info', text: '支付中…', retryLabel: null };
    case 'paid':
      return { tone: 'good', text: `已支付 ${formatYuan(paidTotalFen(phase.payment))}`, retryLabel: null };
    case 'cancelled':
      return { tone: 'bad', text: cancelledText(phase.payment), retryLabel: '重新支付' };
    case 'failed':
      return { tone: 'bad', text: phase.message, retryLabel: '重新支付' };
    case 'unconfirmed':
      return { tone: 'info', text: '还没收到支付结果。如果已经付款，稍后会自动更新', retryLabel: '再查一次' };
    case 'closed':
      return { tone: 'bad', text: phase.message, retryLabel: null };
    case 'unavailable':
      return { tone: 'bad', text: '支付服务暂时不可用，请稍后重试', retryLabel: '重试' };
    case 'refused':
      return { tone: 'bad', text: phase.message, retryLabel: null };
  }
}
