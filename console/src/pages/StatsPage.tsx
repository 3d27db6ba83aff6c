import { useEffect } from 'react';
import type { CampaignJson, CampaignStatsJson } from '../../../contract/campaigns';
import { call } from '../api';
import { couponsCsv, dailyCsv, dealsCsv, downloadText, topGroupsCsv, topProductsCsv, withSpentThatDay } from '../csv';
import { FunnelChart } from '../components/FunnelChart';
import { LifecycleActions } from '../components/LifecycleActions';
import { LineChart } from '../components/LineChart';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { formatFen, percent, yuan } from '../money';
import { href } from '../router';
import { dayjs, formatInZone } from '../time';
import { useLoad } from '../useLoad';
import { t } from '../i18n';

const REFRESH_MS = 30_000;

interface Dashboard {
  campaign: CampaignJson;
  stats: CampaignStatsJson;
  loadedAt: Date;
}

export function StatsPage({ campaignId, editor = true }: { campaignId: string; editor?: boolean }) {
  const dashboard = useLoad<Dashboard>(async () => {
    const [{ campaign }, stats] = await Promise.all([call('getCampaign', { campaignId }), call('campaignStats', { campaignId })]);
    return { campaign, stats, loadedAt: new Date() };
  }, `stats:${campaignId}`);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void dashboard.reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the timer restarts per campaign only; `dashboard` is a new object on every render
  }, [campaignId]);

  if (dashboard.loading) return <Loading label={t('Loading the numbers…')} />;
  if (dashboard.error && !dashboard.data) {
    return (
      <section className='page'>
        <h1>{t('Stats')}</h1>
        <ErrorBox error={dashboard.error} onRetry={() => void dashboard.reload()} />
      </section>
    );
  }
  if (!dashboard.data) return null;
  const { campaign, stats, loadedAt } = dashboard.data;
  return (
    <section className='page page--stats'>
      <div className='page__header'>
        <div>
          <a href='#/campaigns' className='back'>
            ← {t('Campaigns')}
          </a>
          <h1>{campaign.name}</h1>
          <div className='editor__meta'>
            <StatusBadge status={campaign.status} />
            <span>
              {formatInZone(campaign.startsAt, campaign.timeZone, false)} – {formatInZone(campaign.endsAt, campaign.timeZone)}
            </span>
            {editor && <a href={href({ page: 'editor', campaignId })}>{t('Edit')}</a>}
            <a href={href({ page: 'audit', campaignId })}>{t('Audit log')}</a>
            {editor && <a href={href({ page: 'payments', campaignId, tab: 'payments' })}>{t('Payments')}</a>}
          </div>
        </div>
        <div className='page__actions'>
          <span className='muted' id='stats-updated'>
            {t('Updated {time}', { time: dayjs(loadedAt).format('HH:mm:ss') })}
          </span>
          <button
            type='button'
            className='button'
            id='stats-refresh'
            onClick={() => void dashboard.reload()}
            disabled={dashboard.reloading}
          >
            {dashboard.reloading ? t('Refreshing…') : t('Refresh')}
          </button>
          {editor && <LifecycleActions campaign={campaign} onChanged={() => void dashboard.reload()} />}
        </div>
      </div>
      {dashboard.error && <ErrorBox error={dashboard.error} onRetry={() => void dashboard.reload()} />}
      <Totals stats={stats} />
      <Charts stats={stats} campaign={campaign} />
    </section>
  );
}

function Tile({ id, label, value, sub }: { id: string; label: string; value: string; sub?: string }) {
  return (
    <div className='tile' id={id}>
      <span className='tile__label'>{label}</span>
      <strong className='tile__value'>{value}</strong>
      {sub && <span className='tile__sub'>{sub}</span>}
    </div>
  );
}

function Totals({ stats }: { stats: CampaignStatsJson }) {
  const n = stats.totals;
  const used = n.budgetFen > 0 ? n.budgetSpentFen / n.budgetFen : 0;
  return (
    <div className='tiles' id='totals'>
      <Tile
        id='total-groups-created'
        label={t('Groups created')}
        value={String(n.groupsCreated)}
        sub={t('{count} active', { count: n.groupsActive })}
      />
      <Tile id='total-members' label={t('Members')} value={String(n.members)} />
      <Tile
        id='total-shares'
        label={t('Shares')}
        value={String(n.shares)}
        sub={t('{count} with a response', { count: n.sharesWithResponse })}
      />
      <Tile id='total-purchases' label={t('Purchases through shares')} value={String(n.purchasesThroughShares)} />
      <Tile id='total-red-packets' label={t('Red packets issued')} value={String(n.redPacketsIssued)} sub={yuan(n.redPacketsFen)} />
      <Tile id='total-splits' label={t('Splits')} value={String(n.splits)} sub={yuan(n.splitFen)} />
      <Tile
        id='total-budget'
        label={t('Budget spent')}
        value={yuan(n.budgetSpentFen)}
        sub={t('of {budget} ({percent})', { budget: yuan(n.budgetFen), percent: percent(used) })}
      />
    </div>
  );
}

function Charts({ stats, campaign }: { stats: CampaignStatsJson; campaign: CampaignJson }) {
  const daily = stats.daily;
  const planned = stats.planned;
  if (daily.length === 0 && planned.length === 0) {
    return <Empty title={t('No daily numbers yet')}>{t('The charts fill in once the campaign window has started.')}</Empty>;
  }
  // The days so far carry numbers; the days still to come only the plan: every line stops at
  // today, the plan (dashed, grey) runs on to the end of the window.
  const labels = [...daily.map((d) => d.date), ...planned.map((d) => d.date)];
  const actual = (pick: (d: (typeof daily)[number]) => number) => [...daily.map(pick), ...planned.map(() => null)];
  const plan = [...daily.map((d) => d.budgetPlanFen), ...planned.map((d) => d.budgetPlanFen)];
  const today = stats.today;
  const money = (fen: number) => yuan(Math.round(fen));
  // Axis labels drop ".00" on whole yuan: "¥4,000".
  const moneyAxis = (fen: number) => (Math.round(fen) % 100 === 0 ? `¥${formatFen(Math.round(fen)).slice(0, -3)}` : money(fen));
  const exportCsv = () => downloadText(`${campaign.slug}-daily.csv`, dailyCsv(daily));
  return (
    <>
      {planned.length > 0 && (
        <p className='muted' id='charts-today'>
          {t('Numbers up to today ({today}); the {days} days still to come show the plan only (dashed).', { today, days: planned.length })}
        </p>
      )}
      <div className='charts'>
        <LineChart
          id='chart-groups'
          title={t('Groups per day')}
          labels={labels}
          series={[
            { label: t('Created'), values: actual((d) => d.groupsCreated), color: '#ff4d4f' },
            { label: t('Became active'), values: actual((d) => d.groupsActive), color: '#1677ff' },
          ]}
        />
        <LineChart
          id='chart-shares'
          title={t('Shares and purchases through shares')}
          labels={labels}
          series={[
            { label: t('Shares'), values: actual((d) => d.shares), color: '#fa8c16' },
            { label: t('Purchases through shares'), values: actual((d) => d.purchasesThroughShares), color: '#52c41a', dashed: true },
          ]}
        />
        <LineChart
          id='chart-red-packets'
          title={t('Red packets issued')}
          labels={labels}
          series={[{ label: t('Red packets'), values: actual((d) => d.redPacketsIssued), color: '#eb2f96' }]}
        />
        <LineChart
          id='chart-splits'
          title={t('Pool splits (amount split)')}
          labels={labels}
          format={money}
          axisFormat={moneyAxis}
          emptyTop={100}
          series={[{ label: t('Split'), values: actual((d) => d.splitFen), color: '#722ed1' }]}
        />
        <LineChart
          id='chart-budget'
          title={t('Budget burned vs plan (budget {budget})', { budget: yuan(stats.totals.budgetFen) })}
          labels={labels}
          format={money}
          axisFormat={moneyAxis}
          emptyTop={100}
          series={[
            { label: t('Spent (cumulative)'), values: actual((d) => d.budgetSpentFen), color: '#ff4d4f' },
            { label: t('Plan'), values: plan, color: '#8c8c8c', dashed: true },
          ]}
        />
        <FunnelChart
          shareRate={stats.funnel.shareRate}
          responseRate={stats.funnel.responseRate}
          benchmarkShareRate={stats.funnel.benchmarkShareRate}
          benchmarkResponseRate={stats.funnel.benchmarkResponseRate}
          members={stats.totals.members}
          shares={stats.totals.shares}
          sharesWithResponse={stats.totals.sharesWithResponse}
        />
      </div>
      <div className='page__subheader'>
        <h2>{t('Daily numbers ({zone})', { zone: campaign.timeZone })}</h2>
        <button type='button' className='button' id='export-csv' onClick={exportCsv}>
          {t('Export CSV')}
        </button>
      </div>
      <table className='table table--compact' id='daily-table'>
        <thead>
          <tr>
            <th>{t('Date')}</th>
            <th className='num'>{t('Groups created')}</th>
            <th className='num'>{t('Became active')}</th>
            <th className='num'>{t('Shares')}</th>
            <th className='num'>{t('Purchases via shares')}</th>
            <th className='num'>{t('Red packets')}</th>
            <th className='num'>{t('Split')}</th>
            <th className='num'>{t('Spent that day')}</th>
            <th className='num'>{t('Spent (cumulative)')}</th>
            <th className='num'>{t('Plan (cumulative)')}</th>
          </tr>
        </thead>
        <tbody>
          {withSpentThatDay(daily).map(({ day: d, spentFen }) => (
            <tr key={d.date} data-date={d.date} className={d.date === today ? 'row--today' : undefined}>
              <td>{d.date}</td>
              <td className='num'>{d.groupsCreated}</td>
              <td className='num'>{d.groupsActive}</td>
              <td className='num'>{d.shares}</td>
              <td className='num'>{d.purchasesThroughShares}</td>
              <td className='num'>{d.redPacketsIssued}</td>
              <td className='num'>{yuan(d.splitFen)}</td>
              <td className='num'>{yuan(spentFen)}</td>
              <td className='num'>{yuan(d.budgetSpentFen)}</td>
              <td className='num'>{yuan(d.budgetPlanFen)}</td>
            </tr>
          ))}
          {planned.map((d) => (
            <tr key={d.date} data-date={d.date} className='row--planned'>
              <td>{d.date}</td>
              <td className='num' colSpan={8}>
                {t('still to come: plan only')}
              </td>
              <td className='num'>{yuan(d.budgetPlanFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Breakdowns stats={stats} slug={campaign.slug} />
    </>
  );
}

/** A heading with its CSV button. */
function TableHead({ title, id, onExport }: { title: string; id: string; onExport(): void }) {
  return (
    <div className='page__subheader'>
      <h2>{title}</h2>
      <button type='button' className='button' id={id} onClick={onExport}>
        {t('Export CSV')}
      </button>
    </div>
  );
}

/** Per coupon, per deal, the groups that share most and the products shared most; each as CSV too. */
function Breakdowns({ stats, slug }: { stats: CampaignStatsJson; slug: string }) {
  return (
    <>
      <TableHead title={t('Coupons')} id='export-coupons' onExport={() => downloadText(`${slug}-coupons.csv`, couponsCsv(stats.coupons))} />
      {stats.coupons.length === 0 ? (
        <Empty title={t('No coupons in this campaign yet')} />
      ) : (
        <table className='table table--compact' id='stats-coupons'>
          <thead>
            <tr>
              <th>{t('Title')}</th>
              <th className='num'>{t('Stock')}</th>
              <th className='num'>{t('Claimed')}</th>
              <th className='num'>{t('Used')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.coupons.map((c) => (
              <tr key={c.templateId} data-id={c.templateId}>
                <td>{c.title}</td>
                <td className='num'>
                  {c.stockLeft} / {c.stockTotal}
                </td>
                <td className='num' data-col='claimed'>
                  {c.claimed}
                </td>
                <td className='num' data-col='used'>
                  {c.used}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TableHead title={t('Group deals')} id='export-deals' onExport={() => downloadText(`${slug}-deals.csv`, dealsCsv(stats.deals))} />
      {stats.deals.length === 0 ? (
        <Empty title={t('No group deals in this campaign yet')} />
      ) : (
        <table className='table table--compact' id='stats-deals'>
          <thead>
            <tr>
              <th>{t('Product')}</th>
              <th className='num'>{t('Group price')}</th>
              <th className='num'>{t('Group size')}</th>
              <th className='num'>{t('Opened')}</th>
              <th className='num'>{t('Open now')}</th>
              <th className='num'>{t('Succeeded')}</th>
              <th className='num'>{t('Failed')}</th>
              <th className='num'>{t('GMV')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.deals.map((d) => (
              <tr key={d.dealId} data-id={d.dealId}>
                <td>{d.title}</td>
                <td className='num'>{yuan(d.groupPriceFen)}</td>
                <td className='num'>{d.size}</td>
                <td className='num' data-col='opened'>
                  {d.opened}
                </td>
                <td className='num'>{d.open}</td>
                <td className='num'>{d.succeeded}</td>
                <td className='num'>{d.failed}</td>
                <td className='num'>{yuan(d.gmvFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className='columns'>
        <div>
          <TableHead
            title={t('Top groups (by shares)')}
            id='export-top-groups'
            onExport={() => downloadText(`${slug}-top-groups.csv`, topGroupsCsv(stats.topGroups))}
          />
          {stats.topGroups.length === 0 ? (
            <Empty title={t('No shares yet')} />
          ) : (
            <table className='table table--compact' id='stats-top-groups'>
              <thead>
                <tr>
                  <th>{t('Group')}</th>
                  <th className='num'>{t('Members')}</th>
                  <th className='num'>{t('Shares')}</th>
                  <th className='num'>{t('Purchases via shares')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.topGroups.map((g) => (
                  <tr key={g.groupId} data-id={g.groupId}>
                    <td>{g.name}</td>
                    <td className='num'>{g.memberCount}</td>
                    <td className='num'>{g.shares}</td>
                    <td className='num'>{g.purchasesThroughShares}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <TableHead
            title={t('Top shared products')}
            id='export-top-products'
            onExport={() => downloadText(`${slug}-top-products.csv`, topProductsCsv(stats.topSharedProducts))}
          />
          {stats.topSharedProducts.length === 0 ? (
            <Empty title={t('No shares yet')} />
          ) : (
            <table className='table table--compact' id='stats-top-products'>
              <thead>
                <tr>
                  <th>{t('Product')}</th>
                  <th>{t('Shop')}</th>
                  <th className='num'>{t('Shares')}</th>
                  <th className='num'>{t('Purchases via shares')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.topSharedProducts.map((p) => (
                  <tr key={p.productId} data-id={p.productId}>
                    <td>{p.title}</td>
                    <td>{p.shopName}</td>
                    <td className='num'>{p.shares}</td>
                    <td className='num'>{p.purchasesThroughShares}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  );
}
