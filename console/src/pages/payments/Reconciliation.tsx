import type { PaymentDayJson } from '../../../../contract/payments';
import { call } from '../../api';
import { downloadText } from '../../csv';
import { DataTable } from '../../components/DataTable';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { DAY_COLUMNS, cellText, rowsCsv } from '../../paymentColumns';
import { providerLabel } from '../../paymentLabels';
import { checkDay, needsAttention, totalOf } from '../../reconciliation';
import { href } from '../../router';
import { fillNodes, lang, t, type MessageKey } from '../../i18n';
import { useLoad } from '../../useLoad';

/** What each column means (named by the column headers it explains) and what to do about red, under the table. */
const EXPLANATIONS: Array<[MessageKey[], MessageKey]> = [
  [
    ['Ours', 'Provider reported'],
    'What was paid that day: what we asked for when ordering, and what WeChat Pay or Alipay reported receiving. For demo payments the two are always the same.',
  ],
  [
    ['Difference', 'Mismatches'],
    'What the provider received less what we asked for; it should be ¥0.00. A payment of the wrong amount is not accepted: a refund to its source has been started automatically (see Refunds).',
  ],
  [
    ['Refunded', 'Refunds open', 'Refunds failed'],
    'Refunds that succeeded that day; refunds still being processed (retried automatically); refunds the provider gave up on.',
  ],
  [['Closed unpaid'], 'Payment orders closed unpaid after their time ran out (the places they held are free again).'],
  [
    ['Wallet', 'Withdrawn'],
    'What shoppers paid from their red-packet balance; withdrawals received, and those that failed (their money is back in the wallet). Withdrawals belong to no campaign: they are everyone’s.',
  ],
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
        <span className='muted'>{t('Last 60 days, per day in the campaign’s time zone and per provider')}</span>
        <div className='page__actions'>
          <button type='button' className='button' id='days-refresh' onClick={() => void days.reload()} disabled={days.reloading}>
            {days.reloading ? t('Refreshing…') : t('Refresh')}
          </button>
          <button type='button' className='button' id='days-export' onClick={exportCsv} disabled={rows.length === 0}>
            {t('Export CSV')}
          </button>
        </div>
      </div>
      {days.loading ? (
        <Loading label={t('Loading the reconciliation…')} />
      ) : days.error && !days.data ? (
        <ErrorBox error={days.error} onRetry={() => void days.reload()} />
      ) : rows.length === 0 ? (
        <Empty title={t('Nothing to reconcile in the last 60 days')}>
          {t('Days with payments, refunds or withdrawals are listed here one by one.')}
        </Empty>
      ) : (
        <>
          {days.error && <ErrorBox error={days.error} onRetry={() => void days.reload()} />}
          {red.length > 0 ? (
            <p className='notice notice--error' id='days-summary' role='alert'>
              {t('{count} row(s) do not balance (in red); see below for what to do.', { count: red.length })}
            </p>
          ) : (
            <p className='notice' id='days-summary'>
              {t('Everything balances: the providers received what we asked for, and no refund failed.')}
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
        if (column.key === 'day') return <td key={column.key}>{t('Total')}</td>;
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
          <strong>{d.day}</strong>{' '}
          {t('{provider}: {problems}', {
            provider: providerLabel(d.provider),
            problems: checkDay(d).problems.join(lang() === 'en' ? '; ' : '；'),
          })}{' '}
          ·{' '}
          <a href={href({ page: 'payments', campaignId, tab: d.refundsFailed > 0 ? 'refunds' : 'payments' })}>
            {d.refundsFailed > 0 ? t('See the refunds') : t('See the payments')}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Explanations({ campaignId }: { campaignId: string }) {
  const payments = <a href={href({ page: 'payments', campaignId, tab: 'payments' })}>{t('Payment records')}</a>;
  const refunds = <a href={href({ page: 'payments', campaignId, tab: 'refunds' })}>{t('Refunds')}</a>;
  return (
    <div className='explain' id='days-explain'>
      <h3>{t('What the columns mean')}</h3>
      <dl>
        {EXPLANATIONS.map(([terms, text]) => (
          <div key={text}>
            <dt>{terms.map((term) => t(term)).join(' / ')}</dt>
            <dd>{t(text)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <strong>{t('What to do about a red row:')}</strong>{' '}
        {fillNodes(
          t(
            'A difference or a mismatch: in {payments}, find the payment whose provider-paid amount is red and check it on the merchant platform by its payment number (out_trade_no). The reconciler asks the providers about payments and refunds still on their way every minute, so these usually balance by themselves within minutes.',
          ),
          { payments },
        )}{' '}
        {fillNodes(
          t(
            'A failed refund: see why in {refunds}, then deal with it on the WeChat Pay or Alipay merchant platform (for example the merchant balance is too low, or the user’s account has a problem).',
          ),
          { refunds },
        )}
      </p>
    </div>
  );
}
