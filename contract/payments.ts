/**
 * Payments, refunds and withdrawals (API.md, "v2 additions"). Amounts in fen; times ISO 8601.
 * A money-taking call answers with a `payment`; the client hands its `params` to the platform's
 * cashier (`wx.requestPayment`, `my.tradePay`) and then watches `getPayment` until it is paid.
 */

export type PaymentProviderName = 'demo' | 'wechatpay' | 'alipay';

export type PaymentStatus = 'pending' | 'paid' | 'closed' | 'refunding' | 'refunded';

/** What `wx.requestPayment` takes, exactly. */
export interface WechatPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** What `my.tradePay` takes. */
export interface AlipayPayParams {
  tradeNO: string;
}

export type PaymentPurpose = 'group_buy' | 'pooled_order';

export interface PaymentJson {
  paymentId: string;
  provider: PaymentProviderName;
  status: PaymentStatus;
  /** What the provider collects (the total less the wallet part). */
  amountFen: number;
  /** Red-packet money spent from the wallet toward this payment. */
  walletFen: number;
  expiresAt: string;
  /** For the platform cashier; null when nothing is left to pay there (demo, wallet only, paid, closed). */
  params: WechatPayParams | AlipayPayParams | null;
  /** What it pays for: a seat in a group buy or a member's part of a pooled order. */
  purpose: PaymentPurpose;
  targetId: string;
  createdAt: string;
  paidAt: string | null;
  /** Money sent back so far (provider and wallet parts together). */
  refundedFen: number;
}

export type WithdrawalStatus = 'pending' | 'confirming' | 'succeeded' | 'failed';

export interface WithdrawalJson {
  withdrawalId: string;
  provider: 'wechatpay' | 'alipay' | 'demo';
  /**
   * pending: sent to the provider; confirming: WeChat waits for the user to confirm in the app
   * (`params` is for `wx.requestMerchantTransfer`); succeeded; failed (the money is back in the wallet).
   */
  status: WithdrawalStatus;
  amountFen: number;
  params?: { mchId: string; appId: string; package: string } | null;
  failReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Limits of withdrawals (fen): at least the minimum each, at most the daily total per user. */
export const WITHDRAW_MIN_FEN = 100;
export const WITHDRAW_DAILY_MAX_FEN = 20000;

/** What every money-taking call also accepts. */
export interface PayOptions {
  provider?: PaymentProviderName;
  walletFen?: number;
}

export interface PaymentFunctions {
  /** The payer only. */
  getPayment: { params: { paymentId: string }; result: { payment: PaymentJson } };
  /** The caller's payments, newest first. */
  myPayments: { params: { cursor?: string }; result: { payments: PaymentJson[]; nextCursor: string | null } };
  /** Master: queries providers for payments, refunds and withdrawals still pending; closes expired intents. */
  reconcilePayments: {
    params: { olderThanSeconds?: number };
    result: { checked: number; paid: number; closed: number; refunded: number };
  };
  /** 4041 wallet too low; 4042 provider unavailable (nothing was taken; retry with the same requestId). */
  withdraw: {
    params: { amountFen: number; requestId: string; provider?: 'wechatpay' | 'alipay' | 'demo' };
    result: { withdrawal: WithdrawalJson };
  };
  myWithdrawals: { params: Record<string, never>; result: { withdrawals: WithdrawalJson[] } };
}

/** One payment as operators see it (the console's payments page). */
export interface AdminPaymentJson extends PaymentJson {
  userId: string;
  nickname: string;
  providerTradeId: string | null;
  /** What the provider reported paid; differs from amountFen only when something is wrong (it is then refunded). */
  providerPaidFen: number | null;
}

export interface AdminRefundJson {
  refundId: string;
  paymentId: string;
  provider: PaymentProviderName;
  userId: string;
  nickname: string;
  amountFen: number;
  reason: string;
  status: 'pending' | 'processing' | 'succeeded' | 'failed';
  attempts: number;
  providerRefundId: string | null;
  failReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface AdminWithdrawalJson extends WithdrawalJson {
  userId: string;
  nickname: string;
  attempts: number;
}

/** One day (campaign time zone) and provider of the reconciliation view: our books beside what the provider reported. */
export interface PaymentDayJson {
  day: string;
  provider: PaymentProviderName;
  /** Payments paid that day: count, what we asked for, and what the provider reported paid. */
  paidCount: number;
  paidFen: number;
  providerReportedFen: number;
  /** Payments whose reported amount differed from ours (refunded automatically). */
  mismatchCount: number;
  /** Refunds finished that day (succeeded), and those still open or failed. */
  refundedFen: number;
  refundsOpen: number;
  refundsFailed: number;
  /** Intents closed unpaid that day. */
  closedCount: number;
  /** Wallet money spent toward payments that day. */
  walletFen: number;
  /** Withdrawals that succeeded that day, and those that failed. */
  withdrawnFen: number;
  withdrawalsFailed: number;
}

export interface PaymentAdminFunctions {
  /** Marketer or master: a campaign's payments and refunds (newest first), and all withdrawals. */
  listPayments: {
    params: { campaignId: string; kind: 'payments' | 'refunds' | 'withdrawals'; cursor?: string };
    result: {
      payments?: AdminPaymentJson[];
      refunds?: AdminRefundJson[];
      withdrawals?: AdminWithdrawalJson[];
      nextCursor: string | null;
    };
  };
  /** Marketer or master: the reconciliation view, newest day first (at most 60 days). */
  paymentDays: { params: { campaignId: string }; result: { days: PaymentDayJson[] } };
}
