import { z } from 'zod';
import { listAudit } from '../../store/campaignAdmin';
import { defineFunction } from '../define';
import { fields } from '../validation';

export const AUDIT_PAGE_MAX = 200;

export const listAuditLog = defineFunction({
  name: 'listAuditLog',
  access: 'marketer',
  params: z.object({ campaignId: fields.objectId('campaignId').optional(), limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional() }).strict(),
  handler: async (ctx, { campaignId, limit }) => {
    return { entries: await listAudit(ctx.store, campaignId ?? null, limit ?? 50) };
  },
});
