import { WITHDRAW_DAILY_MAX_FEN, WITHDRAW_MIN_FEN, type WithdrawalJson } from '../../../contract/payments';
import { formatYuan } from '../../utils/money';
import { parseYuanToFen } from '../../utils/yuanInput';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar day of a moment, as a day number (the daily limit's day, whatever the device's zone). */
function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

/** What counts against today's limit: today's withdrawals (Beijing day) that did not fail and come back. */
export function withdrawnTodayFen(
  withdrawals: ReadonlyArray<Pick<WithdrawalJson, 'amountFen' | 'status' | 'createdAt'>>,
  nowMs: number,
): number {
  const today = beijingDay(nowMs);
  return withdrawals
    .filter((w) => w.status !== 'failed' && beijingDay(new Date(w.createdAt).getTime()) === today)
    .reduce((sum, w) => sum + w.amountFen, 0);
}

/** The most she may withdraw now: her balance, within what is left of today's limit. */
export function withdrawableFen(balanceFen: number, withdrawnToday: number): number {
  return Math.max(0, Math.min(balanceFen, WITHDRAW_DAILY_MAX_FEN - withdrawnToday));
}

export type WithdrawCheck = { ok: true; amountFen: number } | { ok: false; message: string };

/**
 * The amount she typed, checked before it is sent, in the order she can fix it: something to
 * read, at least the minimum, within the balance, within today's limit. The server checks the
 * same again; this only spares her a round trip and says it in plain words.
 */
export function checkWithdrawal(text: string, balanceFen: number, withdrawnToday: number): WithdrawCheck {
  const parsed = parseYuanToFen(text);
  if (!parsed.ok) return { ok: false, message: parsed.reason === 'empty' ? '请输入提现金额' : '请输入正确的金额，最多两位小数' };
  const { amountFen } = parsed;
  if (amountFen < WITHDRAW_MIN_FEN) return { ok: false, message: `每次最少提现 ${formatYuan(WITHDRAW_MIN_FEN)}` };
  if (amountFen > balanceFen) return { ok: false, message: `余额不足，最多可提现 ${formatYuan(balanceFen)}` };
  const leftToday = Math.max(0, WITHDRAW_DAILY_MAX_FEN - withdrawnToday);
  if (amountFen > leftToday) {
    return {
      ok: false,
      message:
        leftToday === 0
          ? `今天已达到每日提现上限 ${formatYuan(WITHDRAW_DAILY_MAX_FEN)}，明天再来`
          : `今天最多还能提现 ${formatYuan(leftToday)}（每天上限 ${formatYuan(WITHDRAW_DAILY_MAX_FEN)}）`,
    };
  }
  return { ok: true, amountFen };
}

/** The line under the amount box: the limits, and what is left today. */
export function withdrawLimitsText(balanceFen: number, withdrawnToday: number): string {
  return `最少 ${formatYuan(WITHDRAW_MIN_FEN)}，每天最多 ${formatYuan(WITHDRAW_DAILY_MAX_FEN)}；现在最多可提现 ${formatYuan(withdrawableFen(balanceFen, withdrawnToday))}`;
}
