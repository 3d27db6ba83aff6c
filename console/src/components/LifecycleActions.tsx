import { useState } from 'react';
import type { CampaignJson } from '../../../contract/campaigns';
import { call, type ApiError } from '../api';
import { describeError } from '../errorText';
import { yuan } from '../money';
import { formatInZone } from '../time';
import { t } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { useLoad } from '../useLoad';

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
  if (action === 'publish') return campaign.version > 0 ? t('Publish changes') : t('Publish');
  return { pause: t('Pause'), resume: t('Resume'), end: t('End campaign') }[action];
}

/** The message after an action: it names the action just taken, never an older one. */
export function lifecycleNotice(action: LifecycleAction, updated: CampaignJson): string {
  switch (action) {
    case 'publish':
      return t('Published version {version}.', { version: updated.version });
    case 'pause':
      return t('Campaign paused.');
    case 'resume':
      return t('Campaign resumed: rewards are paid again.');
    case 'end':
      return t('Campaign ended.');
  }
}

/** What will happen, in words, before the marketer confirms. */
function consequences(action: LifecycleAction, c: CampaignJson, now: Date): JSX.Element {
  const window = `${formatInZone(c.startsAt, c.timeZone, false)} – ${formatInZone(c.endsAt, c.timeZone)}`;
  const inWindow = new Date(c.startsAt) <= now && now < new Date(c.endsAt);
  const early = now < new Date(c.endsAt);
  switch (action) {
    case 'publish':
      return (
        <>
          <p>
            {t('The current draft of {name} becomes published version {version}.', { name: c.name, version: c.version + 1 })}{' '}
            {c.status === 'paused'
              ? t('Shoppers see its page and rules once the campaign is resumed.')
              : inWindow
                ? t('Shoppers see its page and rules right away: the window is open now.')
                : t('Shoppers see its page and rules from {time}.', { time: formatInZone(c.startsAt, c.timeZone) })}
          </p>
          <p>
            {t('Window: {window}. Budget: {budget} (grand prize {grand}).', {
              window,
              budget: yuan(c.money.budgetFen),
              grand: yuan(c.money.grandPrize.budgetFen),
            })}
          </p>
          <p>{t('A published version cannot be changed; later edits wait in the draft until you publish again.')}</p>
        </>
      );
    case 'pause':
      return (
        <>
          <p>
            {t('{name} stops paying rewards now: no share red packets, no purchase red packets, no pool splits while it is paused.', {
              name: c.name,
            })}
          </p>
          <p>
            {t('Groups, shared lists and what members already earned stay as they are. You can resume it before {time}.', {
              time: formatInZone(c.endsAt, c.timeZone),
            })}
          </p>
        </>
      );
    case 'resume':
      return (
        <p>
          {t('{name} pays rewards again from now until {time}, from the remaining budget.', {
            name: c.name,
            time: formatInZone(c.endsAt, c.timeZone),
          })}
        </p>
      );
    case 'end':
      return (
        <>
          <p id='end-now-warning'>
            {early
              ? t('{name} ends now, before its planned end ({time}), for good: rewards stop and it cannot be resumed or published again.', {
                  name: c.name,
                  time: formatInZone(c.endsAt, c.timeZone),
                })
              : t('{name} ends now, for good: rewards stop and it cannot be resumed or published again.', { name: c.name })}
          </p>
          <p id='end-now-settlement'>
            <strong>
              {c.money.split.finalSplit
                ? t('Ending now runs the final split and the grand-prize draw at this moment ({now}), not at the planned end.', {
                    now: formatInZone(now.toISOString(), c.timeZone),
                  })
                : t(
                    'Ending now runs the grand-prize draw at this moment ({now}), not at the planned end; it has no final split configured.',
                    {
                      now: formatInZone(now.toISOString(), c.timeZone),
                    },
                  )}
            </strong>
          </p>
          <p>{t('Budget that was not spent is not paid out.')}</p>
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
  onChanged(action: LifecycleAction, campaign: CampaignJson): void;
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
      const action = pending;
      const { campaign: updated } = await call(FUNCTION[action], { campaignId: target.campaignId });
      setPending(null);
      onChanged(action, updated);
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
          title={t('{action}: {name}?', { action: label(pending, campaign), name: campaign.name })}
          confirmLabel={label(pending, campaign)}
          danger={pending === 'end'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          {consequences(pending, campaign, new Date())}
          {pending === 'end' && <EndingNumbers campaignId={campaign.campaignId} timeZone={campaign.timeZone} />}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** What ending now would do, in numbers (previewEndCampaign changes nothing). */
function EndingNumbers({ campaignId, timeZone }: { campaignId: string; timeZone: string }) {
  const preview = useLoad(() => call('previewEndCampaign', { campaignId }), `end-preview:${campaignId}`);
  if (preview.loading) return <p className='muted'>{t('Working out what ending now would do…')}</p>;
  if (preview.error || !preview.data) return null;
  const { closing } = preview.data;
  return (
    <ul className='dialog__facts' id='end-now-numbers'>
      {closing.finalSplit && (
        <li>
          {t('Final split at {time}: {groups} groups share {amount} in their pools.', {
            time: formatInZone(closing.finalSplit.at, timeZone),
            groups: closing.finalSplit.groupsWithMoney,
            amount: yuan(closing.finalSplit.poolFen),
          })}
        </li>
      )}
      {closing.settlementSplit && (
        <li>
          {t('Purchase packets still pending ({amount}) are split at {time}, after the refund window.', {
            amount: yuan(closing.settlementSplit.pendingFen),
            time: formatInZone(closing.settlementSplit.at, timeZone),
          })}
        </li>
      )}
      <li>
        {t('Grand prize: {winners} winners from {eligible} eligible shoppers, drawable from {time}.', {
          winners: closing.grandPrize.winners,
          eligible: closing.grandPrize.eligible,
          time: formatInZone(closing.grandPrize.drawableFrom, timeZone),
        })}
      </li>
      <li>{t('Budget left unspent: {amount}.', { amount: yuan(closing.budgetLeftFen) })}</li>
    </ul>
  );
}
