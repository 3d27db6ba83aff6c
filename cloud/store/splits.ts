import { accountIds, type Posting } from '../domain/money/posting';
import type { SplitShare } from '../domain/money/split';
import { postBulk } from './ledger';
import { PACKET_UNLOCKS_AT } from './redPackets';
import { oneRow, type Queryable } from './store';

/* Pool splits: one splits row per slot and group, and one split_runs row per slot. The single writer of both. */

/** One group's pool split: the whole pool leaves it, and each member's share goes to their wallet. */
export interface GroupSplit {
  groupId: string;
  totalFen: number;
  shares: SplitShare[];
}

export interface SplitBatch {
  slot: Date;
  campaignId: string;
  policy: string;
  now: Date;
  splits: readonly GroupSplit[];
}

/** The effect key of a group's split posting in a slot (`split:<slotISO>:<groupId>`). */
export const splitEffectKey = (slot: Date, groupId: string) => `split:${slot.toISOString()}:${groupId}`;

/**
 * Writes a batch of pool splits: one ledger posting per group (the pool's debit and the wallet
 * credits), written in bulk, and the splits rows. The caller holds the pools' locks and has
 * excluded groups already split for the slot, so every effect key is new (a repeated one fails
 * the transaction on the unique key).
 */
export async function writeSplits(db: Queryable, batch: SplitBatch): Promise<void> {
  if (batch.splits.length === 0) return;
  for (const split of batch.splits) assertWhole(split);
  const postings: Posting[] = batch.splits.map((split) => ({
    effectKey: splitEffectKey(batch.slot, split.groupId),
    kind: 'split',
    entries: [
      { accountId: accountIds.pool(split.groupId), amountFen: -split.totalFen },
      // A member whose random share is nothing gets no entry (entries move money).
      ...split.shares
        .filter((share) => share.amountFen > 0)
        .map((share) => ({ accountId: accountIds.wallet(share.userId), amountFen: share.amountFen })),
    ],
  }));
  await postBulk(db, postings, 'split', batch.now);
  await db.query(
    `insert into splits (slot, group_id, campaign_id, policy, total_fen, member_count, created_at)
     select $1, g, $2, $3, t, m, $4 from unnest($5::text[], $6::bigint[], $7::int[]) as x(g, t, m)`,
    [
      batch.slot,
      batch.campaignId,
      batch.policy,
      batch.now,
      batch.splits.map((s) => s.groupId),
      batch.splits.map((s) => s.totalFen),
      batch.splits.map((s) => s.shares.length),
    ],
  );
}

/** A split that pays out more or less than its pool would unbalance the ledger: a bug, so crash. */
function assertWhole(split: GroupSplit): void {
  let sum = 0;
  for (const share of split.shares) {
    if (!Number.isSafeInteger(share.amountFen) || share.amountFen < 0) {
      throw new Error(`split of ${split.groupId} has a bad share ${share.amountFen}`);
    }
    sum += share.amountFen;
  }
  if (!Number.isSafeInteger(split.totalFen) || split.totalFen <= 0 || sum !== split.totalFen) {
    throw new Error(`split of ${split.groupId} pays ${sum} out of a pool of ${split.totalFen}`);
  }
}

/** Notes that a slot's run has started (once per slot: a second runner changes nothing). */
export async function startSplitRun(db: Queryable, slot: Date, campaignId: string, now: Date): Promise<void> {
  await db.query('insert into split_runs (slot, campaign_id, started_at) values ($1, $2, $3) on conflict (slot) do nothing', [
    slot,
    campaignId,
    now,
  ]);
}

/** Marks a slot's run completed with the totals of the whole slot, including chunks of an earlier, interrupted run. */
export async function completeSplitRun(db: Queryable, slot: Date, now: Date): Promise<void> {
  const totals = oneRow(
    await db.query<{ groups: number; total: number }>(
      'select count(*) as groups, coalesce(sum(total_fen), 0)::bigint as total from splits where slot = $1',
      [slot],
    ),
    'totals of a slot',
  );
  await db.query('update split_runs set completed_at = $2, groups_split = $3, total_fen = $4 where slot = $1', [
    slot,
    now,
    totals.groups,
    totals.total,
  ]);
}

/** The slots whose run has completed. */
export async function completedSplitSlots(db: Queryable): Promise<Date[]> {
  return (await db.query<{ slot: Date }>('select slot from split_runs where completed_at is not null')).map((r) => r.slot);
}

/**
 * The next active groups after `afterGroupId` in id order that have something to split at the
 * slot: money in the pool, or a pending packet the slot unlocks.
 */
export async function splitCandidateGroups(db: Queryable, afterGroupId: string, slot: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select g.id from groups g
     where g.status = 'active' and g.id > $1
       and (exists (select 1 from accounts a where a.id = 'pool:' || g.id and a.balance_fen > 0)
            or exists (select 1 from red_packets r
                       where r.group_id = g.id and r.status = 'pending' and ${PACKET_UNLOCKS_AT} <= $2))
     order by g.id limit $3`,
    [afterGroupId, slot, limit],
  );
  return rows.map((r) => r.id);
}

/** Which of these groups were split for the slot already. */
export async function groupsSplitAt(db: Queryable, slot: Date, groupIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ group_id: string }>('select group_id from splits where slot = $1 and group_id = any($2::text[])', [
    slot,
    groupIds,
  ]);
  return new Set(rows.map((r) => r.group_id));
}

/**
 * Each group's member ids, in id order (the deterministic order 'equal' splits rely on); groups
 * without members are absent.
 */
export async function memberIdsByGroup(db: Queryable, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.query<{ group_id: string; user_ids: string[] }>(
    `select group_id, array_agg(user_id order by user_id) as user_ids from group_members
     where group_id = any($1::text[]) group by group_id`,
    [groupIds],
  );
  return new Map(rows.map((m) => [m.group_id, m.user_ids]));
}

export interface SplitRow {
  slot: Date;
  total_fen: number;
  policy: string;
}

/** A group's newest splits first. */
export async function recentSplitsOfGroup(db: Queryable, groupId: string, limit: number): Promise<SplitRow[]> {
  return db.query<SplitRow>('select slot, total_fen, policy from splits where group_id = $1 order by slot desc limit $2', [groupId, limit]);
}

export interface SplitCreditRow {
  effect_key: string;
  user_id: string;
  nickname: string;
  amount_fen: number;
}

/** The members' shares of these splits (the credits of their ledger transactions), largest first. */
export async function splitCredits(db: Queryable, effectKeys: readonly string[]): Promise<SplitCreditRow[]> {
  return db.query<SplitCreditRow>(
    `select t.effect_key, u.id as user_id, u.nickname, e.amount_fen
     from ledger_transactions t
     join ledger_entries e on e.transaction_id = t.id and e.amount_fen > 0
     join users u on 'wallet:' || u.id = e.account_id
     where t.effect_key = any($1::text[])
     order by e.amount_fen desc, u.id`,
    [effectKeys],
  );
}
