import { ErrorCode } from '../../contract/errors';
import type { ApiError } from './api';

/** What to tell a marketer about a failed call. */
export function describeError(error: ApiError): string {
  switch (error.code) {
    case ErrorCode.FORBIDDEN:
      return `Not allowed: ${error.message}`;
    case ErrorCode.NOT_FOUND:
      return `Not found: ${error.message}`;
    case ErrorCode.LOGIN_REQUIRED:
    case ErrorCode.SESSION_INVALID:
      return 'Your session has ended. Please log in again.';
    case 0:
      return error.message;
    default:
      return `${error.message} (code ${error.code})`;
  }
}
