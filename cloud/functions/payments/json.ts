import type { WithdrawalJson } from '../../../contract/payments';
import type { WithdrawalRow } from '../../store/withdrawals';

export function withdrawalJson(row: WithdrawalRow): WithdrawalJson {
  return {
    withdrawalId: row.id,
    provider: row.provider,
    status: row.status,
    amountFen: Number(row.amount_fen),
    params: row.status === 'confirming' ? row.params : null,
    failReason: row.fail_reason,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}
