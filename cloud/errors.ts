import { ErrorCode, type ErrorBodyJson, type ErrorCodeValue, type ParamIssueJson } from '../contract/errors';

/** The HTTP status that carries each contract code (API.md, "Errors"). */
const HTTP_STATUS: Record<number, number> = {
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.INVALID_PARAMS]: 400,
  [ErrorCode.LOGIN_REQUIRED]: 401,
  [ErrorCode.PASSWORD_MISMATCH]: 400,
  [ErrorCode.SESSION_INVALID]: 401,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.NOT_ELIGIBLE]: 400,
  [ErrorCode.INVITE_INVALID]: 400,
  [ErrorCode.LINK_NOT_RECOGNISED]: 400,
  [ErrorCode.PROVIDER_UNAVAILABLE]: 503,
};

/** Codes not listed above are business conflicts: 409. */
export function httpStatusFor(code: number): number {
  return HTTP_STATUS[code] ?? 409;
}

/**
 * An expected failure with a contract code and a message that tells the user what to do next.
 * Anything else thrown inside a handler is a bug and leaves the host as `500 {code: 1}`.
 */
export class CloudError extends Error {
  readonly code: ErrorCodeValue;
  readonly status: number;
  /** For a 142: the fields at fault, as data beside the message (see paramsError). */
  readonly issues: readonly ParamIssueJson[] | undefined;

  constructor(code: ErrorCodeValue, message: string, status?: number, issues?: readonly ParamIssueJson[]) {
    super(message);
    this.name = 'CloudError';
    this.code = code;
    this.status = status ?? httpStatusFor(code);
    this.issues = issues;
  }

  toJSON(): ErrorBodyJson {
    return this.issues ? { code: this.code, error: this.message, issues: [...this.issues] } : { code: this.code, error: this.message };
  }
}

export const INTERNAL_ERROR_BODY = { code: ErrorCode.INTERNAL, error: 'Internal error' } as const;

export const unauthorized = () => new CloudError(ErrorCode.UNAUTHORIZED, 'Unauthorized.');
export const loginRequired = () => new CloudError(ErrorCode.LOGIN_REQUIRED, '请先登录后再试（this function needs a logged-in user）');
export const sessionInvalid = (status = 401) =>
  new CloudError(ErrorCode.SESSION_INVALID, '登录已过期，请重新登录（invalid or expired session token）', status);
export const forbidden = (message: string) => new CloudError(ErrorCode.FORBIDDEN, message);
export const notFound = (message: string) => new CloudError(ErrorCode.NOT_FOUND, message);
/** A 142; `issues` name the fields at fault for a form to mark (the message names them for people). */
export const invalidParams = (message: string, issues?: readonly ParamIssueJson[]) =>
  new CloudError(ErrorCode.INVALID_PARAMS, message, undefined, issues);
