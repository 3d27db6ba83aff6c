import { useState } from 'react';
import type { CampaignJson } from '../../../contract/campaigns';
import { call, type ApiError } from '../api';
import { describeError } from '../errorText';
import { yuan } from '../money';
import { formatInZone } from '../time';
import { ConfirmDialog } from './ConfirmDialog';

export type LifecycleAction = 'publish' | 'pause' | 'resume' | 'end';

const FUNCTION = { publish: 'publishCampaign', pause: 'pauseCampaign', resume: 'resumeCampaign', end: 'endCampaign' } as const;

/** Which actions a campaign offers in its status. */
export function availableActions(campaign: CampaignJson): LifecycleAction[] {
  switch (campaign.status) {
    case 'draft':
      return ['publish'];
    case 'published':
      return [...(campaign.hasUnpublishedChanges ? (['publish'] as const) : []), 'pause', 'end'];
    case 'paused':
      return [...(campaign.hasUnpublishedChanges ? (['publish'] as const) : []), 'resume', 'end'];
    case 'ended':
      return [];
  }
}

function label(action: LifecycleAction, campaign: CampaignJson): string {
  if (action === 'publish') return campaign.version > 0 ? 'Publish changes' : 'Publish';
  return { pause: 'Pause', resume: 'Resume', end: 'End campaign' }[action];
}

/** What will happen, in words, before the marketer confirms. */
function consequences(action: LifecycleAction, c: CampaignJson, now: Date): JSX.Element {
  const window = `${formatInZone(c.startsAt, c.timeZone, false)} – ${formatInZone(c.endsAt, c.timeZone)}`;
  const inWindow = new Date(c.startsAt) <= now && now < new Date(c.endsAt);
  switch (action) {
    case 'publish':
      return (
        <>
          <p>
            The current draft of <b>{c.name}</b> becomes published version <b>{c.version + 1}</b>. Shoppers see its page and rules
            {c.status === 'paused'
              ? ' once the campaign is resumed'
              : inWindow
                ? ' right away: the window is open now'
                : ` from ${formatInZone(c.startsAt, c.timeZone)}`}
            .
          </p>
          <p>
            Window: {window}. Budget: {yuan(c.money.budgetFen)} (grand prize {yuan(c.money.grandPrize.budgetFen)}).
          </p>
          <p>A published version cannot be changed; later edits wait in the draft until you publish again.</p>
        </>
      );
    case 'pause':
      return (
        <>
          <p>
            <b>{c.name}</b> stops paying rewards now: no share red packets, no purchase red packets, no pool splits while it is paused.
          </p>
          <p>
            Groups, shared lists and what members already earned stay as they are. You can resume it before{' '}
            {formatInZone(c.endsAt, c.timeZone)}.
          </p>
        </>
      );
    case 'resume':
      return (
        <>
          <p>
            <b>{c.name}</b> pays rewards again from now until {formatInZone(c.endsAt, c.timeZone)}, from the remaining budget.
          </p>
        </>
      );
    case 'end':
      return (
        <>
          <p>
            <b>{c.name}</b> ends now, for good: rewards stop and it cannot be resumed or published again.
          </p>
          <p>
            {c.money.split.finalSplit ? 'Its final split shares out what is left in the group pools.' : 'It has no final split configured.'}{' '}
            Budget that was not spent is not paid out.
          </p>
        </>
      );
  }
}

/**
 * Publish / pause / resume / end buttons, each behind a confirmation dialog. `beforePublish`
 * lets the editor save unsaved edits first (returning the saved campaign, or null to stop).
 */
export function LifecycleActions({
  campaign,
  onChanged,
  beforePublish,
}: {
  campaign: CampaignJson;
  onChanged(campaign: CampaignJson): void;
  beforePublish?: () => Promise<CampaignJson | null>;
}) {
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = availableActions(campaign);
  if (actions.length === 0) return null;

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      let target = campaign;
      if (pending === 'publish' && beforePublish) {
        const saved = await beforePublish();
        if (!saved) {
          setPending(null);
          return;
        }
        target = saved;
      }
      const { campaign: updated } = await call(FUNCTION[pending], { campaignId: target.campaignId });
      setPending(null);
      onChanged(updated);
    } catch (e) {
      setError(describeError(e as ApiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className='lifecycle'>
      {actions.map((action) => (
        <button
          key={action}
          type='button'
          id={`action-${action}`}
          className={`button ${action === 'publish' ? 'button--primary' : action === 'end' ? 'button--danger-outline' : ''}`}
          onClick={() => {
            setError(null);
            setPending(action);
          }}
        >
          {label(action, campaign)}
        </button>
      ))}
      {pending && (
        <ConfirmDialog
          title={`${label(pending, campaign)}: ${campaign.name}?`}
          confirmLabel={label(pending, campaign)}
          danger={pending === 'end'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          {consequences(pending, campaign, new Date())}
        </ConfirmDialog>
      )}
    </div>
  );
}
