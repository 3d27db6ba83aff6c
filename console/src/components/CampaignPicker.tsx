import type { CampaignJson } from '../../../contract/campaigns';
import { t } from '../i18n';

/** The campaign whose coupons or deals are shown. */
export function CampaignPicker({
  campaigns,
  value,
  onChange,
  allowAll,
}: {
  campaigns: readonly CampaignJson[];
  value: string | null;
  onChange(campaignId: string | null): void;
  allowAll?: boolean;
}) {
  return (
    <label className='inline-field'>
      {t('Campaign')}
      <select id='campaign-picker' value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        {allowAll && <option value=''>{t('All campaigns')}</option>}
        {campaigns.map((c) => (
          <option key={c.campaignId} value={c.campaignId}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The campaign a section opens on: the one named, else the one running now, else the newest. */
export function defaultCampaign(campaigns: readonly CampaignJson[], named: string | null, now = new Date()): CampaignJson | null {
  if (named) return campaigns.find((c) => c.campaignId === named) ?? null;
  const running = campaigns.find((c) => c.status === 'published' && new Date(c.startsAt) <= now && now < new Date(c.endsAt));
  return running ?? campaigns[0] ?? null;
}
