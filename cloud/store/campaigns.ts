import type { Campaign, CampaignConfig } from '../domain/campaign';
import { accountIds, transfer } from '../domain/money/posting';
import { newObjectId } from '../ids';
import { DEFAULT_PAGE, DEFAULT_RULES } from './campaignAdmin';
import { ensureAccounts, post } from './ledger';
import type { Queryable } from './store';

interface CampaignRow {
  id: string;
  slug: string;
  name: string;
  status: Campaign['status'];
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  config: CampaignConfig;
}

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
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
  const [row] = await db.query<CampaignRow & { version: number }>(
    `select * from campaigns where status = 'published' and starts_at <= $1 and ends_at > $1 order by starts_at desc limit 1`,
    [at],
  );
  return row && { ...toCampaign(row), version: row.version };
}

/** The campaign a split at `slot` belongs to: the one running then, or the last one closed by then. */
export async function findCampaignForSlot(db: Queryable, slot: Date): Promise<Campaign | undefined> {
  const [row] = await db.query<CampaignRow>(
    `select * from campaigns where status in ('published', 'paused', 'ended') and starts_at <= $1
     order by (ends_at >= $1 and status <> 'ended') desc, (ends_at >= $1) desc,
              case when ends_at < $1 then ends_at end desc nulls last, starts_at desc limit 1`,
    [slot],
  );
  return row && toCampaign(row);
}

export async function findCampaign(db: Queryable, id: string): Promise<Campaign | undefined> {
  const [row] = await db.query<CampaignRow>('select * from campaigns where id = $1', [id]);
  return row && toCampaign(row);
}

export async function listActiveCampaigns(db: Queryable): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(`select * from campaigns where status in ('published', 'paused', 'ended') order by starts_at`);
  return rows.map(toCampaign);
}

/** The group rules of the campaign running at `at` (null when none runs). */
export async function findRulesAt(db: Queryable, at: Date): Promise<Record<string, unknown> | null> {
  const [row] = await db.query<{ rules: Record<string, unknown> }>(
    `select rules from campaigns where status = 'published' and starts_at <= $1 and ends_at > $1 order by starts_at desc limit 1`,
    [at],
  );
  return row?.rules ?? null;
}

/**
 * Creates a published campaign (version 1, default rules and page) and funds its budgets from the campaign's funding account (money
 * from outside the ledger), once.
 */
export async function insertPublishedCampaign(
  db: Queryable,
  campaign: Omit<Campaign, 'id' | 'status'>,
  now: Date,
): Promise<Campaign> {
  const id = newObjectId();
  const [row] = await db.query<CampaignRow>(
    `insert into campaigns (id, slug, name, status, starts_at, ends_at, time_zone, config, rules, page, version, published_at, created_at, updated_at)
     values ($1, $2, $3, 'published', $4, $5, $6, $7, $8, $9, 1, $10, $10, $10) returning *`,
    [id, campaign.slug, campaign.name, campaign.startsAt, campaign.endsAt, campaign.timeZone, JSON.stringify(campaign.config), JSON.stringify(DEFAULT_RULES), JSON.stringify(DEFAULT_PAGE), now],
  );
  await db.query('insert into campaign_versions (campaign_id, version, snapshot, published_at) values ($1, 1, $2, $3)', [
    id,
    JSON.stringify({ campaignId: id, slug: campaign.slug, name: campaign.name, startsAt: campaign.startsAt, endsAt: campaign.endsAt, timeZone: campaign.timeZone, rules: DEFAULT_RULES, money: campaign.config, page: DEFAULT_PAGE }),
    now,
  ]);
  await fundCampaign(db, toCampaign(row), now);
  return toCampaign(row);
}

export async function fundCampaign(db: Queryable, campaign: Campaign, now: Date): Promise<void> {
  const ids = [accountIds.funding(campaign.id), accountIds.budget(campaign.id), accountIds.grandBudget(campaign.id), accountIds.reserve(campaign.id)];
  await ensureAccounts(db, ids);
  if (campaign.config.budgetFen > 0) {
    await post(db, transfer(`fund:${campaign.id}`, 'fund', ids[0], ids[1], campaign.config.budgetFen), now);
  }
  if (campaign.config.grandPrize.budgetFen > 0) {
    await post(db, transfer(`fund-grand:${campaign.id}`, 'fund', ids[0], ids[2], campaign.config.grandPrize.budgetFen), now);
  }
}
