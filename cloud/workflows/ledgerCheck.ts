import type { LedgerCheckJson } from '../../contract/money';
import { ledgerTotals } from '../store/ledger';
import type { Queryable } from '../store/store';

/**
 * Proves the ledger: all entries sum to zero, every transaction balances, balances equal their
 * entries, no balance that must not go negative is negative, and no entry is orphaned.
 */
export async function checkLedger(db: Queryable): Promise<LedgerCheckJson> {
  const t = await ledgerTotals(db);
  return {
    balanced:
      t.sumFen === 0 && t.unbalancedTransactions === 0 && t.accountsOffByEntries === 0 && t.negativeAccounts === 0 && t.orphanEntries === 0,
    orphanEntries: t.orphanEntries,
    sumFen: t.sumFen,
    accounts: t.accounts,
    entries: t.entries,
    unbalancedTransactions: t.unbalancedTransactions,
    accountsOffByEntries: t.accountsOffByEntries,
    negativeAccounts: t.negativeAccounts,
  };
}
