import { ErrorCode } from '../../../contract/errors';
import type { CampaignStatus } from '../../../contract/campaigns';
import { CloudError, notFound } from '../../errors';
import { appendAudit } from '../../store/audit';
import { findCampaignRow, publishDraft, setStatus, type CampaignAdminRow } from '../../store/campaigns';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { adjustFunding } from './funding';
import { campaignJson, liveInput } from './json';
import { assertCampaignValid } from './save';
import { campaignIdParam } from '../../../contract/campaignSchema';

const notAllowed = (row: CampaignAdminRow, action: string) =>
  new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, `Cannot ${action} a campaign that is ${row.status}.`);

/** The campaign, locked for the rest of the transaction; 101 when it does not exist. */
async function lockCampaign(tx: Queryable, campaignId: string): Promise<CampaignAdminRow> {
  const row = await findCampaignRow(tx, campaignId, true);
  if (!row) throw notFound(`campaign ${campaignId} not found`);
  return row;
}

/**
 * Publishing turns the draft into an immutable, numbered version and funds the budgets to what
 * it says; a running campaign keeps running on the new version.
 */
export const publishCampaign = defineFunction({
  name: 'publishCampaign',
  access: 'marketer',
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
      await appendAudit(tx, { campaignId, ...actor, action: 'publish', detail: { version: published.version }, now });
      return published;
    });
    return { campaign: campaignJson(row) };
  },
});

// Generic in the name so that each function's type carries its own name (the registry is keyed by it).
function transition<N extends 'pauseCampaign' | 'resumeCampaign' | 'endCampaign'>(
  name: N,
  from: CampaignStatus[],
  to: CampaignStatus,
  verb: string,
) {
  return defineFunction({
    name,
    access: 'marketer',
    params: campaignIdParam,
    handler: async (ctx, { campaignId }) => {
      const actor = ctx.actor;
      const now = ctx.clock.now();
      const row = await ctx.store.transaction(async (tx) => {
        const current = await lockCampaign(tx, campaignId);
        if (current.status === to) return current;
        if (!from.includes(current.status)) throw notAllowed(current, verb);
        const updated = await setStatus(tx, campaignId, to, now);
        await appendAudit(tx, { campaignId, ...actor, action: verb, detail: { from: current.status, to }, now });
        return updated;
      });
      return { campaign: campaignJson(row) };
    },
  });
}

/** Paused campaigns pay no rewards; splits of what is already in the pools still happen. */
export const pauseCampaign = transition('pauseCampaign', ['published'], 'paused', 'pause');
export const resumeCampaign = transition('resumeCampaign', ['paused'], 'published', 'resume');
export const endCampaign = transition('endCampaign', ['published', 'paused', 'draft'], 'ended', 'end');
