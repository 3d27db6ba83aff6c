import { afterEach, describe, expect, it } from '@jest/globals';
import { setLang, t } from './i18n';
import type { AdminPaymentJson, AdminRefundJson, AdminWithdrawalJson, PaymentDayJson } from '../../contract/payments';
import { csvText } from './csv';
import {
  DAY_COLUMNS,
  PAYMENT_COLUMNS,
  REFUND_COLUMNS,
  WITHDRAWAL_COLUMNS,
  cellText,
  paidAmountDiffers,
  rowsCsv,
  type Column,
} from './paymentColumns';

const TZ = 'Asia/Shanghai';

const payment: AdminPaymentJson = {
  paymentId: '65a1b2c3d4e5f60718293a4b',
  provider: 'wechatpay',
  status: 'paid',
  amountFen: 123_456,
  walletFen: 500,
  expiresAt: '2026-11-11T02:15:00.000Z',
  params: null,
  purpose: 'group_buy',
  targetId: '65a1b2c3d4e5f60718293a00',
  createdAt: '2026-11-11T02:00:00.000Z',
  paidAt: '2026-11-11T02:00:07.000Z',
  refundedFen: 0,
  userId: 'u1',
  nickname: 'Alice, "爱丽丝"',
  providerTradeId: '4200001234202611111234567890',
  providerPaidFen: 123_456,
};

const refund: AdminRefundJson = {
  refundId: '65a1b2c3d4e5f60718293a4c',
  paymentId: payment.paymentId,
  provider: 'alipay',
  userId: 'u1',
  nickname: 'Alice',
  amountFen: 990,
  reason: '拼团或拼单已结束，款项原路退回',
  status: 'failed',
  attempts: 3,
  providerRefundId: null,
  failReason: 'ACQ.SELLER_BALANCE_NOT_ENOUGH',
  createdAt: '2026-11-11T03:00:00.000Z',
  finishedAt: null,
};

const withdrawal: AdminWithdrawalJson = {
  withdrawalId: '65a1b2c3d4e5f60718293a4d',
  provider: 'demo',
  status: 'succeeded',
  amountFen: 100,
  params: null,
  failReason: null,
  createdAt: '2026-11-11T16:30:00.000Z',
  finishedAt: '2026-11-11T16:30:00.000Z',
  userId: 'u2',
  nickname: '=HYPERLINK("x")',
  attempts: 1,
};

function shown<T>(columns: readonly Column<T>[], row: T): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.key, cellText(c, row, TZ)]));
}

describe('payments tables and their CSV', () => {
  afterEach(() => setLang('zh-CN'));

  it('shows a payment with Chinese labels, money the console way and times in the campaign zone', () => {
    expect(shown(PAYMENT_COLUMNS, payment)).toEqual({
      created_at: '2026-11-11 10:00:00',
      payer: 'Alice, "爱丽丝"',
      provider: '微信支付',
      purpose: '拼团',
      payment_id: '65a1b2c3d4e5f60718293a4b',
      provider_trade_id: '4200001234202611111234567890',
      amount_yuan: '¥1,234.56',
      wallet_yuan: '¥5.00',
      provider_paid_yuan: '¥1,234.56',
      refunded_yuan: '¥0.00',
      status: '已支付',
      paid_at: '2026-11-11 10:00:07',
    });
    const pending = shown(PAYMENT_COLUMNS, { ...payment, status: 'pending', providerTradeId: null, providerPaidFen: null, paidAt: null });
    expect([pending.provider_trade_id, pending.provider_paid_yuan, pending.paid_at, pending.status]).toEqual(['—', '—', '—', '待支付']);
  });

  it('marks a payment whose provider reported another amount, only that', () => {
    const providerPaid = PAYMENT_COLUMNS.find((c) => c.key === 'provider_paid_yuan')!;
    expect(paidAmountDiffers(payment)).toBe(false);
    expect(providerPaid.tone?.(payment)).toBeNull();
    const short = { ...payment, providerPaidFen: 123_400 };
    expect(paidAmountDiffers(short)).toBe(true);
    expect(providerPaid.tone?.(short)).toBe('error');
    expect(paidAmountDiffers({ ...payment, providerPaidFen: null })).toBe(false);
  });

  it('exports what is shown: yuan as plain digits, empty for missing values, quoted where needed', () => {
    const csv = rowsCsv(PAYMENT_COLUMNS, [payment, { ...payment, paymentId: 'p2', providerTradeId: null, paidAt: null }], TZ);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'created_at,payer,provider,status,amount_yuan,wallet_yuan,provider_paid_yuan,refunded_yuan,purpose,payment_id,provider_trade_id,paid_at',
    );
    expect(lines[1]).toBe(
      '2026-11-11 10:00:00,"Alice, ""爱丽丝""",微信支付,已支付,1234.56,5.00,1234.56,0.00,拼团,65a1b2c3d4e5f60718293a4b,4200001234202611111234567890,2026-11-11 10:00:07',
    );
    expect(lines[2]).toMatch(/,已支付,1234\.56,.*,拼团,p2,,$/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('shows a failed refund with its reason in red, and who asked for what', () => {
    const row = shown(REFUND_COLUMNS, refund);
    expect(row).toMatchObject({ provider: '支付宝', status: '退款失败', provider_refund_id: '—', amount_yuan: '¥9.90', attempts: '3' });
    expect(row.fail_reason).toBe('ACQ.SELLER_BALANCE_NOT_ENOUGH');
    expect(REFUND_COLUMNS.find((c) => c.key === 'fail_reason')!.tone?.(refund)).toBe('error');
    expect(REFUND_COLUMNS.find((c) => c.key === 'fail_reason')!.tone?.({ ...refund, status: 'succeeded' })).toBeNull();
  });

  it('keeps a spreadsheet from running a nickname as a formula', () => {
    const csv = rowsCsv(WITHDRAWAL_COLUMNS, [withdrawal], TZ);
    // After 16:00 UTC it is the next day in Shanghai.
    expect(csv.split('\r\n')[1]).toBe(
      `2026-11-12 00:30:00,"'=HYPERLINK(""x"")",演示,已到账,1.00,,1,65a1b2c3d4e5f60718293a4d,2026-11-12 00:30:00`,
    );
    expect(
      csvText(
        ['a', 'b'],
        [
          ['-0.50', '+1'],
          ['@x', -3],
        ],
      ),
    ).toBe("a,b\r\n-0.50,'+1\r\n'@x,-3\r\n");
  });

  it('writes the reconciliation with a signed difference, red where it is not zero', () => {
    const d: PaymentDayJson = {
      day: '2026-11-11',
      provider: 'alipay',
      paidCount: 2,
      paidFen: 2_000,
      providerReportedFen: 1_950,
      mismatchCount: 1,
      refundedFen: 1_950,
      refundsOpen: 1,
      refundsFailed: 0,
      closedCount: 4,
      walletFen: 100,
      withdrawnFen: 0,
      withdrawalsFailed: 0,
    };
    const row = shown(DAY_COLUMNS, d);
    expect(row).toMatchObject({ provider: '支付宝', paid_yuan: '¥20.00', provider_reported_yuan: '¥19.50', difference_yuan: '-¥0.50' });
    expect(
      cellText(
        DAY_COLUMNS.find((c) => c.key === 'difference_yuan')!,
        { ...d, providerReportedFen: 2_100 },
        TZ,
      ),
    ).toBe('+¥1.00');
    const tones = Object.fromEntries(DAY_COLUMNS.map((c) => [c.key, c.tone?.(d) ?? null]));
    expect(Object.entries(tones).filter(([, tone]) => tone)).toEqual([
      ['difference_yuan', 'error'],
      ['mismatches', 'error'],
      ['refunds_open', 'warn'],
    ]);
    expect(rowsCsv(DAY_COLUMNS, [d], TZ).split('\r\n')[1]).toBe('2026-11-11,支付宝,2,20.00,19.50,-0.50,1,19.50,1,0,4,1.00,0.00,0');
  });

  it('titles every column through the dictionary, and keeps the CSV headers as they are in either language', () => {
    const columns = [...PAYMENT_COLUMNS, ...REFUND_COLUMNS, ...WITHDRAWAL_COLUMNS, ...DAY_COLUMNS] as readonly Column<never>[];
    expect(columns.map((c) => t(c.title)).filter((title) => !/\p{Script=Han}/u.test(title))).toEqual([]);
    const header = rowsCsv(PAYMENT_COLUMNS, [payment], TZ).split('\r\n')[0];
    setLang('en');
    expect(PAYMENT_COLUMNS.map((c) => t(c.title)).slice(0, 4)).toEqual(['Created at', 'Payer', 'Provider', 'Status']);
    const csv = rowsCsv(PAYMENT_COLUMNS, [payment], TZ).split('\r\n');
    expect(csv[0]).toBe(header);
    expect(csv[1]).toMatch(/,WeChat Pay,Paid,1234\.56,.*,Group buy,/);
  });
});
