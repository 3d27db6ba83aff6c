import { ErrorCode } from '../../../contract/errors';
import type { CampaignStatus } from '../../../contract/campaigns';
import { CloudError, notFound } from '../../errors';
import { appendAudit } from '../../store/audit';
import { findCampaignRow, publishDraft, setStatus, type CampaignAdminRow } from '../../store/campaigns';
import type { Queryable } from '../../store/store';
import { defineFunction, type CallContext } from '../define';
import { MARKETER_REQUIRED } from './access';
import { campaignClosing } from './closing';
import { adjustFunding } from './funding';
import { campaignAuditSnapshot, campaignJson, liveInput } from './json';
import { assertCampaignValid } from './save';
import { campaignIdParam } from '../../../contract/campaignSchema';

const STATUS_WORDS: Record<CampaignStatus, string> = { draft: '草稿', published: '进行中', paused: '已暂停', ended: '已结束' };
const VERB_WORDS: Record<string, string> = { publish: '发布', pause: '暂停', resume: '恢复', end: '结束' };

const notAllowed = (row: CampaignAdminRow, action: string) =>
  new CloudError(
    ErrorCode.CAMPAIGN_NOT_RUNNING,
    `活动当前为“${STATUS_WORDS[row.status]}”状态，不能${VERB_WORDS[action] ?? action}（cannot ${action} a campaign that is ${row.status}）。`,
  );

/** The campaign, locked for the rest of the transaction; 101 when it does not exist. */
async function lockCampaign(tx: Queryable, campaignId: string): Promise<CampaignAdminRow> {
  const row = await findCampaignRow(tx, campaignId, true);
  if (!row) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
  return row;
}

/**
 * Publishing turns the draft into an immutable, numbered version and funds the budgets to what
 * it says; a running campaign keeps running on the new version.
 */
export const publishCampaign = defineFunction({
  name: 'publishCampaign',
  access: MARKETER_REQUIRED,
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const actor = ctx.actor;
    const now = ctx.clock.now();
    const row = await ctx.store.transaction(async (tx) => {
      const current = await lockCampaign(tx, campaignId);
      if (current.status === 'ended') throw notAllowed(current, 'publish');
      if (current.status !== 'draft' && current.draft === null) return current;
      const input = current.draft ?? liveInput(current);
      await assertCampaignValid(tx, input, current.id);
      const published = await publishDraft(tx, current, input, actor.actorId, now);
      await adjustFunding(
        tx,
        campaignId,
        { budgetFen: input.money.budgetFen, grandFen: input.money.grandPrize.budgetFen },
        published.version,
        now,
      );
      await appendAudit(tx, {
        campaignId,
        ...actor,
        action: 'campaign.publish',
        detail: {
          version: published.version,
          before: current.version > 0 ? campaignAuditSnapshot(current, 'live') : null,
          after: campaignAuditSnapshot(published, 'live'),
        },
        now,
      });
      return published;
    });
    return { campaign: campaignJson(row) };
  },
});

// Generic in the name so that each function's type carries its own name (the registry is keyed by it).
function transition<N extends 'pauseCampaign' | 'resumeCampaign'>(name: N, from: CampaignStatus[], to: CampaignStatus, verb: string) {
  return defineFunction({
    name,
    access: MARKETER_REQUIRED,
    params: campaignIdParam,
    handler: async (ctx, { campaignId }) => ({ campaign: campaignJson(await changeStatus(ctx, campaignId, from, to, verb)) }),
  });
}

/** Moves a campaign from one of `from` to `to` under its lock, with an audit entry of the state before and after. */
async function changeStatus(
  ctx: CallContext,
  campaignId: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  verb: string,
): Promise<CampaignAdminRow> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const current = await lockCampaign(tx, campaignId);
    if (current.status === to) return current;
    if (!from.includes(current.status)) throw notAllowed(current, verb);
    const updated = await setStatus(tx, campaignId, to, now);
    await appendAudit(tx, {
      campaignId,
      ...ctx.actor,
      action: `campaign.${verb}`,
      detail: { from: current.status, to, before: campaignAuditSnapshot(current, 'live'), after: campaignAuditSnapshot(updated, 'live') },
      now,
    });
    return updated;
  });
}

/** Paused campaigns pay no rewards; splits of what is already in the pools still happen. */
export const pauseCampaign = transition('pauseCampaign', ['published'], 'paused', 'pause');
export const resumeCampaign = transition('resumeCampaign', ['paused'], 'published', 'resume');

/**
 * Ending stops rewards for good. Ended before its planned end, the campaign closes at that moment:
 * its final split (and the settlement split a refund window later) fall then, and the grand prize
 * can be drawn right away. The answer says what closing does (the same as previewEndCampaign).
 */
export const endCampaign = defineFunction({
  name: 'endCampaign',
  access: MARKETER_REQUIRED,
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const row = await changeStatus(ctx, campaignId, ['published', 'paused', 'draft'], 'ended', 'end');
    return { campaign: campaignJson(row), closing: await campaignClosing(ctx.store, row, row.ended_at ?? ctx.clock.now()) };
  },
});

/** What ending the campaign now would do, for the console's confirmation; changes nothing. */
export const previewEndCampaign = defineFunction({
  name: 'previewEndCampaign',
  access: MARKETER_REQUIRED,
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const row = await findCampaignRow(ctx.store, campaignId);
    if (!row) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
    return { campaign: campaignJson(row), closing: await campaignClosing(ctx.store, row, row.ended_at ?? ctx.clock.now()) };
  },
});
