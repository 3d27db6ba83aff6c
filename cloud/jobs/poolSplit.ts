import { splitPool, type SplitShare } from '../domain/money/split';
import { accountIds, transfer, type Posting } from '../domain/money/posting';
import { postBulk } from '../store/ledger';
import { findCampaignForSlot } from '../store/campaigns';
import type { Queryable, Store } from '../store/store';

/** Groups per transaction: large enough for set-based statements, small enough to hold few locks. */
export const SPLIT_CHUNK_GROUPS = 2000;

export interface SplitRunResult {
  slot: string;
  groupsSplit: number;
  totalFen: number;
}

/**
 * Splits every active group's pool among its current members for one slot (瓜分), exactly once
 * per slot and group: chunks of groups in id order, one transaction each. A chunk locks its
 * groups' pool accounts, skips groups already split for the slot, settles pending purchase
 * packets reserved before the slot into the pools, then writes every split of the chunk with a
 * handful of set-based statements. Two runners of the same slot queue on the pool locks and the
 * second finds nothing left to do; a runner killed midway leaves whole chunks behind, and
 * running the slot again finishes the rest.
 */
export async function runPoolSplit(
  store: Store,
  slot: Date,
  options: { now: Date; random: () => number; chunkGroups?: number; onProgress?: (done: number) => void },
): Promise<SplitRunResult | null> {
  const campaign = await findCampaignForSlot(store, slot);
  if (!campaign) return null;
  await store.query(
    `insert into split_runs (slot, campaign_id, started_at) values ($1, $2, $3) on conflict (slot) do nothing`,
    [slot, campaign.id, options.now],
  );
  const chunk = options.chunkGroups ?? SPLIT_CHUNK_GROUPS;
  let after = '';
  let groupsSplit = 0;
  let totalFen = 0;
  for (;;) {
    const candidates = await store.query<{ id: string }>(
      `select g.id from groups g
       where g.status = 'active' and g.id > $1
         and (exists (select 1 from accounts a where a.id = 'pool:' || g.id and a.balance_fen > 0)
              or exists (select 1 from red_packets r where r.group_id = g.id and r.status = 'pending' and r.created_at <= $2))
       order by g.id limit $3`,
      [after, slot, chunk],
    );
    if (candidates.length === 0) break;
    after = candidates[candidates.length - 1].id;
    const result = await store.transaction((tx) =>
      splitChunk(tx, candidates.map((c) => c.id), slot, campaign.id, campaign.config.split.policy, options.now, options.random),
    );
    groupsSplit += result.groups;
    totalFen += result.totalFen;
    options.onProgress?.(groupsSplit);
  }
  // Totals of the whole slot, including chunks written by an earlier, interrupted run.
  const [totals] = await store.query<{ groups: number; total: number }>(
    'select count(*) as groups, coalesce(sum(total_fen), 0)::bigint as total from splits where slot = $1',
    [slot],
  );
  await store.query('update split_runs set completed_at = $2, groups_split = $3, total_fen = $4 where slot = $1', [
    slot,
    options.now,
    totals.groups,
    totals.total,
  ]);
  // The reply says what this run split: running a finished slot again splits nothing more.
  return { slot: slot.toISOString(), groupsSplit, totalFen };
}

async function splitChunk(
  tx: Queryable,
  groupIds: string[],
  slot: Date,
  campaignId: string,
  policy: 'random' | 'equal',
  now: Date,
  random: () => number,
): Promise<{ groups: number; totalFen: number }> {
  const poolIds = groupIds.map(accountIds.pool);
  await tx.query('select id from accounts where id = any($1::text[]) order by id for update', [poolIds]);
  const done = new Set(
    (await tx.query<{ group_id: string }>('select group_id from splits where slot = $1 and group_id = any($2::text[])', [slot, groupIds])).map((r) => r.group_id),
  );
  const todo = groupIds.filter((id) => !done.has(id));
  if (todo.length === 0) return { groups: 0, totalFen: 0 };

  await settlePendingPackets(tx, todo, slot, now);

  const pools = await tx.query<{ id: string; balance_fen: number }>(
    `select id, balance_fen from accounts where id = any($1::text[]) and balance_fen > 0`,
    [todo.map(accountIds.pool)],
  );
  // One row per group (members in id order: the deterministic order 'equal' splits rely on).
  const members = await tx.query<{ group_id: string; user_ids: string[] }>(
    'select group_id, array_agg(user_id order by user_id) as user_ids from group_members where group_id = any($1::text[]) group by group_id',
    [todo],
  );
  const membersByGroup = new Map(members.map((m) => [m.group_id, m.user_ids]));

  const splits: Array<{ groupId: string; totalFen: number; shares: SplitShare[] }> = [];
  for (const pool of pools) {
    const groupId = pool.id.slice('pool:'.length);
    const memberIds = membersByGroup.get(groupId) ?? [];
    if (memberIds.length === 0) continue;
    splits.push({ groupId, totalFen: pool.balance_fen, shares: splitPool(pool.balance_fen, memberIds, policy, random) });
  }
  if (splits.length === 0) return { groups: 0, totalFen: 0 };

  const slotKey = slot.toISOString();
  const postings: Posting[] = splits.map((split) => ({
    effectKey: `split:${slotKey}:${split.groupId}`,
    kind: 'split',
    entries: [
      { accountId: accountIds.pool(split.groupId), amountFen: -split.totalFen },
      ...split.shares.filter((share) => share.amountFen > 0).map((share) => ({ accountId: accountIds.wallet(share.userId), amountFen: share.amountFen })),
    ],
  }));
  const walletIds = [...new Set(splits.flatMap((split) => split.shares.map((share) => accountIds.wallet(share.userId))))];
  await tx.query(`insert into accounts (id, kind) select unnest($1::text[]), 'wallet' on conflict (id) do nothing`, [walletIds]);
  await postBulk(tx, postings, 'split', now);
  await tx.query(
    `insert into splits (slot, group_id, campaign_id, policy, total_fen, member_count, created_at)
     select $1, g, $2, $3, t, m, $4 from unnest($5::text[], $6::bigint[], $7::int[]) as x(g, t, m)`,
    [slot, campaignId, policy, now, splits.map((s) => s.groupId), splits.map((s) => s.totalFen), splits.map((s) => s.shares.length)],
  );
  return { groups: splits.length, totalFen: splits.reduce((sum, s) => sum + s.totalFen, 0) };
}

/** Pending purchase packets reserved before the slot move from the campaign reserve into their pools. */
async function settlePendingPackets(tx: Queryable, groupIds: string[], slot: Date, now: Date): Promise<void> {
  const settled = await tx.query<{ id: string; campaign_id: string; group_id: string; amount_fen: number }>(
    `update red_packets set status = 'posted', settled_at = $3
     where group_id = any($1::text[]) and status = 'pending' and created_at <= $2
     returning id, campaign_id, group_id, amount_fen`,
    [groupIds, slot, now],
  );
  if (settled.length === 0) return;
  await postBulk(
    tx,
    settled.map((p) => transfer(`settle:${p.id}`, 'purchase_settle', accountIds.reserve(p.campaign_id), accountIds.pool(p.group_id), p.amount_fen)),
    'purchase_settle',
    now,
  );
}
