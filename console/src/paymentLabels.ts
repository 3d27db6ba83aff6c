/**
 * How the payments pages name things: providers, purposes and statuses in the console's language
 * (in Chinese the words the app shows shoppers, so an operator and a shopper on the phone say the
 * same thing), each status with the colour of its badge.
 */
import type { AdminRefundJson, PaymentProviderName, PaymentPurpose, PaymentStatus, WithdrawalStatus } from '../../contract/payments';
import { t, type MessageKey } from './i18n';

/** A badge colour: ok (done), info (moving), warn (waiting on someone), error (needs a look), muted (over, nothing moved). */
export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'muted';

export interface StatusLabel {
  label: string;
  tone: Tone;
}

interface StatusWords {
  label: MessageKey;
  tone: Tone;
}

export type RefundStatus = AdminRefundJson['status'];

const PROVIDERS: Record<PaymentProviderName, MessageKey> = { wechatpay: 'WeChat Pay', alipay: 'Alipay', demo: 'Demo' };

const PURPOSES: Record<PaymentPurpose, MessageKey> = { group_buy: 'Group buy', pooled_order: 'Pooled order' };

const PAYMENT_STATUS: Record<PaymentStatus, StatusWords> = {
  pending: { label: 'Awaiting payment', tone: 'warn' },
  paid: { label: 'Paid', tone: 'ok' },
  closed: { label: 'Closed', tone: 'muted' },
  refunding: { label: 'Refunding', tone: 'info' },
  refunded: { label: 'Refunded', tone: 'muted' },
};

const REFUND_STATUS: Record<RefundStatus, StatusWords> = {
  // Not yet accepted by the provider: retried with backoff until it is.
  pending: { label: 'Not yet accepted by the provider', tone: 'warn' },
  processing: { label: 'Refund in progress', tone: 'info' },
  succeeded: { label: 'Refund succeeded', tone: 'ok' },
  // The provider gave up: someone has to look at the merchant platform.
  failed: { label: 'Refund failed', tone: 'error' },
};

const WITHDRAWAL_STATUS: Record<WithdrawalStatus, StatusWords> = {
  pending: { label: 'Processing', tone: 'info' },
  confirming: { label: 'Awaiting the user’s confirmation', tone: 'warn' },
  succeeded: { label: 'Received', tone: 'ok' },
  // The money is back in the user's wallet, so nothing is lost; still worth a look.
  failed: { label: 'Failed (back in the wallet)', tone: 'error' },
};

/** An unknown value (a newer server) is shown as it came rather than hidden. */
function unknown(value: string): StatusLabel {
  return { label: value, tone: 'muted' };
}

function said(words: StatusWords | undefined, value: string): StatusLabel {
  return words ? { label: t(words.label), tone: words.tone } : unknown(value);
}

function named(key: MessageKey | undefined, value: string): string {
  return key ? t(key) : value;
}

export function providerLabel(provider: PaymentProviderName): string {
  return named(PROVIDERS[provider], provider);
}

export function purposeLabel(purpose: PaymentPurpose): string {
  return named(PURPOSES[purpose], purpose);
}

export function paymentStatusLabel(status: PaymentStatus): StatusLabel {
  return said(PAYMENT_STATUS[status], status);
}

export function refundStatusLabel(status: RefundStatus): StatusLabel {
  return said(REFUND_STATUS[status], status);
}

export function withdrawalStatusLabel(status: WithdrawalStatus): StatusLabel {
  return said(WITHDRAWAL_STATUS[status], status);
}
