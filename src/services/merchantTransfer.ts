import type { WithdrawalJson } from '../../contract/payments';
import type { TransferOutcome } from '../utils/cashierOutcome';

/** Outside WeChat there is no confirm-receipt sheet; the WeChat build uses merchantTransfer.weapp.ts. */
export async function confirmTransfer(_params: NonNullable<WithdrawalJson['params']>): Promise<TransferOutcome> {
  return { kind: 'elsewhere' };
}
