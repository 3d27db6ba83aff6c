import type { PaymentDayJson } from '../../../../contract/payments';
import { call } from '../../api';
import { downloadText } from '../../csv';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { DAY_COLUMNS, cellText, rowsCsv } from '../../paymentColumns';
import { providerLabel } from '../../paymentLabels';
import { checkDay, needsAttention, totalOf } from '../../reconciliation';
import { href } from '../../router';
import { useLoad } from '../../useLoad';

/** What each column means and what to do about red, under the table. */
const EXPLANATIONS: Array<[string, string]> = [
  ['我方应收 / 渠道实收', '当天支付成功的金额：我们下单时要求的，和微信支付、支付宝回报实际收到的。演示支付两者总相同。'],
  ['差额 / 金额不符', '渠道实收减我方应收，应为 ¥0.00。金额不符的支付不会被接受，系统已自动发起原路退款（见「退款」）。'],
  ['已退款 / 退款中 / 退款失败', '当天退款成功的金额；仍在处理的退款（自动重试）；渠道放弃的退款。'],
  ['关闭未付', '超时未付、已关闭的支付单（占用的名额已释放）。'],
  ['红包抵扣 / 提现', '用户用红包余额抵扣的金额；提现到账的金额和失败笔数（失败的钱已退回红包）。提现不分活动，是所有用户的。'],
];

/** The daily reconciliation of a campaign: our books beside what each provider reported. */
export function Reconciliation({ campaignId, filePrefix }: { campaignId: string; filePrefix: string }) {
  const days = useLoad(() => call('paymentDays', { campaignId }), `days:${campaignId}`);
  const rows = days.data?.days ?? [];
  const red = rows.filter(needsAttention);
  // The days are dates already (the server cut them in its campaign zone); no column is a time.
  const zone = 'UTC';
  const exportCsv = () => downloadText(`${filePrefix}-reconciliation.csv`, rowsCsv(DAY_COLUMNS, rows, zone));

  return (
    <div id='reconciliation'>
      <div className='toolbar'>
        <span className='muted'>最近 60 天，按活动时区的自然日和支付渠道汇总 · Last 60 days, per day and provider</span>
        <div className='page__actions'>
          <button type='button' className='button' id='days-refresh' onClick={() => void days.reload()} disabled={days.reloading}>
            {days.reloading ? '刷新中… Refreshing…' : '刷新 Refresh'}
          </button>
          <button type='button' className='button' id='days-export' onClick={exportCsv} disabled={rows.length === 0}>
            导出 CSV Export
          </button>
        </div>
      </div>
      {days.loading ? (
        <Loading label='正在加载对账… Loading the reconciliation…' />
      ) : days.error && !days.data ? (
        <ErrorBox error={days.error} onRetry={() => void days.reload()} />
      ) : rows.length === 0 ? (
        <Empty title='最近 60 天没有支付往来 Nothing to reconcile yet'>有支付、退款或提现的日子会在这里逐日列出。</Empty>
      ) : (
        <>
          {days.error && <ErrorBox error={days.error} onRetry={() => void days.reload()} />}
          {red.length > 0 ? (
            <p className='notice notice--error' id='days-summary' role='alert'>
              {red.length} 行对不上（标红），请按下方说明处理。 {red.length} row(s) need a look.
            </p>
          ) : (
            <p className='notice' id='days-summary'>
              全部对平：渠道实收与我方应收一致，没有失败的退款。 Everything balances.
            </p>
          )}
          <DataTable
            id='days-table'
            columns={DAY_COLUMNS}
            rows={rows}
            rowKey={(d) => `${d.day}:${d.provider}`}
            rowClass={(d) => (needsAttention(d) ? 'row--error' : undefined)}
            timeZone={zone}
            footer={<TotalRow days={rows} zone={zone} />}
          />
          {red.length > 0 && <Problems days={red} campaignId={campaignId} />}
          <Explanations campaignId={campaignId} />
        </>
      )}
    </div>
  );
}

function TotalRow({ days, zone }: { days: readonly PaymentDayJson[]; zone: string }) {
  const total: PaymentDayJson = { ...totalOf(days), day: '', provider: 'demo' };
  return (
    <tr className='row--total'>
      {DAY_COLUMNS.map((column) => {
        if (column.key === 'day') return <td key={column.key}>合计 Total</td>;
        if (column.key === 'provider') return <td key={column.key} />;
        return (
          <td key={column.key} className='num' data-col={column.key}>
            {cellText(column, total, zone)}
          </td>
        );
      })}
    </tr>
  );
}

function Problems({ days, campaignId }: { days: readonly PaymentDayJson[]; campaignId: string }) {
  return (
    <ul className='problems' id='days-problems'>
      {days.map((d) => (
        <li key={`${d.day}:${d.provider}`}>
          <strong>{d.day}</strong> {providerLabel(d.provider)}：{checkDay(d).problems.join('；')} ·{' '}
          <a href={href({ page: 'payments', campaignId, tab: d.refundsFailed > 0 ? 'refunds' : 'payments' })}>
            {d.refundsFailed > 0 ? '查看退款' : '查看支付记录'}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Explanations({ campaignId }: { campaignId: string }) {
  return (
    <div className='explain' id='days-explain'>
      <h3>各列含义 What the columns mean</h3>
      <dl>
        {EXPLANATIONS.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p>
        <strong>标红的行怎么办：</strong>
        差额或金额不符时，到 <a href={href({ page: 'payments', campaignId, tab: 'payments' })}>支付记录</a>{' '}
        找「渠道实收」标红的那笔，按支付单号（out_trade_no）在商户平台核对；还在途的支付和退款由对账程序每分钟向渠道查询一次，通常几分钟内自己对平。
        退款失败的，到 <a href={href({ page: 'payments', campaignId, tab: 'refunds' })}>退款</a>{' '}
        看失败原因，再到微信支付或支付宝商户平台处理（例如商户余额不足、用户账户异常）。
      </p>
      <p className='muted'>
        A red row: open the payment in 支付记录 by its out_trade_no; the reconciler asks the providers every minute, so amounts still on
        their way settle by themselves; a failed refund needs a look at the merchant platform.
      </p>
    </div>
  );
}
