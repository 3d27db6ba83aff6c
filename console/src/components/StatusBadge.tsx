import type { CampaignStatus } from '../../../contract/campaigns';
import { t, type MessageKey } from '../i18n';

const LABELS: Record<CampaignStatus, MessageKey> = { draft: 'Draft', published: 'Published', paused: 'Paused', ended: 'Ended' };

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <span className={`badge badge--${status}`}>{LABELS[status] ? t(LABELS[status]) : status}</span>;
}
