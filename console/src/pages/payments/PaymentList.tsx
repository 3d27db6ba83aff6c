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
import { usePaged, type Page } from '../../usePaged';

interface ListSpec<T> {
  columns: readonly Column<T>[];
  load(campaignId: string, cursor: string | undefined): Promise<Page<T>>;
  rowKey(row: T): string;
  rowClass?(row: T): string | undefined;
  loadingLabel: string;
  emptyTitle: string;
  emptyBody: string;
  /** Said above the table (what the list covers, when that is not obvious). */
  scope?: string;
}

const PAYMENTS: ListSpec<AdminPaymentJson> = {
  columns: PAYMENT_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'payments', ...(cursor ? { cursor } : {}) });
    return { rows: answer.payments ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (p) => p.paymentId,
  rowClass: (p) => (paidAmountDiffers(p) ? 'row--error' : undefined),
  loadingLabel: '正在加载支付记录… Loading payments…',
  emptyTitle: '还没有支付记录 No payments yet',
  emptyBody: '用户在这个活动里开团、参团或付拼单后，每一笔支付都会列在这里。',
};

const REFUNDS: ListSpec<AdminRefundJson> = {
  columns: REFUND_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'refunds', ...(cursor ? { cursor } : {}) });
    return { rows: answer.refunds ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (r) => r.refundId,
  rowClass: (r) => (r.status === 'failed' ? 'row--error' : undefined),
  loadingLabel: '正在加载退款… Loading refunds…',
  emptyTitle: '还没有退款 No refunds yet',
  emptyBody:
    '拼团失败、退出拼团、拼单过期或重复支付时，通过微信支付或支付宝原路退回的款项会列在这里（演示支付的退款当场完成，不经过渠道，不在此列）。',
};

const WITHDRAWALS: ListSpec<AdminWithdrawalJson> = {
  columns: WITHDRAWAL_COLUMNS,
  load: async (campaignId, cursor) => {
    const answer = await call('listPayments', { campaignId, kind: 'withdrawals', ...(cursor ? { cursor } : {}) });
    return { rows: answer.withdrawals ?? [], nextCursor: answer.nextCursor };
  },
  rowKey: (w) => w.withdrawalId,
  rowClass: (w) => (w.status === 'failed' ? 'row--error' : undefined),
  loadingLabel: '正在加载提现… Loading withdrawals…',
  emptyTitle: '还没有提现 No withdrawals yet',
  emptyBody: '用户把红包余额提现到微信零钱或支付宝后，会列在这里。',
  scope: '提现不属于某个活动：这里列出所有用户的提现。 Withdrawals belong to no campaign: everyone’s are listed.',
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
          {list.loading ? '' : `已显示 ${list.rows.length} 条${list.hasMore ? '，还有更多' : ''} · ${list.rows.length} shown`}
          {spec.scope && <span className='toolbar__scope'>{spec.scope}</span>}
        </span>
        <div className='page__actions'>
          <button type='button' className='button' id={`${kind}-refresh`} onClick={() => void list.reload()} disabled={list.reloading}>
            {list.reloading ? '刷新中… Refreshing…' : '刷新 Refresh'}
          </button>
          <button type='button' className='button' id={`${kind}-export`} onClick={exportCsv} disabled={list.rows.length === 0}>
            导出 CSV Export
          </button>
        </div>
      </div>
      {list.loading ? (
        <Loading label={spec.loadingLabel} />
      ) : list.error && list.rows.length === 0 ? (
        <ErrorBox error={list.error} onRetry={() => void list.reload()} />
      ) : list.rows.length === 0 ? (
        <Empty title={spec.emptyTitle}>{spec.emptyBody}</Empty>
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
                {list.loadingMore ? '加载中… Loading…' : '加载更多 Load more'}
              </button>
            ) : (
              <span className='muted' id={`${kind}-all-loaded`}>
                已全部加载 All loaded
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
