/**
 * Error codes of the cloud-function contract (API.md). Names and numbers are fixed: clients
 * branch on them. This is the only list: the backend, the app (src/services/errorCodes.ts) and
 * the console (console/src/api.ts) import it. The HTTP status that carries each code lives in
 * cloud/errors.ts.
 */
export const ErrorCode = {
  INTERNAL: 1,
  NOT_FOUND: 101,
  FORBIDDEN: 119,
  INVALID_PARAMS: 142,
  LOGIN_REQUIRED: 206,
  PASSWORD_MISMATCH: 210,
  SESSION_INVALID: 211,
  UNAUTHORIZED: 401,
  /** An order event that was already processed (webhook); nothing changed. */
  DUPLICATE_EVENT: 137,
  RATE_LIMITED: 429,
  NOT_ELIGIBLE: 4001,
  GROUP_FULL: 4002,
  ALREADY_MEMBER: 4003,
  INVITE_INVALID: 4004,
  GROUP_NOT_ACTIVE: 4005,
  CAMPAIGN_NOT_RUNNING: 4006,
  BUDGET_EXHAUSTED: 4007,
  USER_LIMIT: 4008,
  CONFLICT_RETRY: 4009,
  LINK_NOT_RECOGNISED: 4010,
  COUPON_OUT_OF_STOCK: 4020,
  COUPON_LIMIT: 4021,
  COUPON_THRESHOLD: 4022,
  GROUP_BUY_CLOSED: 4030,
  GROUP_BUY_EXPIRED: 4031,
  /** The payment failed or was closed (unpaid at its deadline); start again. */
  PAYMENT_FAILED: 4040,
  /** walletFen or a withdrawal asks for more than the wallet's balance. */
  WALLET_TOO_LOW: 4041,
  /** WeChat Pay or Alipay did not answer; nothing was taken, safe to retry with the same requestId. */
  PROVIDER_UNAVAILABLE: 4042,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * One field that failed validation, in a 142 answer's `issues`: `path` is the dotted path inside
 * the params (e.g. "campaign.money.budgetFen", array items by index), `message` the rule it broke.
 */
export interface ParamIssueJson {
  path: string;
  message: string;
}

/** The body of every error answer; a 142 from a schema also lists its fields in `issues`. */
export interface ErrorBodyJson {
  code: number;
  error: string;
  issues?: ParamIssueJson[];
}
