import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { CloudError } from '../../errors';
import { runPoolSplit } from '../../jobs/poolSplit';
import { checkLedger } from '../../store/ledger';
import { defineFunction } from '../define';
import { fields } from '../validation';

/** An operator runs a split slot now (the scheduler runs the configured ones by itself). */
export const runPoolSplitFunction = defineFunction({
  name: 'runPoolSplit',
  access: 'master',
  params: z
    .object({
      slot: z
        .string({ required_error: 'slot is required: an ISO time such as 2026-11-11T20:00:00+08:00' })
        .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'slot must be an ISO time with an offset, e.g. 2026-11-11T20:00:00+08:00'),
    })
    .strict(),
  handler: async (ctx, { slot }) => {
    const result = await runPoolSplit(ctx.store, new Date(slot), {
      now: ctx.clock.now(),
      random: ctx.random,
      chunkGroups: ctx.config.splitChunkGroups,
      onProgress: (groups) => console.log(`split ${slot}: ${groups} groups split so far`),
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
