import { afterEach, describe, expect, it } from '@jest/globals';
import type { PaymentStatus, WithdrawalStatus } from '../../contract/payments';
import {
  paymentStatusLabel,
  providerLabel,
  purposeLabel,
  refundStatusLabel,
  withdrawalStatusLabel,
  type RefundStatus,
} from './paymentLabels';
import { setLang } from './i18n';

describe('payment labels', () => {
  afterEach(() => setLang('zh-CN'));

  it('names the providers and what a payment is for in Chinese', () => {
    expect(providerLabel('wechatpay')).toBe('微信支付');
    expect(providerLabel('alipay')).toBe('支付宝');
    expect(providerLabel('demo')).toBe('演示');
    expect(purposeLabel('group_buy')).toBe('拼团');
    expect(purposeLabel('pooled_order')).toBe('拼单');
  });

  it('says a payment status with the words the app uses, coloured by whether anyone has to act', () => {
    const all: PaymentStatus[] = ['pending', 'paid', 'closed', 'refunding', 'refunded'];
    expect(all.map(paymentStatusLabel)).toEqual([
      { label: '待支付', tone: 'warn' },
      { label: '已支付', tone: 'ok' },
      { label: '已关闭', tone: 'muted' },
      { label: '退款中', tone: 'info' },
      { label: '已退款', tone: 'muted' },
    ]);
  });

  it('shows a failed refund or withdrawal in red, and nothing else', () => {
    const refunds: RefundStatus[] = ['pending', 'processing', 'succeeded', 'failed'];
    expect(refunds.map((s) => refundStatusLabel(s).label)).toEqual(['待提交', '退款中', '退款成功', '退款失败']);
    expect(refunds.filter((s) => refundStatusLabel(s).tone === 'error')).toEqual(['failed']);
    const withdrawals: WithdrawalStatus[] = ['pending', 'confirming', 'succeeded', 'failed'];
    expect(withdrawals.map((s) => withdrawalStatusLabel(s).label)).toEqual(['处理中', '待用户确认', '已到账', '失败（已退回红包）']);
    expect(withdrawals.filter((s) => withdrawalStatusLabel(s).tone === 'error')).toEqual(['failed']);
  });

  it('shows a status it does not know (a newer server) as it came, uncoloured', () => {
    expect(paymentStatusLabel('disputed' as PaymentStatus)).toEqual({ label: 'disputed', tone: 'muted' });
    expect(providerLabel('unionpay' as 'demo')).toBe('unionpay');
  });

  it('speaks English after the switch, with the same colours', () => {
    setLang('en');
    expect([providerLabel('wechatpay'), providerLabel('alipay'), providerLabel('demo')]).toEqual(['WeChat Pay', 'Alipay', 'Demo']);
    expect([purposeLabel('group_buy'), purposeLabel('pooled_order')]).toEqual(['Group buy', 'Pooled order']);
    expect(paymentStatusLabel('paid')).toEqual({ label: 'Paid', tone: 'ok' });
    expect(refundStatusLabel('failed')).toEqual({ label: 'Refund failed', tone: 'error' });
    expect(withdrawalStatusLabel('failed')).toEqual({ label: 'Failed (back in the wallet)', tone: 'error' });
    expect(paymentStatusLabel('disputed' as PaymentStatus)).toEqual({ label: 'disputed', tone: 'muted' });
  });
});
