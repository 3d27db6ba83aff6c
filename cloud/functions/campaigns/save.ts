import { z } from 'zod';
import type { CampaignInputJson } from '../../../contract/campaigns';
import { ErrorCode } from '../../../contract/errors';
import { campaignProblems } from '../../domain/campaignRules';
import { CloudError, invalidParams, notFound } from '../../errors';
import { appendAudit } from '../../store/audit';
import { findCampaignRow, findCampaignRowBySlug, insertDraftCampaign, overlappingCampaigns, saveDraft } from '../../store/campaigns';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { campaignAuditSnapshot, campaignJson } from './json';
import { MARKETER_REQUIRED } from './access';
import { campaignInput } from '../../../contract/campaignSchema';

/** Cross-field rules, with the overlap check against other live campaigns. */
export async function assertCampaignValid(db: Queryable, input: CampaignInputJson, campaignId: string | null): Promise<void> {
  const overlapping = await overlappingCampaigns(db, new Date(input.startsAt), new Date(input.endsAt), campaignId);
  const problems = campaignProblems(
    input,
    overlapping.map((o) => ({ name: o.name, startsAt: o.starts_at, endsAt: o.ends_at })),
  );
  if (problems.length > 0) {
    const issues = problems.map((p) => ({ path: `campaign.${p.field}`, message: p.message }));
    throw invalidParams(`参数不正确（invalid params）— ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, issues);
  }
}

/** Creates a campaign as a draft, or saves the draft of an existing one (a published version never changes). */
export const saveCampaign = defineFunction({
  name: 'saveCampaign',
  access: MARKETER_REQUIRED,
  params: z.object({ campaign: campaignInput }).strict(),
  handler: async (ctx, { campaign: input }) => {
    const actor = ctx.actor;
    const now = ctx.clock.now();
    const row = await ctx.store.transaction(async (tx) => {
      const existing = input.campaignId ? await findCampaignRow(tx, input.campaignId, true) : undefined;
      if (input.campaignId && !existing) throw notFound(`活动不存在（campaign ${input.campaignId} not found）`);
      if (existing?.status === 'ended')
        throw new CloudError(ErrorCode.CAMPAIGN_NOT_RUNNING, '这个活动已结束，不能再修改；请新建一个活动。');
      const sameSlug = await findCampaignRowBySlug(tx, input.slug);
      if (sameSlug && sameSlug.id !== existing?.id) {
        const taken = `链接名“${input.slug}”已被活动“${sameSlug.name}”使用，请换一个。`;
        throw invalidParams(`参数不正确（invalid params）— slug: ${taken}`, [{ path: 'campaign.slug', message: taken }]);
      }
      await assertCampaignValid(tx, input, existing?.id ?? null);
      // A new campaign's draft names its id, which only the insert gives it: saved again with it.
      const saved = existing
        ? await saveDraft(tx, existing, { ...input, campaignId: existing.id }, now)
        : await insertDraftCampaign(tx, input, now).then((inserted) => saveDraft(tx, inserted, { ...input, campaignId: inserted.id }, now));
      await appendAudit(tx, {
        campaignId: saved.id,
        ...actor,
        action: existing ? 'campaign.save' : 'campaign.create',
        detail: {
          name: input.name,
          before: existing ? campaignAuditSnapshot(existing, 'draft') : null,
          after: campaignAuditSnapshot(saved, 'draft'),
        },
        now,
      });
      return saved;
    });
    return { campaign: campaignJson(row) };
  },
});
