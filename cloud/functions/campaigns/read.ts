import { z } from 'zod';
import { isRunning, nextSplitAt } from '../../domain/campaign';
import { notFound } from '../../errors';
import {
  findCampaignAt,
  findCampaignRow,
  findCampaignRowBySlug,
  listCampaignRows,
  toCampaign,
  type CampaignAdminRow,
} from '../../store/campaigns';
import { defineFunction } from '../define';
import { VIEWER_ALLOWED } from './access';
import { campaignJson, liveInput } from './json';
import { campaignIdParam } from '../../../contract/campaignSchema';

export const MAX_CAMPAIGNS_LISTED = 200;

export const listCampaigns = defineFunction({
  name: 'listCampaigns',
  access: VIEWER_ALLOWED,
  params: z.object({}).strict(),
  handler: async (ctx) => {
    const rows = await listCampaignRows(ctx.store, MAX_CAMPAIGNS_LISTED);
    return { campaigns: rows.map((r) => campaignJson(r)) };
  },
});

export const getCampaign = defineFunction({
  name: 'getCampaign',
  access: VIEWER_ALLOWED,
  params: campaignIdParam,
  handler: async (ctx, { campaignId }) => {
    const row = await findCampaignRow(ctx.store, campaignId);
    if (!row) throw notFound(`活动不存在（campaign ${campaignId} not found）`);
    return { campaign: campaignJson(row), published: row.version > 0 ? campaignJson(row, 'live') : null };
  },
});

/**
 * The campaign page shoppers see: published content only (never a draft), by slug, or the
 * running campaign when no slug is given.
 */
export const getCampaignPage = defineFunction({
  name: 'getCampaignPage',
  access: 'public',
  params: z
    .object({
      slug: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'slug must be the campaign page name from its link')
        .optional(),
    })
    .strict(),
  handler: async (ctx, { slug }) => {
    const now = ctx.clock.now();
    let row: CampaignAdminRow | undefined;
    if (slug) row = await findCampaignRowBySlug(ctx.store, slug);
    else {
      const running = await findCampaignAt(ctx.store, now);
      row = running ? await findCampaignRow(ctx.store, running.id) : undefined;
    }
    if (!row || row.version === 0) throw notFound(slug ? '这个活动页不存在或还没有发布' : '现在没有进行中的活动');
    const live = liveInput(row);
    const campaign = toCampaign(row);
    const next = isRunning(campaign, now) ? nextSplitAt(campaign, now) : null;
    return {
      campaignId: row.id,
      slug: row.slug,
      name: row.name,
      status: row.status,
      running: isRunning(campaign, now),
      startsAt: live.startsAt,
      endsAt: live.endsAt,
      timeZone: live.timeZone,
      nextSplitAt: next ? next.toISOString() : null,
      page: live.page,
      rules: live.rules,
      rewards: {
        shareMinFen: live.money.shareReward.minFen,
        shareMaxFen: live.money.shareReward.maxFen,
        purchaseCapFen: live.money.purchaseReward.capFen,
        grandPrizeCapFen: live.money.grandPrize.capFen,
      },
    };
  },
});
