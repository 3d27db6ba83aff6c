import { budgetAccountIds, bucketIds, bucketsOfBudget } from '../domain/money/budgetBuckets';
import { accountKindOf, assertBalanced, type Posting } from '../domain/money/posting';
import { newObjectId } from '../ids';
import { firstRow, oneRow, type Queryable } from './store';

/* Accounts and the double-entry ledger: the single writer of accounts, ledger_transactions and ledger_entries. */

/**
 * Told of the postings written, for the metrics (set once at start-up; the store itself knows
 * nothing of how they are exported). Counted when written, so a transaction that is retried or
 * rolled back afterwards counts again: a rate to watch, not an audit — ledgerCheck is the audit.
 */
export interface LedgerObserver {
  posted(kind: string, postings: number, fen: number): void;
}

let observer: LedgerObserver | undefined;

export function observeLedger(next: LedgerObserver | undefined): void {
  observer = next;
}

/** The fen a posting moves: the sum of its credits (its debits sum to the same, negated). */
function creditedFen(posting: Posting): number {
  let fen = 0;
  for (const entry of posting.entries) if (entry.amountFen > 0) fen += entry.amountFen;
  return fen;
}

/** Thrown (and caught by callers that can go on without the movement) when a balance would go negative. */
export class InsufficientFunds extends Error {
  constructor(readonly accountId: string) {
    super(`insufficient funds in ${accountId}`);
    this.name = 'InsufficientFunds';
  }
}

export async function ensureAccounts(db: Queryable, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  const unique = [...new Set(accountIds)];
  await db.query(`insert into accounts (id, kind) select * from unnest($1::text[], $2::text[]) on conflict (id) do nothing`, [
    unique,
    unique.map(accountKindOf),
  ]);
}

/**
 * Posts one balanced movement, once: a second posting with the same effect key changes nothing
 * and answers 'duplicate'. Balances move account by account in id order (so concurrent postings
 * lock rows in one order and cannot deadlock), each guarded so that no account other than a
 * funding or payment account (money from outside) goes negative; a failed guard throws
 * InsufficientFunds and the caller's transaction (or savepoint) must be rolled back. A campaign
 * budget is refused only when it and its share buckets together fall short: the buckets are
 * swept back into it first.
 */
export async function post(db: Queryable, posting: Posting, now: Date): Promise<'posted' | 'duplicate'> {
  assertBalanced(posting);
  const tx = firstRow(
    await db.query<{ id: number }>(
      `insert into ledger_transactions (effect_key, kind, created_at) values ($1, $2, $3)
       on conflict (effect_key) do nothing returning id`,
      [posting.effectKey, posting.kind, now],
    ),
  );
  if (!tx) return 'duplicate';
  const entries = [...posting.entries].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const move = (entry: Posting['entries'][number]) =>
    db.query(
      `update accounts set balance_fen = balance_fen + $2
       where id = $1 and (kind in ('funding', 'payment') or balance_fen + $2 >= 0) returning id`,
      [entry.accountId, entry.amountFen],
    );
  for (const entry of entries) {
    let updated = await move(entry);
    const buckets = updated.length === 0 ? bucketsOfBudget(entry.accountId) : null;
    if (buckets && (await sweepBuckets(db, entry.accountId, buckets, now)) > 0) updated = await move(entry);
    if (updated.length === 0) throw new InsufficientFunds(entry.accountId);
  }
  await db.query(
    `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
     select $1, a, f, $4 from unnest($2::text[], $3::bigint[]) as t(a, f)`,
    [tx.id, entries.map((e) => e.accountId), entries.map((e) => e.amountFen), now],
  );
  observer?.posted(posting.kind, 1, creditedFen(posting));
  return 'posted';
}

/**
 * Many balanced postings in four set-based statements (a split writes thousands at once): the
 * transactions, their entries, and each touched balance moved once by the sum of its entries.
 * The caller has already excluded, under its locks, effects that happened before, so every key
 * here is new (a repeated one fails the transaction on the unique key).
 */
export async function postBulk(db: Queryable, postings: readonly Posting[], kind: string, now: Date): Promise<void> {
  if (postings.length === 0) return;
  for (const posting of postings) assertBalanced(posting);
  const txIds = await db.query<{ id: number; effect_key: string }>(
    `insert into ledger_transactions (effect_key, kind, created_at)
     select k, $2, $3 from unnest($1::text[]) as k returning id, effect_key`,
    [postings.map((p) => p.effectKey), kind, now],
  );
  const txIdByKey = new Map(txIds.map((t) => [t.effect_key, t.id]));
  const entries: BulkEntry[] = [];
  for (const posting of postings) {
    const txId = txIdByKey.get(posting.effectKey)!;
    for (const entry of posting.entries) entries.push({ txId, accountId: entry.accountId, amountFen: entry.amountFen });
  }
  entries.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.txId - b.txId));
  await db.query(
    `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
     select t, a, f, $4 from unnest($1::bigint[], $2::text[], $3::bigint[]) as e(t, a, f)`,
    [entries.map((e) => e.txId), entries.map((e) => e.accountId), entries.map((e) => e.amountFen), now],
  );
  await addToBalances(db, entries);
  if (observer) {
    let fen = 0;
    for (const posting of postings) fen += creditedFen(posting);
    observer.posted(kind, postings.length, fen);
  }
}

interface BulkEntry {
  txId: number;
  accountId: string;
  amountFen: number;
}

/**
 * Moves every touched balance once by the sum of its entries, which come sorted by account: each
 * account's entries are adjacent, balances are taken in id order (so concurrent bulk postings
 * lock shared accounts in one order and cannot deadlock), and consecutive entry inserts land on
 * neighbouring pages of the (account_id, id) index. An account debited must exist; one credited
 * for the first time (a new wallet) is created with its balance, without an insert-then-update.
 * The CHECK constraint stops any balance that would go negative.
 */
async function addToBalances(db: Queryable, entries: readonly BulkEntry[]): Promise<void> {
  const debits: { ids: string[]; totals: number[] } = { ids: [], totals: [] };
  const credits: { ids: string[]; totals: number[] } = { ids: [], totals: [] };
  for (let i = 0; i < entries.length;) {
    const accountId = entries[i]!.accountId;
    let total = 0;
    let j = i;
    for (; j < entries.length && entries[j]!.accountId === accountId; j++) total += entries[j]!.amountFen;
    const delta = total < 0 ? debits : credits;
    delta.ids.push(accountId);
    delta.totals.push(total);
    i = j;
  }
  const debited = await db.query(
    `update accounts a set balance_fen = a.balance_fen + d.f
     from unnest($1::text[], $2::bigint[]) as d(id, f) where a.id = d.id returning a.id`,
    [debits.ids, debits.totals],
  );
  if (debited.length !== debits.ids.length) throw new Error('a bulk posting debits an account that does not exist');
  await db.query(
    `insert into accounts (id, kind, balance_fen)
     select a, k, f from unnest($1::text[], $2::text[], $3::bigint[]) with ordinality as x(a, k, f, n) order by n
     on conflict (id) do update set balance_fen = accounts.balance_fen + excluded.balance_fen`,
    [credits.ids, credits.ids.map(accountKindOf), credits.totals],
  );
}

/**
 * Runs `work` inside a savepoint: when it throws InsufficientFunds, everything it did is undone
 * and `null` is returned, while the surrounding transaction goes on. Used where running out of
 * budget must not fail the user's action (a share still succeeds without a red packet).
 */
export async function tryWithFunds<T>(db: Queryable, work: () => Promise<T>): Promise<T | null> {
  await db.query('savepoint funds');
  try {
    const result = await work();
    await db.query('release savepoint funds');
    return result;
  } catch (error) {
    if (!(error instanceof InsufficientFunds)) throw error;
    await db.query('rollback to savepoint funds');
    return null;
  }
}

/**
 * Moves everything in a budget's share buckets back into the budget, as one posting; answers the
 * amount moved. Locks the budget and then the buckets in id order, the order every posting locks
 * them in, so a sweep and concurrent rewards cannot deadlock.
 */
async function sweepBuckets(db: Queryable, budgetId: string, buckets: readonly string[], now: Date): Promise<number> {
  const rows = await db.query<{ id: string; balance_fen: number }>(
    'select id, balance_fen from accounts where id = any($1::text[]) order by id for update',
    [[budgetId, ...buckets]],
  );
  const full = rows.filter((r) => r.id !== budgetId && r.balance_fen > 0);
  const totalFen = full.reduce((sum, r) => sum + r.balance_fen, 0);
  if (totalFen === 0) return 0;
  await post(
    db,
    {
      effectKey: `sweep:${budgetId}:${newObjectId()}`,
      kind: 'budget_sweep',
      entries: [{ accountId: budgetId, amountFen: totalFen }, ...full.map((r) => ({ accountId: r.id, amountFen: -r.balance_fen }))],
    },
    now,
  );
  return totalFen;
}

/**
 * A two-entry transfer in one statement, guarded: the debit happens only if the debited account
 * covers it, and only then are the credit (its account created when missing), the transaction
 * and its entries written. Answers false, having changed nothing, when funds fall short — so no
 * savepoint is needed around it. The effect key must be new (the caller holds a claim on the
 * effect); a repeated one fails the statement. The debited account is locked before the credited
 * one, so its id must sort first, as `post` would lock them.
 */
export async function transferIfFunded(db: Queryable, posting: Posting, now: Date): Promise<boolean> {
  assertBalanced(posting);
  const [debit, credit] = posting.entries;
  if (
    debit === undefined ||
    credit === undefined ||
    posting.entries.length !== 2 ||
    debit.amountFen >= 0 ||
    debit.accountId >= credit.accountId
  ) {
    throw new Error(`posting ${posting.effectKey} is not a transfer between accounts in id order`);
  }
  const rows = await db.query<{ n: number }>(
    `with debit as (
       update accounts set balance_fen = balance_fen - $3 where id = $1 and balance_fen >= $3 returning id
     ), credit as (
       insert into accounts (id, kind, balance_fen) select $2, $4, $3 from debit
       on conflict (id) do update set balance_fen = accounts.balance_fen + excluded.balance_fen returning id
     ), t as (
       insert into ledger_transactions (effect_key, kind, created_at) select $5, $6, $7 from debit returning id
     ), e as (
       insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
       select t.id, x.a, x.f, $7 from t, (values ($1::text, -$3::bigint), ($2::text, $3::bigint)) as x(a, f) returning 1
     )
     select count(*)::int as n from debit`,
    [debit.accountId, credit.accountId, credit.amountFen, accountKindOf(credit.accountId), posting.effectKey, posting.kind, now],
  );
  const moved = oneRow(rows, 'count of a guarded transfer').n === 1;
  if (moved) observer?.posted(posting.kind, 1, credit.amountFen);
  return moved;
}

/** What is left of a campaign's budget: the budget account and its share buckets together. */
export async function budgetLeftFen(db: Queryable, campaignId: string): Promise<number> {
  return (await budgetSnapshot(db, campaignId)).totalFen;
}

/** The budget account's balance and the campaign's whole budget (with buckets), as of now, without locks. */
export async function budgetSnapshot(db: Queryable, campaignId: string): Promise<{ budgetFen: number; totalFen: number }> {
  const ids = budgetAccountIds(campaignId);
  const rows = await db.query<{ budget_fen: number; total_fen: number }>(
    `select coalesce(sum(balance_fen) filter (where id = $2), 0)::bigint as budget_fen,
            coalesce(sum(balance_fen), 0)::bigint as total_fen
     from accounts where id = any($1::text[])`,
    [ids, ids[0]],
  );
  const row = oneRow(rows, 'budget totals');
  return { budgetFen: row.budget_fen, totalFen: row.total_fen };
}

/**
 * Locks one of the campaign's buckets that covers `amountFen` (the fullest), skipping buckets
 * other transactions hold, and answers its id; undefined when none is free and full enough.
 */
export async function lockBucketCovering(db: Queryable, campaignId: string, amountFen: number): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `select id from accounts where id = any($1::text[]) and balance_fen >= $2
     order by balance_fen desc limit 1 for update skip locked`,
    [bucketIds(campaignId), amountFen],
  );
  return firstRow(rows)?.id;
}

export async function balanceOf(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [accountId]);
  return firstRow(rows)?.balance_fen ?? 0;
}

/**
 * Locks these accounts in id order (the order every posting locks them in) and answers their
 * balances; accounts that do not exist are absent.
 */
export async function lockAccounts(db: Queryable, accountIds: readonly string[]): Promise<Array<{ id: string; balance_fen: number }>> {
  return db.query<{ id: string; balance_fen: number }>(
    'select id, balance_fen from accounts where id = any($1::text[]) order by id for update',
    [accountIds],
  );
}

/** The balances of these accounts, without locks; accounts that do not exist are absent. */
export async function balancesOf(db: Queryable, accountIds: readonly string[]): Promise<Array<{ id: string; balance_fen: number }>> {
  return db.query<{ id: string; balance_fen: number }>('select id, balance_fen from accounts where id = any($1::text[])', [accountIds]);
}

export interface AccountEntryRow {
  id: number;
  amount_fen: number;
  /** The kind and effect key of the entry's transaction. */
  kind: string;
  effect_key: string;
  created_at: Date;
}

/** An account's newest entries first. */
export async function entriesOfAccount(db: Queryable, accountId: string, limit: number): Promise<AccountEntryRow[]> {
  return db.query<AccountEntryRow>(
    `select e.id, e.amount_fen, t.kind, t.effect_key, e.created_at
     from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
     where e.account_id = $1 order by e.id desc limit $2`,
    [accountId, limit],
  );
}

/** What the ledger's checks count: each is zero (and the sum nothing) when the ledger is sound. */
export interface LedgerTotals {
  sumFen: number;
  accounts: number;
  entries: number;
  unbalancedTransactions: number;
  accountsOffByEntries: number;
  negativeAccounts: number;
  /** Entries that name an account or a transaction that does not exist. */
  orphanEntries: number;
}

/**
 * Counts what would make the ledger unsound: the sum of all entries, transactions that do not
 * balance, balances that differ from their entries, negative balances, orphaned entries.
 */
export async function ledgerTotals(db: Queryable): Promise<LedgerTotals> {
  const totals = oneRow(
    await db.query<{ sum_fen: number | null; entries: number }>(
      'select coalesce(sum(amount_fen), 0)::bigint as sum_fen, count(*) as entries from ledger_entries',
    ),
    'ledger totals',
  );
  const unbalanced = oneRow(
    await db.query<{ n: number }>(
      `select count(*) as n
       from (select transaction_id from ledger_entries group by transaction_id having sum(amount_fen) <> 0) t`,
    ),
    'unbalanced transactions',
  );
  const off = oneRow(
    await db.query<{ n: number; accounts: number; negative: number }>(
      `select count(*) filter (where a.balance_fen <> coalesce(e.total, 0)) as n,
              count(*) as accounts,
              count(*) filter (where a.kind not in ('funding', 'payment') and a.balance_fen < 0) as negative
       from accounts a
       left join (select account_id, sum(amount_fen)::bigint as total from ledger_entries group by account_id) e
         on e.account_id = a.id`,
    ),
    'account balances',
  );
  const orphans = oneRow(
    await db.query<{ n: number }>(
      `select count(*) as n from ledger_entries e
       where not exists (select 1 from accounts a where a.id = e.account_id)
          or not exists (select 1 from ledger_transactions t where t.id = e.transaction_id)`,
    ),
    'orphan entries',
  );
  return {
    sumFen: Number(totals.sum_fen ?? 0),
    accounts: off.accounts,
    entries: totals.entries,
    unbalancedTransactions: unbalanced.n,
    accountsOffByEntries: off.n,
    negativeAccounts: off.negative,
    orphanEntries: orphans.n,
  };
}
