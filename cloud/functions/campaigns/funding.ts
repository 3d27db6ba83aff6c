import { ErrorCode } from '../../../contract/errors';
import { accountIds, transfer } from '../../domain/money/posting';
import { CloudError } from '../../errors';
import { ensureAccounts, InsufficientFunds, post } from '../../store/ledger';
import { fundedFen } from '../../store/campaigns';
import type { Queryable } from '../../store/store';

/**
 * Brings a campaign's budgets to what its published version says: a top-up from the campaign's
 * funding account, or a withdrawal of unspent money back to it. Money already paid out cannot
 * be withdrawn: asking for that is refused, and nothing changes.
 */
export async function adjustFunding(
  db: Queryable,
  campaignId: string,
  target: { budgetFen: number; grandFen: number },
  version: number,
  now: Date,
): Promise<void> {
  const funding = accountIds.funding(campaignId);
  const accounts = [
    { id: accountIds.budget(campaignId), targetFen: target.budgetFen, label: 'budgetFen' },
    { id: accountIds.grandBudget(campaignId), targetFen: target.grandFen, label: 'grandPrize.budgetFen' },
  ];
  await ensureAccounts(db, [funding, accountIds.reserve(campaignId), ...accounts.map((a) => a.id)]);
  for (const account of accounts) {
    const diff = account.targetFen - (await fundedFen(db, account.id));
    if (diff === 0) continue;
    const key = `fund:${account.id}:v${version}`;
    try {
      if (diff > 0) await post(db, { ...transfer(key, 'fund', funding, account.id, diff) }, now);
      else await post(db, { ...transfer(key, 'defund', account.id, funding, -diff) }, now);
    } catch (error) {
      if (!(error instanceof InsufficientFunds)) throw error;
      throw new CloudError(ErrorCode.INVALID_PARAMS, `money.${account.label}：不能低于已经发出或预留的金额，请调高后重新发布。`);
    }
  }
}
