import type { PaymentJson } from '../../contract/payments';
import {
  cancelledText,
  clockTime,
  leftToPayFen,
  paidTotalFen,
  paymentAmountText,
  paymentPurposeText,
  paymentStatusText,
  payPhaseView,
  unpaidText,
  walletPartFen,
  walletSpendText,
} from './paymentView';

function payment(overrides: Partial<PaymentJson> = {}): PaymentJson {
  return {
    paymentId: 'pay1',
    provider: 'wechatpay',
    status: 'pending',
    amountFen: 6_600,
    walletFen: 300,
    // 20:05 in Beijing.
    expiresAt: '2026-11-11T12:05:00.000Z',
    params: null,
    purpose: 'group_buy',
    targetId: 'b1',
    createdAt: '2026-11-11T11:50:00.000Z',
    paidAt: null,
    refundedFen: 0,
    ...overrides,
  };
}

describe('payment status labels', () => {
  it('names every status in Chinese', () => {
    expect(paymentStatusText('pending')).toBe('待支付');
    expect(paymentStatusText('paid')).toBe('已支付');
    expect(paymentStatusText('closed')).toBe('已关闭');
    expect(paymentStatusText('refunding')).toBe('退款中');
    expect(paymentStatusText('refunded')).toBe('已退款');
  });

  it('names what a payment was for', () => {
    expect(paymentPurposeText('group_buy')).toBe('拼团');
    expect(paymentPurposeText('pooled_order')).toBe('领券拼单');
  });
});

describe('red-packet part and what is left to pay', () => {
  it('takes the whole balance when it does not cover the amount', () => {
    expect(walletPartFen(300, 6_900)).toBe(300);
    expect(leftToPayFen(6_900, 300)).toBe(6_600);
  });

  it('takes only the amount when the balance covers it, leaving nothing to pay', () => {
    expect(walletPartFen(10_000, 6_900)).toBe(6_900);
    expect(leftToPayFen(6_900, 6_900)).toBe(0);
  });

  it('never goes below zero', () => {
    expect(walletPartFen(0, 6_900)).toBe(0);
    expect(walletPartFen(-5, 6_900)).toBe(0);
    expect(leftToPayFen(100, 300)).toBe(0);
  });

  it('says what the wallet covers and what is left', () => {
    expect(walletSpendText(6_900, 300)).toBe('红包抵扣 ¥3.00，还需支付 ¥66.00');
    expect(walletSpendText(6_900, 6_900)).toBe('红包抵扣 ¥69.00，无需再付款');
  });

  it('adds the wallet part to the provider part for the total', () => {
    expect(paidTotalFen(payment())).toBe(6_900);
    expect(paymentAmountText(payment())).toBe('共 ¥69.00 · 红包抵扣 ¥3.00');
    expect(paymentAmountText(payment({ walletFen: 0, refundedFen: 6_600 }))).toBe('共 ¥66.00 · 已退 ¥66.00');
  });
});

describe('hold times', () => {
  it('reads a time on the Beijing clock, whatever the device zone', () => {
    expect(clockTime('2026-11-11T12:05:00.000Z')).toBe('20:05');
    expect(clockTime('2026-11-11T16:00:00.000Z')).toBe('00:00');
    expect(clockTime('not a time')).toBe('');
  });

  it('says how long a seat or a part is held after a cancel', () => {
    expect(cancelledText(payment())).toBe('已取消支付，座位会为你保留到 20:05');
    expect(cancelledText(payment({ purpose: 'pooled_order' }))).toBe('已取消支付，你的份额会为你保留到 20:05');
    expect(unpaidText(payment())).toBe('还没付款，座位会为你保留到 20:05');
  });
});

describe('payment step phases', () => {
  it('shows nothing while idle and 支付中… while the cashier or the server has it', () => {
    expect(payPhaseView({ kind: 'idle' })).toBeNull();
    expect(payPhaseView({ kind: 'cashier', payment: payment() })).toMatchObject({ text: '支付中…', retryLabel: null });
    expect(payPhaseView({ kind: 'checking', payment: payment() })).toMatchObject({ text: '支付中…', retryLabel: null });
  });

  it('says paid with the total', () => {
    expect(payPhaseView({ kind: 'paid', payment: payment({ status: 'paid' }) })).toEqual({
      tone: 'good',
      text: '已支付 ¥69.00',
      retryLabel: null,
    });
  });

  it('offers paying again after a cancel or a failure, and says until when the seat is held', () => {
    expect(payPhaseView({ kind: 'cancelled', payment: payment() })).toEqual({
      tone: 'bad',
      text: '已取消支付，座位会为你保留到 20:05',
      retryLabel: '重新支付',
    });
    expect(payPhaseView({ kind: 'failed', payment: payment(), message: '支付没有完成，请重新支付' })?.retryLabel).toBe('重新支付');
  });

  it('offers a retry when the provider is unavailable, none when the payment is closed', () => {
    expect(payPhaseView({ kind: 'unavailable' })).toEqual({ tone: 'bad', text: '支付服务暂时不可用，请稍后重试', retryLabel: '重试' });
    expect(payPhaseView({ kind: 'closed', message: '支付已关闭，请重新下单' })).toEqual({
      tone: 'bad',
      text: '支付已关闭，请重新下单',
      retryLabel: null,
    });
    expect(payPhaseView({ kind: 'unconfirmed', payment: payment() })?.retryLabel).toBe('再查一次');
  });
});
