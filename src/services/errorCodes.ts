import type { ErrorCode as ContractErrorCode } from '../../contract/errors';

/**
 * The error codes the app branches on. The numbers are copied rather than imported so the
 * contract stays type-only in the bundle; `satisfies` makes the compiler check every number
 * against the contract, so they cannot drift.
 */
export const ErrorCode = {
  INTERNAL: 1,
  NOT_FOUND: 101,
  FORBIDDEN: 119,
  INVALID_PARAMS: 142,
  LOGIN_REQUIRED: 206,
  PASSWORD_MISMATCH: 210,
  SESSION_INVALID: 211,
  RATE_LIMITED: 429,
  NOT_ELIGIBLE: 4001,
  GROUP_FULL: 4002,
  ALREADY_MEMBER: 4003,
  INVITE_INVALID: 4004,
  USER_LIMIT: 4008,
  CONFLICT_RETRY: 4009,
} as const satisfies Partial<typeof ContractErrorCode>;

/** Our own code for "the request never reached the server" (no HTTP status, no server code). */
export const NETWORK_ERROR_CODE = -1;
