import type { AuditEntryJson, CampaignInputJson, CampaignJson, CampaignStatus } from '../../contract/campaigns';
import type { CampaignConfig } from '../domain/campaign';
import { DEFAULT_GROUP_RULES } from '../domain/groupRules';
import { newObjectId } from '../ids';
import type { Queryable } from './store';

export interface CampaignAdminRow {
  id: string;
  slug: string;
  name: string;
  status: CampaignStatus;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  config: CampaignConfig;
  rules: Partial<CampaignInputJson['rules']>;
  page: Partial<CampaignInputJson['page']>;
  version: number;
  published_at: Date | null;
  draft: CampaignInputJson | null;
  created_at: Date;
  updated_at: Date;
}

export const DEFAULT_PAGE: CampaignInputJson['page'] = {
  title: '分享购买赢回血红包',
  bannerUrl: '',
  rulesText: '和闺蜜组成小黑群，分享好物、拼单购物赢红包；红包进入群红包池，每晚 20:00 瓜分。',
  primaryColor: '#ff4f4f',
  backgroundColor: '#fff5f0',
};

export const DEFAULT_RULES: CampaignInputJson['rules'] = {
  creatorGender: DEFAULT_GROUP_RULES.creatorGender,
  creatorMinTaoqi: DEFAULT_GROUP_RULES.creatorMinTaoqi,
  minMembers: DEFAULT_GROUP_RULES.minMembers,
  maxMembers: DEFAULT_GROUP_RULES.maxMembers,
  maxGroupsCreatedPerUser: DEFAULT_GROUP_RULES.maxGroupsCreatedPerUser,
  maxGroupsJoinedPerUser: DEFAULT_GROUP_RULES.maxGroupsJoinedPerUser,
};

/** The published (live) side of a campaign, as a marketer's input. */
export function liveInput(row: CampaignAdminRow): CampaignInputJson {
  return {
    campaignId: row.id,
    slug: row.slug,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timeZone: row.time_zone,
    rules: { ...DEFAULT_RULES, ...row.rules },
    money: row.config,
    page: { ...DEFAULT_PAGE, ...row.page },
  };
}

/** The campaign as the console sees it: the draft when there is one, else the live version. */
export function campaignJson(row: CampaignAdminRow, side: 'draft' | 'live' = 'draft'): CampaignJson {
  const input = side === 'draft' && row.draft ? row.draft : liveInput(row);
  return {
    ...input,
    campaignId: row.id,
    status: row.status,
    version: row.version,
    hasUnpublishedChanges: row.draft !== null && row.status !== 'draft',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

export async function findCampaignRow(db: Queryable, id: string, forUpdate = false): Promise<CampaignAdminRow | undefined> {
  const [row] = await db.query<CampaignAdminRow>(`select * from campaigns where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  return row;
}

export async function findCampaignRowBySlug(db: Queryable, slug: string): Promise<CampaignAdminRow | undefined> {
  const [row] = await db.query<CampaignAdminRow>('select * from campaigns where slug = $1', [slug]);
  return row;
}

export async function listCampaignRows(db: Queryable, limit: number): Promise<CampaignAdminRow[]> {
  return db.query<CampaignAdminRow>('select * from campaigns order by starts_at desc, id limit $1', [limit]);
}

/** Published or paused campaigns (other than `exceptId`) whose window overlaps [start, end). */
export async function overlappingCampaigns(db: Queryable, start: Date, end: Date, exceptId: string | null) {
  return db.query<{ name: string; starts_at: Date; ends_at: Date }>(
    `select name, starts_at, ends_at from campaigns
     where status in ('published', 'paused') and starts_at < $2 and ends_at > $1 and ($3::text is null or id <> $3)`,
    [start, end, exceptId],
  );
}

/** A new campaign: a draft whose live columns mirror the draft until it is first published. */
export async function insertDraftCampaign(db: Queryable, input: CampaignInputJson, now: Date): Promise<CampaignAdminRow> {
  const [row] = await db.query<CampaignAdminRow>(
    `insert into campaigns (id, slug, name, status, starts_at, ends_at, time_zone, config, rules, page, draft, created_at, updated_at)
     values ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $11) returning *`,
    [newObjectId(), input.slug, input.name, input.startsAt, input.endsAt, input.timeZone, JSON.stringify(input.money), JSON.stringify(input.rules), JSON.stringify(input.page), JSON.stringify(input), now],
  );
  return row;
}

/** Saves the working copy. A never-published campaign's live columns follow its draft. */
export async function saveDraft(db: Queryable, row: CampaignAdminRow, input: CampaignInputJson, now: Date): Promise<CampaignAdminRow> {
  if (row.status === 'draft') {
    const [updated] = await db.query<CampaignAdminRow>(
      `update campaigns set slug = $2, name = $3, starts_at = $4, ends_at = $5, time_zone = $6, config = $7, rules = $8, page = $9,
         draft = $10, updated_at = $11 where id = $1 returning *`,
      [row.id, input.slug, input.name, input.startsAt, input.endsAt, input.timeZone, JSON.stringify(input.money), JSON.stringify(input.rules), JSON.stringify(input.page), JSON.stringify(input), now],
    );
    return updated;
  }
  const [updated] = await db.query<CampaignAdminRow>('update campaigns set draft = $2, updated_at = $3 where id = $1 returning *', [row.id, JSON.stringify(input), now]);
  return updated;
}

/** Publishing makes the draft the live version, numbered and kept immutable in campaign_versions. */
export async function publishDraft(db: Queryable, row: CampaignAdminRow, actorId: string | null, now: Date): Promise<CampaignAdminRow> {
  const input = row.draft ?? liveInput(row);
  const version = row.version + 1;
  const [updated] = await db.query<CampaignAdminRow>(
    `update campaigns set slug = $2, name = $3, starts_at = $4, ends_at = $5, time_zone = $6, config = $7, rules = $8, page = $9,
       draft = null, version = $10, published_at = $11, updated_at = $11,
       status = case when status = 'draft' then 'published' else status end
     where id = $1 returning *`,
    [row.id, input.slug, input.name, input.startsAt, input.endsAt, input.timeZone, JSON.stringify(input.money), JSON.stringify(input.rules), JSON.stringify(input.page), version, now],
  );
  await db.query('insert into campaign_versions (campaign_id, version, snapshot, published_by, published_at) values ($1, $2, $3, $4, $5)', [
    row.id,
    version,
    JSON.stringify({ ...input, campaignId: row.id }),
    actorId,
    now,
  ]);
  return updated;
}

export async function setStatus(db: Queryable, id: string, status: CampaignStatus, now: Date): Promise<CampaignAdminRow> {
  const [row] = await db.query<CampaignAdminRow>('update campaigns set status = $2, updated_at = $3 where id = $1 returning *', [id, status, now]);
  return row;
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

export async function listAudit(db: Queryable, campaignId: string | null, limit: number): Promise<AuditEntryJson[]> {
  const rows = await db.query<{ id: number; campaign_id: string | null; actor_id: string | null; actor_name: string; action: string; detail: Record<string, unknown>; created_at: Date }>(
    `select * from audit_log where ($1::text is null or campaign_id = $1) order by id desc limit $2`,
    [campaignId, limit],
  );
  return rows.map((r) => ({
    auditId: String(r.id),
    campaignId: r.campaign_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    detail: r.detail,
    createdAt: r.created_at.toISOString(),
  }));
}
