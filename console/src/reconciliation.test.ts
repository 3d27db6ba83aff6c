import { afterEach, describe, expect, it } from '@jest/globals';
import { setLang } from './i18n';
import type { PaymentDayJson } from '../../contract/payments';
import { checkDay, needsAttention, totalOf } from './reconciliation';

const day = (over: Partial<PaymentDayJson> = {}): PaymentDayJson => ({
  day: '2026-11-11',
  provider: 'wechatpay',
  paidCount: 3,
  paidFen: 30_000,
  providerReportedFen: 30_000,
  mismatchCount: 0,
  refundedFen: 0,
  refundsOpen: 0,
  refundsFailed: 0,
  closedCount: 1,
  walletFen: 500,
  withdrawnFen: 0,
  withdrawalsFailed: 0,
  ...over,
});

describe('the daily reconciliation', () => {
  afterEach(() => setLang('zh-CN'));

  it('lets a day where the provider reported what we asked for pass', () => {
    expect(checkDay(day())).toEqual({ differenceFen: 0, problems: [], notes: [] });
    expect(needsAttention(day())).toBe(false);
  });

  it('turns a day red on any difference, either way, and names it', () => {
    const over = checkDay(day({ providerReportedFen: 30_050, mismatchCount: 1 }));
    expect(over.differenceFen).toBe(50);
    expect(over.problems).toEqual(['渠道实收与我方应收不一致', '1 笔支付金额与订单不符（已自动发起原路退款）']);
    expect(checkDay(day({ providerReportedFen: 29_999 })).differenceFen).toBe(-1);
    expect(needsAttention(day({ providerReportedFen: 29_999 }))).toBe(true);
  });

  it('turns a day red on a failed refund; open refunds and failed withdrawals are only notes', () => {
    expect(checkDay(day({ refundsFailed: 2 })).problems).toEqual(['2 笔退款失败，需到商户平台查看']);
    const moving = day({ refundsOpen: 1, withdrawalsFailed: 1 });
    expect(needsAttention(moving)).toBe(false);
    expect(checkDay(moving).notes).toEqual(['1 笔退款处理中', '1 笔提现失败（已退回红包）']);
  });

  it('adds up every number of the days shown', () => {
    const total = totalOf([
      day(),
      day({ provider: 'alipay', paidFen: 1_000, providerReportedFen: 900, mismatchCount: 1, refundsFailed: 1 }),
    ]);
    expect(total).toMatchObject({
      paidCount: 6,
      paidFen: 31_000,
      providerReportedFen: 30_900,
      mismatchCount: 1,
      refundsFailed: 1,
      closedCount: 2,
    });
    expect(totalOf([])).toMatchObject({ paidFen: 0, withdrawnFen: 0 });
  });

  it('names what is off in English after the switch', () => {
    setLang('en');
    expect(
      checkDay(day({ providerReportedFen: 29_000, mismatchCount: 2, refundsFailed: 1, refundsOpen: 3, withdrawalsFailed: 1 })),
    ).toEqual({
      differenceFen: -1_000,
      problems: [
        'The provider received another amount than we asked for',
        '2 payment(s) of another amount than their order (refunded to their source automatically)',
        '1 refund(s) failed: look on the merchant platform',
      ],
      notes: ['3 refund(s) in progress', '1 withdrawal(s) failed (back in the wallet)'],
    });
  });
});
