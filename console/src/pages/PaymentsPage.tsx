import { useEffect } from 'react';
import type { CampaignJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { PaymentList } from './payments/PaymentList';
import { Reconciliation } from './payments/Reconciliation';
import { href, navigate, type PaymentTab } from '../router';
import { useLoad } from '../useLoad';
import { t } from '../i18n';

const TABS: Array<{ tab: PaymentTab; label: string }> = [
  { tab: 'payments', label: '支付记录 Payments' },
  { tab: 'refunds', label: '退款 Refunds' },
  { tab: 'withdrawals', label: '提现 Withdrawals' },
  { tab: 'days', label: '对账 Reconciliation' },
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
              <span>
                时间按 {campaign.timeZone} 显示 · Times in {campaign.timeZone}
              </span>
            </div>
          )}
        </div>
        <div className='page__actions'>
          <label className='inline-field'>
            活动 Campaign
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
        <Loading label='正在加载活动… Loading campaigns…' />
      ) : campaigns.error ? (
        <ErrorBox error={campaigns.error} onRetry={() => void campaigns.reload()} />
      ) : list.length === 0 ? (
        <Empty title='还没有活动 No campaigns yet'>支付记录按活动查看：先创建一个活动。</Empty>
      ) : !campaign ? (
        campaignId ? (
          <Empty title='找不到这个活动 Campaign not found'>
            <a href={href({ page: 'payments', campaignId: null, tab })}>{t('Back to payments')}</a>
          </Empty>
        ) : null
      ) : (
        <>
          <nav className='tabs' role='tablist' id='payments-tabs'>
            {TABS.map((t) => (
              <a
                key={t.tab}
                role='tab'
                id={`tab-${t.tab}`}
                aria-selected={t.tab === tab}
                className={t.tab === tab ? 'active' : undefined}
                href={href({ page: 'payments', campaignId: campaign.campaignId, tab: t.tab })}
              >
                {t.label}
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
