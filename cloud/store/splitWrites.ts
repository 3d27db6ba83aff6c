import { accountIds, type Posting } from '../domain/money/posting';
import type { SplitShare } from '../domain/money/split';
import { postBulk } from './ledger';
import type { Queryable } from './store';

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

/**
 * Writes a batch of pool splits: one ledger posting per group (`split:<slotISO>:<groupId>`: the
 * pool's debit and the wallet credits), written in bulk, and the splits rows. The caller holds the
 * pools' locks and has excluded groups already split for the slot, so every effect key is new (a
 * repeated one fails the transaction on the unique key).
 */
export async function writeSplits(db: Queryable, batch: SplitBatch): Promise<void> {
  if (batch.splits.length === 0) return;
  for (const split of batch.splits) assertWhole(split);
  const slotKey = batch.slot.toISOString();
  const postings: Posting[] = batch.splits.map((split) => ({
    effectKey: `split:${slotKey}:${split.groupId}`,
    kind: 'split',
    entries: [
      { accountId: accountIds.pool(split.groupId), amountFen: -split.totalFen },
      // A member whose random share is nothing gets no entry (entries move money).
      ...split.shares.filter((share) => share.amountFen > 0).map((share) => ({ accountId: accountIds.wallet(share.userId), amountFen: share.amountFen })),
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
    if (!Number.isSafeInteger(share.amountFen) || share.amountFen < 0) throw new Error(`split of ${split.groupId} has a bad share ${share.amountFen}`);
    sum += share.amountFen;
  }
  if (!Number.isSafeInteger(split.totalFen) || split.totalFen <= 0 || sum !== split.totalFen) {
    throw new Error(`split of ${split.groupId} pays ${sum} out of a pool of ${split.totalFen}`);
  }
}
