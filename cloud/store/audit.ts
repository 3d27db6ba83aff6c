import type { Queryable } from './store';

/** One line of the audit log: who did what to which campaign (null: not about one campaign). */
export interface AuditRow {
  id: number;
  campaign_id: string | null;
  actor_id: string | null;
  actor_name: string;
  action: string;
  detail: Record<string, unknown>;
  created_at: Date;
}

export async function appendAudit(
  db: Queryable,
  entry: { campaignId: string | null; actorId: string | null; actorName: string; action: string; detail?: object; now: Date },
): Promise<void> {
  await db.query('insert into audit_log (campaign_id, actor_id, actor_name, action, detail, created_at) values ($1, $2, $3, $4, $5, $6)', [
    entry.campaignId,
    entry.actorId,
    entry.actorName,
    entry.action,
    JSON.stringify(entry.detail ?? {}),
    entry.now,
  ]);
}

/** Newest first; all campaigns (and the entries about none) when `campaignId` is null. */
export async function listAudit(db: Queryable, campaignId: string | null, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>('select * from audit_log where ($1::text is null or campaign_id = $1) order by id desc limit $2', [
    campaignId,
    limit,
  ]);
}
