/**
 * The daily reconciliation's rules: which numbers of a day (and provider) mean money is not where
 * our books say it is. A red row needs an operator; an amber cell is still on its way and usually
 * settles by itself (the reconciler asks the providers every minute).
 */
import type { PaymentDayJson } from '../../contract/payments';

export interface DayCheck {
  /** What the provider reported paid less what we asked for: 0 when the two agree. */
  differenceFen: number;
  /** Why the row is red, in Chinese; empty when the day balances. */
  problems: string[];
  /** Still moving (open refunds) or already made good (failed withdrawals are back in the wallet). */
  notes: string[];
}

export function checkDay(day: PaymentDayJson): DayCheck {
  const differenceFen = day.providerReportedFen - day.paidFen;
  const problems: string[] = [];
  const notes: string[] = [];
  if (differenceFen !== 0) problems.push('渠道实收与我方应收不一致');
  if (day.mismatchCount > 0) problems.push(`${day.mismatchCount} 笔支付金额与订单不符（已自动发起原路退款）`);
  if (day.refundsFailed > 0) problems.push(`${day.refundsFailed} 笔退款失败，需到商户平台查看`);
  if (day.refundsOpen > 0) notes.push(`${day.refundsOpen} 笔退款处理中`);
  if (day.withdrawalsFailed > 0) notes.push(`${day.withdrawalsFailed} 笔提现失败（已退回红包）`);
  return { differenceFen, problems, notes };
}

export function needsAttention(day: PaymentDayJson): boolean {
  return checkDay(day).problems.length > 0;
}

type Summable = Exclude<keyof PaymentDayJson, 'day' | 'provider'>;

const SUMMED: readonly Summable[] = [
  'paidCount',
  'paidFen',
  'providerReportedFen',
  'mismatchCount',
  'refundedFen',
  'refundsOpen',
  'refundsFailed',
  'closedCount',
  'walletFen',
  'withdrawnFen',
  'withdrawalsFailed',
];

/** Every number of the days shown, added up (the table's last row). */
export function totalOf(days: readonly PaymentDayJson[]): Record<Summable, number> {
  const total = Object.fromEntries(SUMMED.map((key) => [key, 0])) as Record<Summable, number>;
  for (const day of days) for (const key of SUMMED) total[key] += day[key];
  return total;
}
