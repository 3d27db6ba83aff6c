import type { CampaignJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { yuan } from '../money';
import { href } from '../router';
import { formatInZone } from '../time';
import { useLoad } from '../useLoad';
import { t } from '../i18n';

export function CampaignListPage({ editor = true }: { editor?: boolean }) {
  const list = useLoad(() => call('listCampaigns', {}), 'campaigns');
  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Campaigns')}</h1>
        {editor && (
          <a className='button button--primary' href={href({ page: 'editor', campaignId: null })} id='new-campaign'>
            {t('New campaign')}
          </a>
        )}
      </div>
      {list.loading ? (
        <Loading label={t('Loading campaigns…')} />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data || list.data.campaigns.length === 0 ? (
        <Empty title={t('No campaigns yet')}>{t('Create one: set its window, rewards and budget, preview its page, then publish.')}</Empty>
      ) : (
        <CampaignTable campaigns={list.data.campaigns} editor={editor} />
      )}
    </section>
  );
}

function CampaignTable({ campaigns, editor }: { campaigns: CampaignJson[]; editor: boolean }) {
  return (
    <table className='table' id='campaign-table'>
      <thead>
        <tr>
          <th>{t('Name')}</th>
          <th>{t('Status')}</th>
          <th>{t('Window')}</th>
          <th className='num'>{t('Budget')}</th>
          <th className='num'>{t('Published version')}</th>
          <th>{t('Unpublished changes')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr key={c.campaignId} data-campaign-id={c.campaignId} data-slug={c.slug}>
            <td>
              {editor ? (
                <a href={href({ page: 'editor', campaignId: c.campaignId })} className='campaign-name'>
                  {c.name}
                </a>
              ) : (
                <span className='campaign-name'>{c.name}</span>
              )}
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
                <span className='pill pill--warn'>{t('Yes, waiting to publish')}</span>
              ) : (
                <span className='muted'>{t('No')}</span>
              )}
            </td>
            <td className='actions'>
              {editor && <a href={href({ page: 'editor', campaignId: c.campaignId })}>{t('Edit')}</a>}
              <a href={href({ page: 'stats', campaignId: c.campaignId })}>{t('Stats')}</a>
              {editor && <a href={href({ page: 'payments', campaignId: c.campaignId, tab: 'payments' })}>{t('Payments')}</a>}
              <a href={href({ page: 'audit', campaignId: c.campaignId })}>{t('Audit')}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
