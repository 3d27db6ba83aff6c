import { z } from 'zod';
import { listAudit } from '../../store/audit';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { auditEntryJson } from './json';

export const AUDIT_PAGE_MAX = 200;

export const listAuditLog = defineFunction({
  name: 'listAuditLog',
  access: 'marketer',
  params: z
    .object({ campaignId: fields.objectId('campaignId').optional(), limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional() })
    .strict(),
  handler: async (ctx, { campaignId, limit }) => {
    const rows = await listAudit(ctx.store, campaignId ?? null, limit ?? 50);
    return { entries: rows.map(auditEntryJson) };
  },
});
