import type { CloudError } from '../services/cloudError';
import { ErrorCode, NETWORK_ERROR_CODE } from '../services/errorCodes';

/**
 * The sentence to show a user for a failed call. Expected failures carry the server's own
 * message, which already says what to do next, so it is shown as is. Only the failures whose
 * server text is not meant for end users get our own words.
 */
export function userMessage(error: CloudError): string {
  switch (error.code) {
    case NETWORK_ERROR_CODE:
      return '网络连接失败，请检查网络后重试';
    case ErrorCode.INTERNAL:
      return '服务器开小差了，请稍后再试';
    case ErrorCode.LOGIN_REQUIRED:
    case ErrorCode.SESSION_INVALID:
      return '登录已过期，请重新登录';
    case ErrorCode.RATE_LIMITED:
      return '操作太频繁了，请稍后再试';
    default:
      return error.message || '出了点问题，请稍后再试';
  }
}
