import { ErrorCode } from '../../contract/errors';
import type { ApiError } from './api';
import { t, type MessageKey } from './i18n';

/**
 * What each code means to a marketer, in the console's language; the server's own words follow
 * as the detail ({detail}). Codes not listed show the server's message and the code.
 */
const BY_CODE: Partial<Record<number, MessageKey>> = {
  [ErrorCode.INTERNAL]: 'Something went wrong on the server; try again later ({detail})',
  [ErrorCode.FORBIDDEN]: 'Not allowed: {detail}',
  [ErrorCode.NOT_FOUND]: 'Not found: {detail}',
  [ErrorCode.INVALID_PARAMS]: 'Some values are not accepted: {detail}',
  [ErrorCode.RATE_LIMITED]: 'Too many requests; wait a moment and try again ({detail})',
  [ErrorCode.CAMPAIGN_NOT_RUNNING]: 'The campaign is not running: {detail}',
  [ErrorCode.BUDGET_EXHAUSTED]: 'The budget is used up: {detail}',
  [ErrorCode.CONFLICT_RETRY]: 'Someone else changed this at the same moment; try again ({detail})',
  [ErrorCode.LINK_NOT_RECOGNISED]: 'The product link was not recognised: {detail}',
  [ErrorCode.COUPON_OUT_OF_STOCK]: 'The coupon is out of stock: {detail}',
  [ErrorCode.COUPON_LIMIT]: 'The per-user limit is reached: {detail}',
  [ErrorCode.GROUP_BUY_CLOSED]: 'The group deal is closed: {detail}',
  [ErrorCode.PROVIDER_UNAVAILABLE]: 'The payment provider did not answer; nothing changed, try again ({detail})',
};

/** What to tell a marketer about a failed call. */
export function describeError(error: ApiError): string {
  switch (error.code) {
    case ErrorCode.LOGIN_REQUIRED:
    case ErrorCode.SESSION_INVALID:
      return t('Your session has ended. Please log in again.');
    case ErrorCode.PASSWORD_MISMATCH:
      return t('Username and password do not match.');
    case 0:
      return error.message;
  }
  const key = BY_CODE[error.code];
  return key ? t(key, { detail: error.message }) : t('{detail} (code {code})', { detail: error.message, code: error.code });
}
