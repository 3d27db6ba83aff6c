/**
 * A payment provider: WeChat Pay (API v3), Alipay (OpenAPI) or the local demo. Each speaks its
 * provider's real protocol behind this one interface, so the payment state machine
 * (cloud/workflows/payments.ts) never knows which one it talks to.
 *
 * Every call is safe to repeat with the same ids: the provider deduplicates by our
 * `out_trade_no`, `out_refund_no` and `out_bill_no`, which is what lets the outbox retry a call
 * whose answer was lost.
 */
import type { AlipayPayParams, PaymentProviderName, WechatPayParams } from '../../contract/payments';

export type { PaymentProviderName } from '../../contract/payments';

/** The provider did not answer, answered 5xx, or its answer failed verification: retry later (4042). */
export class ProviderUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailable';
  }
}

/** The provider refused the request for good (bad parameters, a closed order): do not retry as is. */
export class ProviderRejected extends Error {
  readonly providerCode: string;
  constructor(providerCode: string, message: string) {
    super(message);
    this.name = 'ProviderRejected';
    this.providerCode = providerCode;
  }
}

/** A notification whose signature, timestamp or ciphertext does not check out: answer it with a refusal. */
export class NotificationRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotificationRejected';
  }
}

export interface CreatePaymentRequest {
  outTradeNo: string;
  amountFen: number;
  /** Shown to the payer in the cashier and on her statement (at most 127 bytes for WeChat). */
  description: string;
  /** The payer's id at the provider: the WeChat openid, or the Alipay user id. */
  payerId: string;
  expiresAt: Date;
  notifyUrl: string;
}

export type TradeState =
  | { state: 'paid'; providerTradeId: string; amountFen: number; paidAt: Date | null }
  /** Created and not paid yet (WeChat NOTPAY/USERPAYING, Alipay WAIT_BUYER_PAY). */
  | { state: 'pending' }
  /** Closed unpaid (or revoked); also an order the provider never heard of. */
  | { state: 'closed' }
  /** Paid and since refunded in full at the provider (WeChat REFUND, Alipay TRADE_CLOSED after a refund). */
  | { state: 'refunded'; providerTradeId: string; amountFen: number };

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  /** The payment's amount at the provider (WeChat wants it with every refund). */
  totalFen: number;
  reason: string;
  notifyUrl: string;
}

export type RefundState =
  | { state: 'succeeded'; providerRefundId: string | null }
  | { state: 'processing'; providerRefundId: string | null }
  /** The provider gave up (WeChat ABNORMAL/CLOSED): an operator has to look. */
  | { state: 'failed'; reason: string };

export interface TransferRequest {
  outBillNo: string;
  amountFen: number;
  /** The payee's id at the provider: the WeChat openid, or the Alipay user id. */
  payeeId: string;
  remark: string;
  notifyUrl: string;
}

export type TransferState =
  /** WeChat 商家转账: the user has to confirm in the app with these params (`wx.requestMerchantTransfer`). */
  | { state: 'confirming'; params: { mchId: string; appId: string; package: string } }
  | { state: 'processing' }
  | { state: 'succeeded' }
  | { state: 'failed'; reason: string };

/** What a verified, decrypted notification says. */
export type ProviderNotification =
  | { kind: 'payment'; outTradeNo: string; trade: TradeState }
  | { kind: 'refund'; outRefundNo: string; refund: RefundState }
  | { kind: 'transfer'; outBillNo: string; transfer: TransferState };

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Creates the order at the provider; answers what the client's cashier takes. */
  createPayment(request: CreatePaymentRequest): Promise<WechatPayParams | AlipayPayParams>;
  queryPayment(outTradeNo: string): Promise<TradeState>;
  /** Closes an unpaid order so that it can no longer be paid; closing a closed or unknown order is fine. */
  closePayment(outTradeNo: string): Promise<void>;
  refund(request: RefundRequest): Promise<RefundState>;
  queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundState>;
  transfer(request: TransferRequest): Promise<TransferState>;
  queryTransfer(outBillNo: string): Promise<TransferState>;
  /**
   * Verifies (signature, freshness) and decrypts one notification as received: its headers and
   * its raw body, byte for byte. Throws NotificationRejected when it does not check out.
   */
  parseNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderNotification;
}

/** The real providers a host has configured (PAYMENTS), by name; demo needs no client. */
export type PaymentProviders = ReadonlyMap<'wechatpay' | 'alipay', PaymentProvider>;
