import type { CampaignStatus } from '../../../contract/campaigns';

const LABELS: Record<CampaignStatus, string> = { draft: 'Draft', published: 'Published', paused: 'Paused', ended: 'Ended' };

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <span className={`badge badge--${status}`}>{LABELS[status] ?? status}</span>;
}
