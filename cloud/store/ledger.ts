import { accountKindOf, assertBalanced, type Posting } from '../domain/money/posting';
import type { Queryable } from './store';

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
  await db.query(
    `insert into accounts (id, kind) select * from unnest($1::text[], $2::text[]) on conflict (id) do nothing`,
    [unique, unique.map(accountKindOf)],
  );
}

/**
 * Posts one balanced movement, once: a second posting with the same effect key changes nothing
 * and answers 'duplicate'. Balances move account by account in id order (so concurrent postings
 * lock rows in one order and cannot deadlock), each guarded so that no account other than a
 * funding or payment account (money from outside) goes negative; a failed guard throws
 * InsufficientFunds and the caller's transaction (or savepoint) must be rolled back.
 */
export async function post(db: Queryable, posting: Posting, now: Date): Promise<'posted' | 'duplicate'> {
  assertBalanced(posting);
  const [tx] = await db.query<{ id: number }>(
    `insert into ledger_transactions (effect_key, kind, created_at) values ($1, $2, $3)
     on conflict (effect_key) do nothing returning id`,
    [posting.effectKey, posting.kind, now],
  );
  if (!tx) return 'duplicate';
  const entries = [...posting.entries].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  for (const entry of entries) {
    const updated = await db.query(
      `update accounts set balance_fen = balance_fen + $2
       where id = $1 and (kind in ('funding', 'payment') or balance_fen + $2 >= 0) returning id`,
      [entry.accountId, entry.amountFen],
    );
    if (updated.length === 0) throw new InsufficientFunds(entry.accountId);
  }
  await db.query(
    `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
     select $1, a, f, $4 from unnest($2::text[], $3::bigint[]) as t(a, f)`,
    [tx.id, entries.map((e) => e.accountId), entries.map((e) => e.amountFen), now],
  );
  return 'posted';
}

/**
 * Many balanced postings in a handful of set-based statements (a split writes thousands at once).
 * The caller has already excluded, under its locks, effects that happened before, so every key
 * here is new (a repeated one fails the transaction on the unique key). Balances move once per
 * account, summed; the CHECK constraint stops any that would go negative.
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
  const entries = postings.flatMap((p) => p.entries.map((e) => ({ txId: txIdByKey.get(p.effectKey)!, ...e })));
  const accounts = entries.map((e) => e.accountId);
  const amounts = entries.map((e) => e.amountFen);
  await db.query(
    `insert into ledger_entries (transaction_id, account_id, amount_fen, created_at)
     select t, a, f, $4 from unnest($1::bigint[], $2::text[], $3::bigint[]) as e(t, a, f)`,
    [entries.map((e) => e.txId), accounts, amounts, now],
  );
  await db.query(
    `update accounts a set balance_fen = a.balance_fen + d.total
     from (select acc, sum(f)::bigint as total from unnest($1::text[], $2::bigint[]) as e(acc, f) group by acc) d
     where a.id = d.acc`,
    [accounts, amounts],
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

export async function balanceOf(db: Queryable, accountId: string): Promise<number> {
  const [row] = await db.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [accountId]);
  return row?.balance_fen ?? 0;
}

export interface LedgerCheck {
  balanced: boolean;
  sumFen: number;
  accounts: number;
  entries: number;
  unbalancedTransactions: number;
  accountsOffByEntries: number;
  negativeAccounts: number;
  /** Entries that name an account or a transaction that does not exist. */
  orphanEntries: number;
}

/** Proves the ledger: all entries sum to zero, every transaction balances, balances equal their entries. */
export async function checkLedger(db: Queryable): Promise<LedgerCheck> {
  const [totals] = await db.query<{ sum_fen: number | null; entries: number }>(
    'select coalesce(sum(amount_fen), 0)::bigint as sum_fen, count(*) as entries from ledger_entries',
  );
  const [unbalanced] = await db.query<{ n: number }>(
    `select count(*) as n from (select transaction_id from ledger_entries group by transaction_id having sum(amount_fen) <> 0) t`,
  );
  const [off] = await db.query<{ n: number; accounts: number; negative: number }>(
    `select count(*) filter (where a.balance_fen <> coalesce(e.total, 0)) as n,
            count(*) as accounts,
            count(*) filter (where a.kind not in ('funding', 'payment') and a.balance_fen < 0) as negative
     from accounts a left join (select account_id, sum(amount_fen)::bigint as total from ledger_entries group by account_id) e
       on e.account_id = a.id`,
  );
  const [orphans] = await db.query<{ n: number }>(
    `select count(*) as n from ledger_entries e
     where not exists (select 1 from accounts a where a.id = e.account_id)
        or not exists (select 1 from ledger_transactions t where t.id = e.transaction_id)`,
  );
  const sumFen = Number(totals.sum_fen ?? 0);
  return {
    balanced: sumFen === 0 && unbalanced.n === 0 && off.n === 0 && off.negative === 0 && orphans.n === 0,
    orphanEntries: orphans.n,
    sumFen,
    accounts: off.accounts,
    entries: totals.entries,
    unbalancedTransactions: unbalanced.n,
    accountsOffByEntries: off.n,
    negativeAccounts: off.negative,
  };
}
