import { accountIds, accountKindOf } from '../domain/money/posting';
import type { SplitShare } from '../domain/money/split';
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
 * Writes a batch of pool splits with five set-based statements: one ledger transaction per group
 * (`split:<slotISO>:<groupId>`), its balanced entries (pool debit, wallet credits), the balances
 * those entries move (debits, then credits), and the splits rows. The caller holds the pools'
 * locks and has excluded groups already split for the slot, so every effect key is new (a
 * repeated one fails the transaction on the unique key).
 */
export async function writeSplits(db: Queryable, batch: SplitBatch): Promise<void> {
  if (batch.splits.length === 0) return;
  for (const split of batch.splits) assertWhole(split);
  const txIdByGroup = await insertTransactions(db, batch);
  const entries = entriesOf(batch.splits, txIdByGroup);
  await insertEntries(db, entries, batch.now);
  await addToBalances(db, entries);
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

async function insertTransactions(db: Queryable, batch: SplitBatch): Promise<Map<string, number>> {
  const prefix = `split:${batch.slot.toISOString()}:`;
  const rows = await db.query<{ id: number; effect_key: string }>(
    `insert into ledger_transactions (effect_key, kind, created_at)
     select $1 || g, 'split', $3 from unnest($2::text[]) as g returning id, effect_key`,
    [prefix, batch.splits.map((s) => s.groupId), batch.now],
  );
  return new Map(rows.map((r) => [r.effect_key.slice(prefix.length), r.id]));
}

interface Entry {
  txId: number;
  accountId: string;
  amountFen: number;
}

/**
 * The batch's entries, sorted by account: each account's entries are then adjacent (one balance
 * change per account, taken in lock order), and consecutive inserts into the (account_id, id)
 * index land on neighbouring pages instead of all over it.
 */
function entriesOf(splits: readonly GroupSplit[], txIdByGroup: Map<string, number>): Entry[] {
  const entries: Entry[] = [];
  for (const split of splits) {
    const txId = txIdByGroup.get(split.groupId)!;
    entries.push({ txId, accountId: accountIds.pool(split.groupId), amountFen: -split.totalFen });
    for (const share of split.shares) {
      // A member whose random share is nothing gets no entry (entries move money).
      if (share.amountFen > 0) entries.push({ txId, accountId: accountIds.wallet(share.userId), amountFen: share.amountFen });
    }
  }
  return entries.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.txId - b.txId));
}

async function insertEntries(db: Queryable, entries: readonly Entry[], now: Date): Promise<void> {
  await db.query(
    `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
     select t, a, f, $4 from unnest($1::bigint[], $2::text[], $3::bigint[]) as e(t, a, f)`,
    [entries.map((e) => e.txId), entries.map((e) => e.accountId), entries.map((e) => e.amountFen), now],
  );
}

/**
 * Moves every touched balance once by the sum of its entries, in account id order, so
 * concurrent batches lock shared wallets in one order and cannot deadlock. The CHECK constraint
 * stops any balance that would go negative.
 */
async function addToBalances(db: Queryable, entries: readonly Entry[]): Promise<void> {
  const debits: Delta = { ids: [], totals: [] };
  const credits: Delta = { ids: [], totals: [] };
  // Entries are sorted by account: equal accounts are adjacent.
  for (let i = 0; i < entries.length; ) {
    let total = 0;
    let j = i;
    for (; j < entries.length && entries[j].accountId === entries[i].accountId; j++) total += entries[j].amountFen;
    const delta = total < 0 ? debits : credits;
    delta.ids.push(entries[i].accountId);
    delta.totals.push(total);
    i = j;
  }
  const debited = await db.query(
    `update accounts a set balance_fen = a.balance_fen + d.f
     from unnest($1::text[], $2::bigint[]) as d(id, f) where a.id = d.id returning a.id`,
    [debits.ids, debits.totals],
  );
  if (debited.length !== debits.ids.length) throw new Error('a split debits an account that does not exist');
  // A wallet seen for the first time is created with its balance: no insert-then-update of a row.
  await db.query(
    `insert into accounts (id, kind, balance_fen)
     select a, k, f from unnest($1::text[], $2::text[], $3::bigint[]) with ordinality as x(a, k, f, n) order by n
     on conflict (id) do update set balance_fen = accounts.balance_fen + excluded.balance_fen`,
    [credits.ids, credits.ids.map(accountKindOf), credits.totals],
  );
}

interface Delta {
  ids: string[];
  totals: number[];
}
