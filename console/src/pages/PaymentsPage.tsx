import { useEffect } from 'react';
import type { CampaignJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { PaymentList } from './payments/PaymentList';
import { Reconciliation } from './payments/Reconciliation';
import { href, navigate, type PaymentTab } from '../router';
import { useLoad } from '../useLoad';
import { t, type MessageKey } from '../i18n';

const TABS: Array<{ tab: PaymentTab; label: MessageKey }> = [
  { tab: 'payments', label: 'Payment records' },
  { tab: 'refunds', label: 'Refunds' },
  { tab: 'withdrawals', label: 'Withdrawals' },
  { tab: 'days', label: 'Reconciliation' },
];

/** The campaign the section opens on when none is named: a running one, else the newest listed. */
function defaultCampaign(campaigns: readonly CampaignJson[]): CampaignJson | undefined {
  return campaigns.find((c) => c.status === 'published') ?? campaigns[0];
}

/** 支付: a campaign's payments, refunds, everyone's withdrawals, and the daily reconciliation. */
export function PaymentsPage({ campaignId, tab }: { campaignId: string | null; tab: PaymentTab }) {
  const campaigns = useLoad(() => call('listCampaigns', {}), 'payments-campaigns');
  const list = campaigns.data?.campaigns ?? [];
  const campaign = campaignId ? list.find((c) => c.campaignId === campaignId) : undefined;

  useEffect(() => {
    if (campaignId || !campaigns.data) return;
    const first = defaultCampaign(campaigns.data.campaigns);
    if (first) navigate({ page: 'payments', campaignId: first.campaignId, tab }, { replace: true });
  }, [campaignId, campaigns.data, tab]);

  return (
    <section className='page page--payments'>
      <div className='page__header'>
        <div>
          <h1>{t('Payments')}</h1>
          {campaign && (
            <div className='editor__meta'>
              <StatusBadge status={campaign.status} />
              <a href={href({ page: 'stats', campaignId: campaign.campaignId })}>{t('Stats')}</a>
              <span>{t('Times in {zone}', { zone: campaign.timeZone })}</span>
            </div>
          )}
        </div>
        <div className='page__actions'>
          <label className='inline-field'>
            {t('Campaign')}
            <select
              id='payments-campaign'
              value={campaignId ?? ''}
              onChange={(e) => navigate({ page: 'payments', campaignId: e.target.value || null, tab })}
            >
              {!campaignId && <option value=''>—</option>}
              {list.map((c) => (
                <option key={c.campaignId} value={c.campaignId}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {campaigns.loading ? (
        <Loading label={t('Loading campaigns…')} />
      ) : campaigns.error ? (
        <ErrorBox error={campaigns.error} onRetry={() => void campaigns.reload()} />
      ) : list.length === 0 ? (
        <Empty title={t('No campaigns yet')}>{t('Payments are viewed per campaign: create a campaign first.')}</Empty>
      ) : !campaign ? (
        campaignId ? (
          <Empty title={t('Campaign not found')}>
            <a href={href({ page: 'payments', campaignId: null, tab })}>{t('Back to payments')}</a>
          </Empty>
        ) : null
      ) : (
        <>
          <nav className='tabs' role='tablist' id='payments-tabs'>
            {TABS.map((item) => (
              <a
                key={item.tab}
                role='tab'
                id={`tab-${item.tab}`}
                aria-selected={item.tab === tab}
                className={item.tab === tab ? 'active' : undefined}
                href={href({ page: 'payments', campaignId: campaign.campaignId, tab: item.tab })}
              >
                {t(item.label)}
              </a>
            ))}
          </nav>
          {tab === 'days' ? (
            <Reconciliation key={campaign.campaignId} campaignId={campaign.campaignId} filePrefix={campaign.slug} />
          ) : (
            <PaymentList
              key={`${tab}:${campaign.campaignId}`}
              kind={tab}
              campaignId={campaign.campaignId}
              timeZone={campaign.timeZone}
              filePrefix={campaign.slug}
            />
          )}
        </>
      )}
    </section>
  );
}
