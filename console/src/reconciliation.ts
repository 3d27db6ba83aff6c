/**
 * The daily reconciliation's rules: which numbers of a day (and provider) mean money is not where
 * our books say it is. A red row needs an operator; an amber cell is still on its way and usually
 * settles by itself (the reconciler asks the providers every minute).
 */
import type { PaymentDayJson } from '../../contract/payments';
import { t } from './i18n';

export interface DayCheck {
  /** What the provider reported paid less what we asked for: 0 when the two agree. */
  differenceFen: number;
  /** Why the row is red, in the console's language; empty when the day balances. */
  problems: string[];
  /** Still moving (open refunds) or already made good (failed withdrawals are back in the wallet). */
  notes: string[];
}

export function checkDay(day: PaymentDayJson): DayCheck {
  const differenceFen = day.providerReportedFen - day.paidFen;
  const problems: string[] = [];
  const notes: string[] = [];
  if (differenceFen !== 0) problems.push(t('The provider received another amount than we asked for'));
  if (day.mismatchCount > 0)
    problems.push(
      t('{count} payment(s) of another amount than their order (refunded to their source automatically)', { count: day.mismatchCount }),
    );
  if (day.refundsFailed > 0) problems.push(t('{count} refund(s) failed: look on the merchant platform', { count: day.refundsFailed }));
  if (day.refundsOpen > 0) notes.push(t('{count} refund(s) in progress', { count: day.refundsOpen }));
  if (day.withdrawalsFailed > 0) notes.push(t('{count} withdrawal(s) failed (back in the wallet)', { count: day.withdrawalsFailed }));
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
