import type { StatusLabel } from '../paymentLabels';

/** A status as a coloured badge: the label says what, the colour says whether anyone has to act. */
export function ToneBadge({ status }: { status: StatusLabel }) {
  return <span className={`badge badge--tone-${status.tone}`}>{status.label}</span>;
}
