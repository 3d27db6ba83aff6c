import type { CampaignJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { yuan } from '../money';
import { href } from '../router';
import { formatInZone } from '../time';
import { useLoad } from '../useLoad';

export function CampaignListPage() {
  const list = useLoad(() => call('listCampaigns', {}), 'campaigns');
  return (
    <section className='page'>
      <div className='page__header'>
        <h1>Campaigns</h1>
        <a className='button button--primary' href={href({ page: 'editor', campaignId: null })} id='new-campaign'>
          New campaign
        </a>
      </div>
      {list.loading ? (
        <Loading label='Loading campaigns…' />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data || list.data.campaigns.length === 0 ? (
        <Empty title='No campaigns yet'>Create one: set its window, rewards and budget, preview its page, then publish.</Empty>
      ) : (
        <CampaignTable campaigns={list.data.campaigns} />
      )}
    </section>
  );
}

function CampaignTable({ campaigns }: { campaigns: CampaignJson[] }) {
  return (
    <table className='table' id='campaign-table'>
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Window</th>
          <th className='num'>Budget</th>
          <th className='num'>Published version</th>
          <th>Unpublished changes</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr key={c.campaignId} data-campaign-id={c.campaignId} data-slug={c.slug}>
            <td>
              <a href={href({ page: 'editor', campaignId: c.campaignId })} className='campaign-name'>
                {c.name}
              </a>
              <div className='muted'>/{c.slug}</div>
            </td>
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td>
              {formatInZone(c.startsAt, c.timeZone, false)} – {formatInZone(c.endsAt, c.timeZone, false)}
              <div className='muted'>{c.timeZone}</div>
            </td>
            <td className='num'>{yuan(c.money.budgetFen)}</td>
            <td className='num'>{c.version > 0 ? `v${c.version}` : '—'}</td>
            <td>
              {c.hasUnpublishedChanges ? (
                <span className='pill pill--warn'>Yes, waiting to publish</span>
              ) : (
                <span className='muted'>No</span>
              )}
            </td>
            <td className='actions'>
              <a href={href({ page: 'editor', campaignId: c.campaignId })}>Edit</a>
              <a href={href({ page: 'stats', campaignId: c.campaignId })}>Stats</a>
              <a href={href({ page: 'payments', campaignId: c.campaignId, tab: 'payments' })}>Payments</a>
              <a href={href({ page: 'audit', campaignId: c.campaignId })}>Audit</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
