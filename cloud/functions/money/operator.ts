import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { splitSlotRefusal } from '../../domain/money/purchaseUnlock';
import { CloudError, invalidParams } from '../../errors';
import { findCampaignForSlot } from '../../store/campaigns';
import { checkLedger } from '../../workflows/ledgerCheck';
import { runPoolSplit } from '../../workflows/poolSplit';
import { currentLogger } from '../../observability/logger';
import { defineFunction } from '../define';
import { fields, isoDateTime } from '../validation';

/**
 * An operator runs a split slot now (the scheduler runs the configured ones by itself): a slot
 * that has come, within the campaign's window or its settlement period.
 */
export const runPoolSplitFunction = defineFunction({
  name: 'runPoolSplit',
  access: 'master',
  params: z
    .object({
      slot: isoDateTime('slot'),
    })
    .strict(),
  handler: async (ctx, { slot }) => {
    // A slot that has not come would settle purchase packets before they unlock, and one outside
    // the campaign's window (and its settlement split after the close) belongs to no campaign's
    // money: refuse both. The scheduler runs the campaign's own slots through the workflow directly.
    const at = new Date(slot);
    const now = ctx.clock.now();
    const refusal = splitSlotRefusal(at, now, (await findCampaignForSlot(ctx.store, at)) ?? null);
    if (refusal) throw invalidParams(`slot: ${refusal}`);
    const result = await runPoolSplit(ctx.store, at, {
      now,
      random: ctx.random,
      chunkGroups: ctx.config.splitChunkGroups,
      actor: ctx.actor,
      // The request's logger (see observability/logger.ts): these lines carry the call's request id.
      onProgress: (groups) => currentLogger().info({ slot, groups }, 'pool split progress'),
    });
    if (!result) throw new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, `No campaign had started by ${slot}: nothing to split.`);
    return result;
  },
});

export const ledgerCheck = defineFunction({
  name: 'ledgerCheck',
  access: 'master',
  params: fields.none,
  handler: async (ctx) => checkLedger(ctx.store),
});
