/**
 * The columns of the payments, refunds and withdrawals tables. One definition serves the table
 * and its CSV export, so the file holds exactly what the operator saw (money in yuan without
 * separators, as in the console's other CSV; times to the second in the campaign's zone).
 */
import type { AdminPaymentJson, AdminRefundJson, AdminWithdrawalJson, PaymentDayJson } from '../../contract/payments';
import { csvText } from './csv';
import type { MessageKey } from './i18n';
import { formatFen, signedYuan, yuan } from './money';
import {
  paymentStatusLabel,
  providerLabel,
  purposeLabel,
  refundStatusLabel,
  withdrawalStatusLabel,
  type StatusLabel,
} from './paymentLabels';
import { checkDay } from './reconciliation';
import { formatStamp } from './time';

export type CellTone = 'error' | 'warn';

export type PaymentListKind = 'payments' | 'refunds' | 'withdrawals';

interface ColumnBase<T> {
  /** The CSV header, and the cell's data-col in the page. */
  key: string;
  /** The table header, in the console's language. */
  title: MessageKey;
  /** A cell to colour: red when something is off with the row, amber when it is still on its way. */
  tone?: (row: T) => CellTone | null;
}

export type Column<T> = ColumnBase<T> &
  (
    | { kind: 'text'; value: (row: T) => string }
    /** An identifier people copy into another system: shown in monospace. */
    | { kind: 'id'; value: (row: T) => string | null }
    /** `signed`: a difference, "+¥0.50" or "-¥0.50". */
    | { kind: 'money'; fen: (row: T) => number | null; signed?: boolean }
    | { kind: 'count'; count: (row: T) => number }
    | { kind: 'time'; iso: (row: T) => string | null }
    | { kind: 'status'; status: (row: T) => StatusLabel }
  );

/** What a cell shows (a status's label; its colour is the page's business). */
export function cellText<T>(column: Column<T>, row: T, timeZone: string): string {
  switch (column.kind) {
    case 'text':
      return column.value(row);
    case 'id':
      return column.value(row) ?? '—';
    case 'money': {
      const fen = column.fen(row);
      if (fen === null) return '—';
      return column.signed ? signedYuan(fen) : yuan(fen);
    }
    case 'count':
      return String(column.count(row));
    case 'time':
      return formatStamp(column.iso(row), timeZone);
    case 'status':
      return column.status(row).label;
  }
}

/** What the CSV holds for a cell: as shown, except money as plain yuan ("1234.56") and nothing for a missing value. */
export function csvValue<T>(column: Column<T>, row: T, timeZone: string): string {
  switch (column.kind) {
    case 'id':
      return column.value(row) ?? '';
    case 'money': {
      const fen = column.fen(row);
      return fen === null ? '' : formatFen(fen, { grouping: false });
    }
    case 'time':
      return column.iso(row) ? formatStamp(column.iso(row), timeZone) : '';
    default:
      return cellText(column, row, timeZone);
  }
}

export function rowsCsv<T>(columns: readonly Column<T>[], rows: readonly T[], timeZone: string): string {
  return csvText(
    columns.map((c) => c.key),
    rows.map((row) => columns.map((c) => csvValue(c, row, timeZone))),
  );
}

/** The provider reported another amount than we asked for (the payment is then refunded automatically). */
export function paidAmountDiffers(p: AdminPaymentJson): boolean {
  return p.providerPaidFen !== null && p.providerPaidFen !== p.amountFen;
}

export const PAYMENT_COLUMNS: readonly Column<AdminPaymentJson>[] = [
  { key: 'created_at', title: 'Created at', kind: 'time', iso: (p) => p.createdAt },
  { key: 'payer', title: 'Payer', kind: 'text', value: (p) => p.nickname },
  { key: 'provider', title: 'Provider', kind: 'text', value: (p) => providerLabel(p.provider) },
  { key: 'status', title: 'Status', kind: 'status', status: (p) => paymentStatusLabel(p.status) },
  { key: 'amount_yuan', title: 'Amount due', kind: 'money', fen: (p) => p.amountFen },
  { key: 'wallet_yuan', title: 'Wallet', kind: 'money', fen: (p) => p.walletFen },
  {
    key: 'provider_paid_yuan',
    title: 'Provider paid',
    kind: 'money',
    fen: (p) => p.providerPaidFen,
    tone: (p) => (paidAmountDiffers(p) ? 'error' : null),
  },
  { key: 'refunded_yuan', title: 'Refunded', kind: 'money', fen: (p) => p.refundedFen },
  { key: 'purpose', title: 'For', kind: 'text', value: (p) => purposeLabel(p.purpose) },
  { key: 'payment_id', title: 'Payment no. out_trade_no', kind: 'id', value: (p) => p.paymentId },
  { key: 'provider_trade_id', title: 'Provider trade no.', kind: 'id', value: (p) => p.providerTradeId },
  { key: 'paid_at', title: 'Paid at', kind: 'time', iso: (p) => p.paidAt },
];

export const REFUND_COLUMNS: readonly Column<AdminRefundJson>[] = [
  { key: 'created_at', title: 'Created at', kind: 'time', iso: (r) => r.createdAt },
  { key: 'payer', title: 'Payer', kind: 'text', value: (r) => r.nickname },
  { key: 'provider', title: 'Provider', kind: 'text', value: (r) => providerLabel(r.provider) },
  { key: 'status', title: 'Status', kind: 'status', status: (r) => refundStatusLabel(r.status) },
  { key: 'amount_yuan', title: 'Refund amount', kind: 'money', fen: (r) => r.amountFen },
  { key: 'reason', title: 'Reason', kind: 'text', value: (r) => r.reason },
  {
    key: 'fail_reason',
    title: 'Failure',
    kind: 'text',
    value: (r) => r.failReason ?? '',
    tone: (r) => (r.status === 'failed' ? 'error' : null),
  },
  { key: 'attempts', title: 'Attempts', kind: 'count', count: (r) => r.attempts },
  { key: 'refund_id', title: 'Refund no. out_refund_no', kind: 'id', value: (r) => r.refundId },
  { key: 'payment_id', title: 'Payment no. out_trade_no', kind: 'id', value: (r) => r.paymentId },
  { key: 'provider_refund_id', title: 'Provider refund no.', kind: 'id', value: (r) => r.providerRefundId },
  { key: 'finished_at', title: 'Finished at', kind: 'time', iso: (r) => r.finishedAt },
];

export const WITHDRAWAL_COLUMNS: readonly Column<AdminWithdrawalJson>[] = [
  { key: 'created_at', title: 'Created at', kind: 'time', iso: (w) => w.createdAt },
  { key: 'user', title: 'User', kind: 'text', value: (w) => w.nickname },
  { key: 'provider', title: 'Provider', kind: 'text', value: (w) => providerLabel(w.provider) },
  { key: 'status', title: 'Status', kind: 'status', status: (w) => withdrawalStatusLabel(w.status) },
  { key: 'amount_yuan', title: 'Amount', kind: 'money', fen: (w) => w.amountFen },
  {
    key: 'fail_reason',
    title: 'Failure',
    kind: 'text',
    value: (w) => w.failReason ?? '',
    tone: (w) => (w.status === 'failed' ? 'error' : null),
  },
  { key: 'attempts', title: 'Attempts', kind: 'count', count: (w) => w.attempts },
  { key: 'withdrawal_id', title: 'Withdrawal no.', kind: 'id', value: (w) => w.withdrawalId },
  { key: 'finished_at', title: 'Finished at', kind: 'time', iso: (w) => w.finishedAt },
];

const whenAny = (n: number, tone: CellTone): CellTone | null => (n > 0 ? tone : null);

/** The reconciliation, per day (host's campaign zone) and provider. */
export const DAY_COLUMNS: readonly Column<PaymentDayJson>[] = [
  { key: 'day', title: 'Day', kind: 'text', value: (d) => d.day },
  { key: 'provider', title: 'Provider', kind: 'text', value: (d) => providerLabel(d.provider) },
  { key: 'paid_count', title: 'Payments made', kind: 'count', count: (d) => d.paidCount },
  { key: 'paid_yuan', title: 'Ours', kind: 'money', fen: (d) => d.paidFen },
  { key: 'provider_reported_yuan', title: 'Provider reported', kind: 'money', fen: (d) => d.providerReportedFen },
  {
    key: 'difference_yuan',
    title: 'Difference',
    kind: 'money',
    signed: true,
    fen: (d) => checkDay(d).differenceFen,
    tone: (d) => (checkDay(d).differenceFen !== 0 ? 'error' : null),
  },
  {
    key: 'mismatches',
    title: 'Mismatches',
    kind: 'count',
    count: (d) => d.mismatchCount,
    tone: (d) => whenAny(d.mismatchCount, 'error'),
  },
  { key: 'refunded_yuan', title: 'Refunded', kind: 'money', fen: (d) => d.refundedFen },
  { key: 'refunds_open', title: 'Refunds open', kind: 'count', count: (d) => d.refundsOpen, tone: (d) => whenAny(d.refundsOpen, 'warn') },
  {
    key: 'refunds_failed',
    title: 'Refunds failed',
    kind: 'count',
    count: (d) => d.refundsFailed,
    tone: (d) => whenAny(d.refundsFailed, 'error'),
  },
  { key: 'closed', title: 'Closed unpaid', kind: 'count', count: (d) => d.closedCount },
  { key: 'wallet_yuan', title: 'Wallet', kind: 'money', fen: (d) => d.walletFen },
  { key: 'withdrawn_yuan', title: 'Withdrawn', kind: 'money', fen: (d) => d.withdrawnFen },
  {
    key: 'withdrawals_failed',
    title: 'Withdrawals failed',
    kind: 'count',
    count: (d) => d.withdrawalsFailed,
    tone: (d) => whenAny(d.withdrawalsFailed, 'warn'),
  },
];
