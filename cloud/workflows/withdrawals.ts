/**
 * Withdrawals: red-packet money moved out of the wallet through WeChat Pay's merchant transfer
 * (商家转账, which the user confirms in the app) or Alipay's transfer. The wallet is debited with
 * the intent, in one transaction, before the provider is called; a transfer that fails credits
 * the money back, once (`withdraw-back:<id>`).
 */
import { ErrorCode } from '../../contract/errors';
import { WITHDRAW_DAILY_MAX_FEN, WITHDRAW_MIN_FEN } from '../../contract/payments';
import { accountIds, transfer } from '../domain/money/posting';
import { CloudError } from '../errors';
import { newObjectId } from '../ids';
import { ProviderRejected, ProviderUnavailable, type TransferState } from '../payments/provider';
import { lockUser } from '../store/groups';
import { ensureAccounts, InsufficientFunds, post } from '../store/ledger';
import type { Store } from '../store/store';
import {
  deferWithdrawal,
  findWithdrawal,
  findWithdrawalByRequest,
  insertWithdrawal,
  recordWithdrawalState,
  withdrawnSince,
  type WithdrawalRow,
} from '../store/withdrawals';
import { notifyUrlOf, providerOf, retryDelayMs, type PaymentCallDeps } from './paymentCalls';
import { walletTooLow } from './payments';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function requestWithdrawal(
  deps: PaymentCallDeps,
  request: { userId: string; amountFen: number; requestId: string; provider: WithdrawalRow['provider']; payeeId: string | null },
  now: Date,
): Promise<WithdrawalRow> {
  const row = await deps.store.transaction(async (tx) => {
    // The user's row lock makes the requestId check, the daily total and the debit one step.
    await lockUser(tx, request.userId);
    const earlier = await findWithdrawalByRequest(tx, request.userId, request.requestId);
    if (earlier) return earlier;
    if (request.amountFen < WITHDRAW_MIN_FEN) {
      throw new CloudError(ErrorCode.INVALID_PARAMS, `amountFen: 每次至少提现 ¥${WITHDRAW_MIN_FEN / 100}`);
    }
    const withdrawn = await withdrawnSince(tx, request.userId, new Date(now.getTime() - DAY_MS));
    if (withdrawn + request.amountFen > WITHDRAW_DAILY_MAX_FEN) {
      const left = Math.max(0, WITHDRAW_DAILY_MAX_FEN - withdrawn);
      throw new CloudError(
        ErrorCode.USER_LIMIT,
        `24 小时内最多提现 ¥${WITHDRAW_DAILY_MAX_FEN / 100}，现在还能提 ¥${(left / 100).toFixed(2)}`,
      );
    }
    const inserted = await insertWithdrawal(tx, { id: newObjectId(), ...request }, now);
    await ensureAccounts(tx, [accountIds.payment(request.userId)]);
    try {
      await post(
        tx,
        transfer(
          `withdraw:${inserted.id}`,
          'withdraw',
          accountIds.wallet(request.userId),
          accountIds.payment(request.userId),
          request.amountFen,
        ),
        now,
      );
    } catch (error) {
      if (error instanceof InsufficientFunds) throw walletTooLow();
      throw error;
    }
    if (request.provider === 'demo') await recordWithdrawalState(tx, inserted.id, { status: 'succeeded' }, now);
    return (await findWithdrawal(tx, inserted.id))!;
  });
  if (row.provider === 'demo' || row.submitted || row.status !== 'pending') return row;
  const outcome = await runWithdrawal(deps, row, now);
  if (outcome === 'deferred') {
    // Unlike a payment, the withdrawal is under way: the money has left the wallet and the
    // transfer is retried by itself. The same requestId answers this withdrawal; a new one would
    // be a second withdrawal.
    throw new CloudError(
      ErrorCode.PROVIDER_UNAVAILABLE,
      '提现已受理，但支付平台暂时没有响应，稍后会自动重试；请在提现记录里查看进度，不要重复提交（withdrawal accepted; the transfer is retried by itself）',
    );
  }
  return (await findWithdrawal(deps.store, row.id))!;
}

/** Takes a withdrawal to the provider, or asks about one it accepted; records the answer. */
export async function runWithdrawal(deps: PaymentCallDeps, row: WithdrawalRow, now: Date): Promise<TransferState['state'] | 'deferred'> {
  const provider = providerOf(deps, row.provider);
  // The same out_bill_no again is the provider's "retry of the same bill": it answers the bill
  // as it is (with WeChat's confirmation package, which its query does not return).
  const send = () =>
    provider.transfer({
      outBillNo: row.id,
      amountFen: row.amount_fen,
      payeeId: row.payee_id ?? '',
      remark: '小黑群红包提现',
      notifyUrl: notifyUrlOf(deps, row.provider),
    });
  let state: TransferState;
  try {
    if (!row.submitted) state = await send();
    else {
      try {
        state = await provider.queryTransfer(row.id);
      } catch (error) {
        // Unknown there: the accepting answer was lost. Sending the same bill again is safe; giving
        // the money back now would not be (a transfer under way could still pay out).
        if (!(error instanceof ProviderRejected)) throw error;
        state = await send();
      }
    }
  } catch (error) {
    if (error instanceof ProviderRejected && !row.submitted) {
      state = { state: 'failed', reason: `${error.providerCode}: ${error.message}` };
    } else if (error instanceof ProviderUnavailable || error instanceof ProviderRejected) {
      await deferWithdrawal(deps.store, row.id, new Date(now.getTime() + retryDelayMs(row.attempts)));
      return 'deferred';
    } else throw error;
  }
  await recordTransfer(deps.store, row.id, state, now);
  return state.state;
}

/** Records a transfer's state (from a call, a query or a notification), once; a failure puts the money back. */
export async function recordTransfer(store: Store, withdrawalId: string, state: TransferState, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    const row = await findWithdrawal(tx, withdrawalId, true);
    if (!row) return;
    // WeChat's query says "processing" while the user has yet to confirm: keep the confirmation open.
    if (state.state === 'processing' && row.status === 'confirming') return;
    const status = state.state === 'processing' ? 'pending' : state.state;
    const changed = await recordWithdrawalState(
      tx,
      withdrawalId,
      {
        status,
        params: state.state === 'confirming' ? state.params : undefined,
        failReason: state.state === 'failed' ? state.reason : undefined,
      },
      now,
    );
    if (changed && status === 'failed') {
      await post(
        tx,
        transfer(
          `withdraw-back:${withdrawalId}`,
          'withdraw_back',
          accountIds.payment(row.user_id),
          accountIds.wallet(row.user_id),
          row.amount_fen,
        ),
        now,
      );
    }
  });
}
