import type { Queryable } from './store';

/**
 * The audit log: who did what to which campaign (null: not about one campaign), when. The only
 * writer of audit_log. Actions are `<kind>.<verb>` (`campaign.publish`, `coupon.update`); a change
 * records `detail: {before, after}` (null on the side that does not exist).
 */
export interface AuditRow {
  id: number;
  campaign_id: string | null;
  actor_id: string | null;
  actor_name: string;
  via_master_key: boolean;
  action: string;
  kind: string;
  detail: Record<string, unknown>;
  created_at: Date;
}

export interface AuditEntry {
  campaignId: string | null;
  actorId: string | null;
  actorName: string;
  /** Whether the master key made the change; when left out, read from the actor's name (`… (master key)`). */
  viaMasterKey?: boolean;
  action: string;
  detail?: object;
  now: Date;
}

/** Who timed work (the scheduler's splits) is recorded as. */
export const SCHEDULER_ACTOR = { actorId: null, actorName: 'scheduler', viaMasterKey: false } as const;

export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  const viaMasterKey = entry.viaMasterKey ?? entry.actorName.endsWith('(master key)');
  await db.query(
    `insert into audit_log (campaign_id, actor_id, actor_name, via_master_key, action, detail, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.campaignId, entry.actorId, entry.actorName, viaMasterKey, entry.action, JSON.stringify(entry.detail ?? {}), entry.now],
  );
}

export interface AuditFilter {
  campaignId?: string | null;
  actorId?: string | null;
  viaMasterKey?: boolean | null;
  /** A kind (`campaign`) or a whole action (`campaign.publish`). */
  kind?: string | null;
  /** Entries older than this id (the previous page's last). */
  beforeId?: number | null;
}

/**
 * Newest first, every filter optional. Each filter has an index that walks newest first
 * (campaign, actor, kind — all `(…, id desc)`), so a page costs its rows, not the table. Only the
 * filters given are in the statement (a generic plan of `$1 is null or …` could not use them).
 */
export async function listAudit(db: Queryable, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.campaignId) add('campaign_id = ?', filter.campaignId);
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (typeof filter.viaMasterKey === 'boolean') add('via_master_key = ?', filter.viaMasterKey);
  if (filter.kind) {
    const dot = filter.kind.indexOf('.');
    add('kind = ?', dot >= 0 ? filter.kind.slice(0, dot) : filter.kind);
    if (dot >= 0) add('action = ?', filter.kind);
  }
  if (typeof filter.beforeId === 'number') add('id < ?', filter.beforeId);
  params.push(limit);
  return db.query<AuditRow>(
    `select * from audit_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length}`,
    params,
  );
}
