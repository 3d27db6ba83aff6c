import { useEffect } from 'react';
import type { CampaignJson, CampaignStatsJson } from '../../../contract/campaigns';
import { call } from '../api';
import { dailyCsv, downloadText, withSpentThatDay } from '../csv';
import { FunnelChart } from '../components/FunnelChart';
import { LifecycleActions } from '../components/LifecycleActions';
import { LineChart } from '../components/LineChart';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { formatFen, percent, yuan } from '../money';
import { href } from '../router';
import { dayjs, formatInZone } from '../time';
import { useLoad } from '../useLoad';

const REFRESH_MS = 30_000;

interface Dashboard {
  campaign: CampaignJson;
  stats: CampaignStatsJson;
  loadedAt: Date;
}

export function StatsPage({ campaignId }: { campaignId: string }) {
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

  if (dashboard.loading) return <Loading label='Loading the numbers…' />;
  if (dashboard.error && !dashboard.data) {
    return (
      <section className='page'>
        <h1>Stats</h1>
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
            ← Campaigns
          </a>
          <h1>{campaign.name}</h1>
          <div className='editor__meta'>
            <StatusBadge status={campaign.status} />
            <span>
              {formatInZone(campaign.startsAt, campaign.timeZone, false)} – {formatInZone(campaign.endsAt, campaign.timeZone)}
            </span>
            <a href={href({ page: 'editor', campaignId })}>Edit</a>
            <a href={href({ page: 'audit', campaignId })}>Audit log</a>
            <a href={href({ page: 'payments', campaignId, tab: 'payments' })}>支付 Payments</a>
          </div>
        </div>
        <div className='page__actions'>
          <span className='muted' id='stats-updated'>
            Updated {dayjs(loadedAt).format('HH:mm:ss')}
          </span>
          <button
            type='button'
            className='button'
            id='stats-refresh'
            onClick={() => void dashboard.reload()}
            disabled={dashboard.reloading}
          >
            {dashboard.reloading ? 'Refreshing…' : 'Refresh'}
          </button>
          <LifecycleActions campaign={campaign} onChanged={() => void dashboard.reload()} />
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
  const t = stats.totals;
  const used = t.budgetFen > 0 ? t.budgetSpentFen / t.budgetFen : 0;
  return (
    <div className='tiles' id='totals'>
      <Tile id='total-groups-created' label='Groups created' value={String(t.groupsCreated)} sub={`${t.groupsActive} active`} />
      <Tile id='total-members' label='Members' value={String(t.members)} />
      <Tile id='total-shares' label='Shares' value={String(t.shares)} sub={`${t.sharesWithResponse} with a response`} />
      <Tile id='total-purchases' label='Purchases through shares' value={String(t.purchasesThroughShares)} />
      <Tile id='total-red-packets' label='Red packets issued' value={String(t.redPacketsIssued)} sub={yuan(t.redPacketsFen)} />
      <Tile id='total-splits' label='Splits' value={String(t.splits)} sub={yuan(t.splitFen)} />
      <Tile id='total-budget' label='Budget spent' value={yuan(t.budgetSpentFen)} sub={`of ${yuan(t.budgetFen)} (${percent(used)})`} />
    </div>
  );
}

function Charts({ stats, campaign }: { stats: CampaignStatsJson; campaign: CampaignJson }) {
  const daily = stats.daily;
  if (daily.length === 0) {
    return <Empty title='No daily numbers yet'>The charts fill in once the campaign window has started.</Empty>;
  }
  const labels = daily.map((d) => d.date);
  // budgetSpentFen and budgetPlanFen are running totals; the table also shows each day's spend.
  // Days still to come have no spend yet: the burn line stops at today.
  const today = dayjs().tz(campaign.timeZone).format('YYYY-MM-DD');
  const burnSoFar = daily.map((d) => (d.date <= today ? d.budgetSpentFen : null));
  const money = (fen: number) => yuan(Math.round(fen));
  // Axis labels drop ".00" on whole yuan: "¥4,000".
  const moneyAxis = (fen: number) => (Math.round(fen) % 100 === 0 ? `¥${formatFen(Math.round(fen)).slice(0, -3)}` : money(fen));
  const exportCsv = () => downloadText(`${campaign.slug}-daily.csv`, dailyCsv(daily));
  return (
    <>
      <div className='charts'>
        <LineChart
          id='chart-groups'
          title='Groups per day'
          labels={labels}
          series={[
            { label: 'Created', values: daily.map((d) => d.groupsCreated), color: '#ff4d4f' },
            { label: 'Became active', values: daily.map((d) => d.groupsActive), color: '#1677ff' },
          ]}
        />
        <LineChart
          id='chart-shares'
          title='Shares and purchases through shares'
          labels={labels}
          series={[
            { label: 'Shares', values: daily.map((d) => d.shares), color: '#fa8c16' },
            { label: 'Purchases through shares', values: daily.map((d) => d.purchasesThroughShares), color: '#52c41a', dashed: true },
          ]}
        />
        <LineChart
          id='chart-red-packets'
          title='Red packets issued'
          labels={labels}
          series={[{ label: 'Red packets', values: daily.map((d) => d.redPacketsIssued), color: '#eb2f96' }]}
        />
        <LineChart
          id='chart-splits'
          title='Pool splits (amount split)'
          labels={labels}
          format={money}
          axisFormat={moneyAxis}
          emptyTop={100}
          series={[{ label: 'Split', values: daily.map((d) => d.splitFen), color: '#722ed1' }]}
        />
        <LineChart
          id='chart-budget'
          title={`Budget burned vs plan (budget ${yuan(stats.totals.budgetFen)})`}
          labels={labels}
          format={money}
          axisFormat={moneyAxis}
          emptyTop={100}
          series={[
            { label: 'Spent (cumulative)', values: burnSoFar, color: '#ff4d4f' },
            { label: 'Plan', values: daily.map((d) => d.budgetPlanFen), color: '#8c8c8c', dashed: true },
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
        <h2>Daily numbers ({campaign.timeZone})</h2>
        <button type='button' className='button' id='export-csv' onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <table className='table table--compact' id='daily-table'>
        <thead>
          <tr>
            <th>Date</th>
            <th className='num'>Groups created</th>
            <th className='num'>Became active</th>
            <th className='num'>Shares</th>
            <th className='num'>Purchases via shares</th>
            <th className='num'>Red packets</th>
            <th className='num'>Split</th>
            <th className='num'>Spent that day</th>
            <th className='num'>Spent (cumulative)</th>
            <th className='num'>Plan (cumulative)</th>
          </tr>
        </thead>
        <tbody>
          {withSpentThatDay(daily).map(({ day: d, spentFen }) => (
            <tr key={d.date} data-date={d.date}>
              <td>{d.date}</td>
              <td className='num'>{d.groupsCreated}</td>
              <td className='num'>{d.groupsActive}</td>
              <td className='num'>{d.shares}</td>
              <td className='num'>{d.purchasesThroughShares}</td>
              <td className='num'>{d.redPacketsIssued}</td>
              <td className='num'>{yuan(d.splitFen)}</td>
              <td className='num'>{yuan(spentFen)}</td>
              <td className='num'>{d.date <= today ? yuan(d.budgetSpentFen) : '—'}</td>
              <td className='num'>{yuan(d.budgetPlanFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
