import { z } from 'zod';
import { listAudit } from '../../store/audit';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { VIEWER_ALLOWED } from './access';
import { auditEntryJson } from './json';

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

/**
 * The audit log, newest first: every change by a marketer, the master key or the scheduler, with
 * who, when, the action and its field-level changes. Filters by campaign, actor, master key and
 * kind; pages by an opaque cursor (the last entry's id).
 */
export const listAuditLog = defineFunction({
  name: 'listAuditLog',
  access: VIEWER_ALLOWED,
  params: z
    .object({
      campaignId: fields.objectId('campaignId').optional(),
      actorId: fields.objectId('actorId').optional(),
      viaMasterKey: z.boolean({ invalid_type_error: 'viaMasterKey 必须是 true 或 false' }).optional(),
      kind: z
        .string()
        .regex(/^[a-z][a-z_]{1,30}(\.[a-z][a-z_]{1,30})?$/, 'kind 必须是类别（如 campaign）或完整操作名（如 campaign.publish）')
        .optional(),
      cursor: z
        .string()
        .regex(/^[1-9][0-9]{0,15}$/, 'cursor 必须是上一页返回的 nextCursor')
        .optional(),
      limit: z
        .number()
        .int(`limit 必须是 1-${AUDIT_PAGE_MAX} 的整数`)
        .min(1, `limit 必须是 1-${AUDIT_PAGE_MAX} 的整数`)
        .max(AUDIT_PAGE_MAX, `limit 必须是 1-${AUDIT_PAGE_MAX} 的整数`)
        .optional(),
    })
    .strict(),
  handler: async (ctx, { campaignId, actorId, viaMasterKey, kind, cursor, limit }) => {
    const size = limit ?? AUDIT_PAGE_DEFAULT;
    // One more than asked tells whether another page exists.
    const rows = await listAudit(
      ctx.store,
      { campaignId, actorId, viaMasterKey, kind, beforeId: cursor ? Number(cursor) : null },
      size + 1,
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return { entries: page.map(auditEntryJson), nextCursor: rows.length > size && last ? String(last.id) : null };
  },
});
