import type { AdminPaymentJson, AdminRefundJson, AdminWithdrawalJson } from '../../../../contract/payments';
import { call } from '../../api';
import { downloadText } from '../../csv';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorBox, Loading } from '../../components/States';
import {
  PAYMENT_COLUMNS,
  REFUND_COLUMNS,
  WITHDRAWAL_COLUMNS,
  paidAmountDiffers,
  rowsCsv,
  type Column,
  type PaymentListKind,
} from '../../paymentColumns';
import { t, type MessageKey } from '../../i18n';
import { usePaged, type Page } from '../../usePaged';

interface ListSpec<T> {
  columns: readonly Column<T>[];
  load(campaignId: string, cursor: string | undefined): Promise<Page<T>>;
  rowKey(row: T): string;
  rowClass?(row: T): string | undefined;
  loadingLabel: MessageKey;
  emptyTitle: MessageKey;
  emptyBody: MessageKey;
  /** Said above the table (what the list covers, when that is not obvious). */
  scope?: MessageKey;
}

const PAYMENTS: ListSpec<AdminPaymentJson> = {
  columns: PAYMENT_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'payments', ...(cursor ? { cursor } : {}) });
    return { rows: answer.payments ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (p) => p.paymentId,
  rowClass: (p) => (paidAmountDiffers(p) ? 'row--error' : undefined),
  loadingLabel: 'Loading payments…',
  emptyTitle: 'No payments yet',
  emptyBody: 'Every payment in this campaign (opening or joining a group buy, paying a pooled order) is listed here.',
};

const REFUNDS: ListSpec<AdminRefundJson> = {
  columns: REFUND_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'refunds', ...(cursor ? { cursor } : {}) });
    return { rows: answer.refunds ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (r) => r.refundId,
  rowClass: (r) => (r.status === 'failed' ? 'row--error' : undefined),
  loadingLabel: 'Loading refunds…',
  emptyTitle: 'No refunds yet',
  emptyBody:
    'Money returned to its source through WeChat Pay or Alipay (a group buy that failed or was left, a pooled order that expired, a duplicate payment) is listed here. Demo refunds complete at once without a provider and are not listed.',
};

const WITHDRAWALS: ListSpec<AdminWithdrawalJson> = {
  columns: WITHDRAWAL_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'withdrawals', ...(cursor ? { cursor } : {}) });
    return { rows: answer.withdrawals ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (w) => w.withdrawalId,
  rowClass: (w) => (w.status === 'failed' ? 'row--error' : undefined),
  loadingLabel: 'Loading withdrawals…',
  emptyTitle: 'No withdrawals yet',
  emptyBody: 'Red-packet balances withdrawn to WeChat Change or Alipay are listed here.',
  scope: 'Withdrawals belong to no campaign: everyone’s are listed here.',
};

/** One of the three lists of a campaign, a page at a time, with its CSV. */
export function PaymentList({
  kind,
  campaignId,
  timeZone,
  filePrefix,
}: {
  kind: PaymentListKind;
  campaignId: string;
  timeZone: string;
  filePrefix: string;
}) {
  switch (kind) {
    case 'payments':
      return <PagedList spec={PAYMENTS} kind={kind} campaignId={campaignId} timeZone={timeZone} filePrefix={filePrefix} />;
    case 'refunds':
      return <PagedList spec={REFUNDS} kind={kind} campaignId={campaignId} timeZone={timeZone} filePrefix={filePrefix} />;
    case 'withdrawals':
      return <PagedList spec={WITHDRAWALS} kind={kind} campaignId={campaignId} timeZone={timeZone} filePrefix='all' />;
  }
}

function PagedList<T>({
  spec,
  kind,
  campaignId,
  timeZone,
  filePrefix,
}: {
  spec: ListSpec<T>;
  kind: PaymentListKind;
  campaignId: string;
  timeZone: string;
  filePrefix: string;
}) {
  const list = usePaged((cursor) => spec.load(campaignId, cursor), `${kind}:${campaignId}`);
  const exportCsv = () => downloadText(`${filePrefix}-${kind}.csv`, rowsCsv(spec.columns, list.rows, timeZone));

  return (
    <div className='payment-list' id={`list-${kind}`}>
      <div className='toolbar'>
        <span className='muted' id={`${kind}-count`}>
          {list.loading ? '' : t(list.hasMore ? '{count} shown, more to load' : '{count} shown', { count: list.rows.length })}
          {spec.scope && <span className='toolbar__scope'>{t(spec.scope)}</span>}
        </span>
        <div className='page__actions'>
          <button type='button' className='button' id={`${kind}-refresh`} onClick={() => void list.reload()} disabled={list.reloading}>
            {list.reloading ? t('Refreshing…') : t('Refresh')}
          </button>
          <button type='button' className='button' id={`${kind}-export`} onClick={exportCsv} disabled={list.rows.length === 0}>
            {t('Export CSV')}
          </button>
        </div>
      </div>
      {list.loading ? (
        <Loading label={t(spec.loadingLabel)} />
      ) : list.error && list.rows.length === 0 ? (
        <ErrorBox error={list.error} onRetry={() => void list.reload()} />
      ) : list.rows.length === 0 ? (
        <Empty title={t(spec.emptyTitle)}>{t(spec.emptyBody)}</Empty>
      ) : (
        <>
          {list.error && <ErrorBox error={list.error} onRetry={() => void list.reload()} />}
          <DataTable
            id={`${kind}-table`}
            columns={spec.columns}
            rows={list.rows}
            rowKey={spec.rowKey}
            rowClass={spec.rowClass}
            timeZone={timeZone}
          />
          {list.moreError && <ErrorBox error={list.moreError} onRetry={() => void list.loadMore()} />}
          <div className='load-more'>
            {list.hasMore ? (
              <button
                type='button'
                className='button'
                id={`${kind}-more`}
                onClick={() => void list.loadMore()}
                disabled={list.loadingMore || list.reloading}
              >
                {list.loadingMore ? t('Loading…') : t('Load more')}
              </button>
            ) : (
              <span className='muted' id={`${kind}-all-loaded`}>
                {t('All loaded')}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
