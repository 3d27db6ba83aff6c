import type { CampaignInputJson, CampaignStatus } from '../../contract/campaigns';
import { closesAt, type Campaign, type CampaignConfig } from '../domain/campaign';
import { DEFAULT_GROUP_RULES } from '../domain/groupRules';
import { accountIds, transfer } from '../domain/money/posting';
import { newObjectId } from '../ids';
import { ensureAccounts, post } from './ledger';
import { firstRow, oneRow, type Queryable } from './store';

/**
 * The only writer of campaigns and campaign_versions: the marketer's drafts, publishing and status
 * changes, and the published campaign seeds and tests start from. Also the reads of the campaign
 * that runs now (rewards, splits, group rules) and of the console's rows.
 */

/** A campaigns row as the console reads it: the live columns, the draft and the version. */
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
  /** When endCampaign ended it; before ends_at, the campaign closed then. */
  ended_at: Date | null;
  draft: CampaignInputJson | null;
  created_at: Date;
  updated_at: Date;
}

type CampaignRow = Pick<CampaignAdminRow, 'id' | 'slug' | 'name' | 'status' | 'starts_at' | 'ends_at' | 'time_zone' | 'config'> & {
  ended_at?: Date | null;
};

/** When a campaign closes, in SQL: its planned end, or the moment it was ended if that came first. */
const CLOSES_AT = 'least(ends_at, ended_at)';

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

/**
 * The campaign the rules see, from a row (the admin row has every column it needs). Its `endsAt`
 * is when it closes: a campaign ended early closes when it was ended (final split, settlement
 * split and grand prize follow).
 */
export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: closesAt(row.ends_at, row.ended_at ?? null),
    timeZone: row.time_zone,
    config: row.config,
  };
}

/**
 * The published campaign whose window contains `at` (campaign windows do not overlap), with its
 * published version: a cached copy is still current exactly when the row is still published at
 * that version (every published change bumps it).
 */
export async function findCampaignAt(db: Queryable, at: Date): Promise<(Campaign & { version: number }) | undefined> {
  const row = firstRow(
    await db.query<CampaignRow & { version: number }>(
      `select * from campaigns where status = 'published' and starts_at <= $1 and ends_at > $1 order by starts_at desc limit 1`,
      [at],
    ),
  );
  return row && { ...toCampaign(row), version: row.version };
}

/** The campaign a split at `slot` belongs to: the one running then, or the last one closed by then. */
export async function findCampaignForSlot(db: Queryable, slot: Date): Promise<Campaign | undefined> {
  const row = firstRow(
    await db.query<CampaignRow>(
      `select * from campaigns where status in ('published', 'paused', 'ended') and version > 0 and starts_at <= $1
       order by (${CLOSES_AT} >= $1 and status <> 'ended') desc, (${CLOSES_AT} >= $1) desc,
                case when ${CLOSES_AT} < $1 then ${CLOSES_AT} end desc nulls last, starts_at desc limit 1`,
      [slot],
    ),
  );
  return row && toCampaign(row);
}

export async function findCampaign(db: Queryable, id: string): Promise<Campaign | undefined> {
  const row = firstRow(await db.query<CampaignRow>('select * from campaigns where id = $1', [id]));
  return row && toCampaign(row);
}

export async function listActiveCampaigns(db: Queryable): Promise<Campaign[]> {
  // A campaign ended before it was ever published never had money or slots.
  const rows = await db.query<CampaignRow>(
    `select * from campaigns where status in ('published', 'paused', 'ended') and version > 0 order by starts_at`,
  );
  return rows.map(toCampaign);
}

/** The group rules of the campaign running at `at` (null when none runs). */
export async function findRulesAt(db: Queryable, at: Date): Promise<Record<string, unknown> | null> {
  const row = firstRow(
    await db.query<{ rules: Record<string, unknown> }>(
      `select rules from campaigns where status = 'published' and starts_at <= $1 and ends_at > $1 order by starts_at desc limit 1`,
      [at],
    ),
  );
  return row?.rules ?? null;
}

/** How many campaigns exist, drafts and ended ones included (the demo seeds into an empty table). */
export async function countCampaigns(db: Queryable): Promise<number> {
  return oneRow(await db.query<{ n: number }>('select count(*) as n from campaigns'), 'campaign count').n;
}

/** With `forUpdate`, the row stays locked until the transaction ends. */
export async function findCampaignRow(db: Queryable, id: string, forUpdate = false): Promise<CampaignAdminRow | undefined> {
  const sql = forUpdate ? 'select * from campaigns where id = $1 for update' : 'select * from campaigns where id = $1';
  return firstRow(await db.query<CampaignAdminRow>(sql, [id]));
}

export async function findCampaignRowBySlug(db: Queryable, slug: string): Promise<CampaignAdminRow | undefined> {
  return firstRow(await db.query<CampaignAdminRow>('select * from campaigns where slug = $1', [slug]));
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

/** slug, name, starts_at, ends_at, time_zone, config, rules, page and draft, in that order, from a draft. */
function draftColumns(input: CampaignInputJson): unknown[] {
  const { slug, name, startsAt, endsAt, timeZone, money, rules, page } = input;
  return [
    slug,
    name,
    startsAt,
    endsAt,
    timeZone,
    JSON.stringify(money),
    JSON.stringify(rules),
    JSON.stringify(page),
    JSON.stringify(input),
  ];
}

/** A new campaign: a draft whose live columns mirror the draft until it is first published. */
export async function insertDraftCampaign(db: Queryable, input: CampaignInputJson, now: Date): Promise<CampaignAdminRow> {
  const rows = await db.query<CampaignAdminRow>(
    `insert into campaigns (id, slug, name, status, starts_at, ends_at, time_zone, config, rules, page, draft, created_at, updated_at)
     values ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $11) returning *`,
    [newObjectId(), ...draftColumns(input), now],
  );
  return oneRow(rows, 'inserted draft campaign');
}

/** Saves the working copy. A never-published campaign's live columns follow its draft. */
export async function saveDraft(db: Queryable, row: CampaignAdminRow, input: CampaignInputJson, now: Date): Promise<CampaignAdminRow> {
  if (row.status === 'draft') {
    const rows = await db.query<CampaignAdminRow>(
      `update campaigns set slug = $2, name = $3, starts_at = $4, ends_at = $5, time_zone = $6, config = $7, rules = $8, page = $9,
         draft = $10, updated_at = $11 where id = $1 returning *`,
      [row.id, ...draftColumns(input), now],
    );
    return oneRow(rows, `campaign ${row.id} whose draft was saved`);
  }
  const rows = await db.query<CampaignAdminRow>('update campaigns set draft = $2, updated_at = $3 where id = $1 returning *', [
    row.id,
    JSON.stringify(input),
    now,
  ]);
  return oneRow(rows, `campaign ${row.id} whose draft was saved`);
}

/**
 * Publishing makes `input` (the draft, or the live side when there is none) the live version,
 * numbered and kept immutable in campaign_versions.
 */
export async function publishDraft(
  db: Queryable,
  row: CampaignAdminRow,
  input: CampaignInputJson,
  actorId: string | null,
  now: Date,
): Promise<CampaignAdminRow> {
  const version = row.version + 1;
  const rows = await db.query<CampaignAdminRow>(
    `update campaigns set slug = $2, name = $3, starts_at = $4, ends_at = $5, time_zone = $6, config = $7, rules = $8, page = $9,
       draft = null, version = $10, published_at = $11, updated_at = $11,
       status = case when status = 'draft' then 'published' else status end
     where id = $1 returning *`,
    [
      row.id,
      input.slug,
      input.name,
      input.startsAt,
      input.endsAt,
      input.timeZone,
      JSON.stringify(input.money),
      JSON.stringify(input.rules),
      JSON.stringify(input.page),
      version,
      now,
    ],
  );
  await db.query('insert into campaign_versions (campaign_id, version, snapshot, published_by, published_at) values ($1, $2, $3, $4, $5)', [
    row.id,
    version,
    JSON.stringify({ ...input, campaignId: row.id }),
    actorId,
    now,
  ]);
  return oneRow(rows, `published campaign ${row.id}`);
}

/** Ending records the moment (`ended_at`): a campaign ended before its planned end closes then. */
export async function setStatus(db: Queryable, id: string, status: CampaignStatus, now: Date): Promise<CampaignAdminRow> {
  const rows = await db.query<CampaignAdminRow>(
    `update campaigns set status = $2, updated_at = $3, ended_at = case when $2 = 'ended' then $3 else ended_at end where id = $1 returning *`,
    [id, status, now],
  );
  return oneRow(rows, `campaign ${id} whose status was set`);
}

/**
 * Creates a published campaign (version 1, default rules and page) and funds its budgets from the
 * campaign's funding account (money from outside the ledger), once.
 */
export async function insertPublishedCampaign(db: Queryable, campaign: Omit<Campaign, 'id' | 'status'>, now: Date): Promise<Campaign> {
  const id = newObjectId();
  const rows = await db.query<CampaignRow>(
    `insert into campaigns (id, slug, name, status, starts_at, ends_at, time_zone, config, rules, page, version, published_at, created_at, updated_at)
     values ($1, $2, $3, 'published', $4, $5, $6, $7, $8, $9, 1, $10, $10, $10) returning *`,
    [
      id,
      campaign.slug,
      campaign.name,
      campaign.startsAt,
      campaign.endsAt,
      campaign.timeZone,
      JSON.stringify(campaign.config),
      JSON.stringify(DEFAULT_RULES),
      JSON.stringify(DEFAULT_PAGE),
      now,
    ],
  );
  const row = oneRow(rows, 'inserted published campaign');
  await db.query('insert into campaign_versions (campaign_id, version, snapshot, published_at) values ($1, 1, $2, $3)', [
    id,
    JSON.stringify({
      campaignId: id,
      slug: campaign.slug,
      name: campaign.name,
      startsAt: campaign.startsAt,
      endsAt: campaign.endsAt,
      timeZone: campaign.timeZone,
      rules: DEFAULT_RULES,
      money: campaign.config,
      page: DEFAULT_PAGE,
    }),
    now,
  ]);
  await fundCampaign(db, toCampaign(row), now);
  return toCampaign(row);
}

export async function fundCampaign(db: Queryable, campaign: Campaign, now: Date): Promise<void> {
  const funding = accountIds.funding(campaign.id);
  const budget = accountIds.budget(campaign.id);
  const grandBudget = accountIds.grandBudget(campaign.id);
  await ensureAccounts(db, [funding, budget, grandBudget, accountIds.reserve(campaign.id)]);
  if (campaign.config.budgetFen > 0) {
    await post(db, transfer(`fund:${campaign.id}`, 'fund', funding, budget, campaign.config.budgetFen), now);
  }
  if (campaign.config.grandPrize.budgetFen > 0) {
    await post(db, transfer(`fund-grand:${campaign.id}`, 'fund', funding, grandBudget, campaign.config.grandPrize.budgetFen), now);
  }
}

/** What has been moved into an account by funding postings so far (top-ups minus withdrawals). */
export async function fundedFen(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ total: number }>(
    `select coalesce(sum(e.amount_fen), 0)::bigint as total from ledger_entries e
     join ledger_transactions t on t.id = e.transaction_id where e.account_id = $1 and t.kind in ('fund', 'defund')`,
    [accountId],
  );
  return oneRow(rows, `funded total of ${accountId}`).total;
}
