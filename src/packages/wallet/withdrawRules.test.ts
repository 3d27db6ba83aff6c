import { WITHDRAW_DAILY_MAX_FEN, WITHDRAW_MIN_FEN, type WithdrawalJson } from '../../../contract/payments';
import { checkWithdrawal, withdrawableFen, withdrawLimitsText, withdrawnTodayFen } from './withdrawRules';

// 2026-11-11 10:00 in Beijing.
const NOW = Date.parse('2026-11-11T02:00:00.000Z');

const withdrawal = (amountFen: number, status: WithdrawalJson['status'], createdAt: string) => ({ amountFen, status, createdAt });

describe('the daily withdrawal limit', () => {
  it('counts today’s withdrawals on the Beijing calendar, except failed ones (their money came back)', () => {
    const list = [
      withdrawal(5_000, 'succeeded', '2026-11-11T01:00:00.000Z'),
      withdrawal(3_000, 'pending', '2026-11-10T16:30:00.000Z'), // 00:30 today in Beijing
      withdrawal(2_000, 'confirming', '2026-11-11T01:30:00.000Z'),
      withdrawal(9_000, 'failed', '2026-11-11T01:40:00.000Z'),
      withdrawal(7_000, 'succeeded', '2026-11-10T15:59:00.000Z'), // 23:59 yesterday in Beijing
    ];
    expect(withdrawnTodayFen(list, NOW)).toBe(10_000);
  });

  it('allows the balance within what is left of the day', () => {
    expect(withdrawableFen(50_000, 0)).toBe(WITHDRAW_DAILY_MAX_FEN);
    expect(withdrawableFen(50_000, 15_000)).toBe(WITHDRAW_DAILY_MAX_FEN - 15_000);
    expect(withdrawableFen(1_234, 0)).toBe(1_234);
    expect(withdrawableFen(50_000, WITHDRAW_DAILY_MAX_FEN + 1)).toBe(0);
  });

  it('says the limits', () => {
    expect(withdrawLimitsText(50_000, 15_000)).toBe('最少 ¥1.00，每天最多 ¥200.00；现在最多可提现 ¥50.00');
  });
});

describe('checking a withdrawal before it is sent', () => {
  it('accepts an amount between the minimum and what she may take, as integer fen', () => {
    expect(checkWithdrawal('1', 10_000, 0)).toEqual({ ok: true, amountFen: WITHDRAW_MIN_FEN });
    expect(checkWithdrawal('12.34', 10_000, 0)).toEqual({ ok: true, amountFen: 1_234 });
    expect(checkWithdrawal('100', 10_000, 0)).toEqual({ ok: true, amountFen: 10_000 });
  });

  it('refuses, in order: nothing typed, not an amount, below the minimum, above the balance, above today’s limit', () => {
    expect(checkWithdrawal('', 10_000, 0)).toEqual({ ok: false, message: '请输入提现金额' });
    expect(checkWithdrawal('1.234', 10_000, 0)).toEqual({ ok: false, message: '请输入正确的金额，最多两位小数' });
    expect(checkWithdrawal('0.99', 10_000, 0)).toEqual({ ok: false, message: '每次最少提现 ¥1.00' });
    expect(checkWithdrawal('100.01', 10_000, 0)).toEqual({ ok: false, message: '余额不足，最多可提现 ¥100.00' });
    expect(checkWithdrawal('60', 50_000, 15_000)).toEqual({ ok: false, message: '今天最多还能提现 ¥50.00（每天上限 ¥200.00）' });
    expect(checkWithdrawal('1', 50_000, WITHDRAW_DAILY_MAX_FEN)).toEqual({
      ok: false,
      message: '今天已达到每日提现上限 ¥200.00，明天再来',
    });
  });
});
