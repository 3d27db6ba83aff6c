import { ErrorCodes, type ApiError } from './api';

/** What to tell a marketer about a failed call. */
export function describeError(error: ApiError): string {
  switch (error.code) {
    case ErrorCodes.FORBIDDEN:
      return `Not allowed: ${error.message}`;
    case ErrorCodes.NOT_FOUND:
      return `Not found: ${error.message}`;
    case ErrorCodes.LOGIN_REQUIRED:
    case ErrorCodes.SESSION_INVALID:
      return 'Your session has ended. Please log in again.';
    case 0:
      return error.message;
    default:
      return `${error.message} (code ${error.code})`;
  }
}
