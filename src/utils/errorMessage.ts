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

/**
 * Whether trying the same call again may work: the request never arrived, the server failed
 * (5xx), or a passing limit or conflict. A refusal about the thing itself (gone, not a member,
 * not allowed, bad input) answers the same every time, so the page offers a way out instead.
 */
export function isRetryable(error: CloudError): boolean {
  switch (error.code) {
    case NETWORK_ERROR_CODE:
    case ErrorCode.INTERNAL:
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.CONFLICT_RETRY:
    case ErrorCode.PROVIDER_UNAVAILABLE:
    case ErrorCode.LOGIN_REQUIRED:
    case ErrorCode.SESSION_INVALID:
      return true;
    default:
      return false;
  }
}

/** The heading over a failed page: what kind of dead end it is, in the user's words. */
export function problemTitle(error: CloudError): string {
  switch (error.code) {
    case ErrorCode.NOT_FOUND:
      return '内容不存在或已删除';
    case ErrorCode.FORBIDDEN:
      return '你没有权限查看这里';
    case ErrorCode.GROUP_NOT_ACTIVE:
      return '这个小黑群已不可用';
    case ErrorCode.INVITE_INVALID:
      return '邀请已失效';
    default:
      return isRetryable(error) ? '加载失败' : '无法打开这个页面';
  }
}
