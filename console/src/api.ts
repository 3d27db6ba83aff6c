/**
 * The console's only door to the backend: the unmodified leancloud-storage SDK, typed on the
 * campaign and payment-admin contracts. Every call rejects with an ApiError (code + the server's message).
 */
import AV from 'leancloud-storage';
import type { CampaignFunctions } from '../../contract/campaigns';
import { ErrorCode, type ParamIssueJson } from '../../contract/errors';
import type { MerchandisingFunctions } from '../../contract/merchandising';
import type { PaymentAdminFunctions } from '../../contract/payments';
import { issuesOf } from './fieldErrors';
import { t } from './i18n';

/** What the console calls: the campaign and merchandising functions, and the operators' payment lists and reconciliation. */
export type ConsoleFunctions = CampaignFunctions & PaymentAdminFunctions & MerchandisingFunctions;
export type FnName = keyof ConsoleFunctions;
export type Params<N extends FnName> = ConsoleFunctions[N]['params'];
export type Result<N extends FnName> = ConsoleFunctions[N]['result'];

/** A failed call: the server's code and message, and for a 142 from a schema the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly issues: readonly ParamIssueJson[] = [],
  ) {
    super(message);
  }
}

let initialised = false;

export function initApi(): void {
  if (initialised) return;
  AV.init({ appId: __CONSOLE_APP_ID__, appKey: __CONSOLE_APP_KEY__, serverURL: location.origin });
  // Keep the server's message as is (otherwise the SDK appends the request URL).
  (AV as unknown as { keepErrorRawMessage?: (keep: boolean) => void }).keepErrorRawMessage?.(true);
  initialised = true;
}

function toApiError(error: unknown): ApiError {
  const e = error as { code?: number; rawMessage?: string; message?: string };
  if (typeof e?.code === 'number') return new ApiError(e.code, e.rawMessage ?? e.message ?? `error ${e.code}`, issuesOf(e));
  return new ApiError(0, t('Cannot reach the server ({reason})', { reason: e?.message ?? String(error) }));
}

/** Runs a cloud function as the logged-in marketer. */
export async function call<N extends FnName>(name: N, params: Params<N>): Promise<Result<N>> {
  initApi();
  try {
    return (await AV.Cloud.run(name, params)) as Result<N>;
  } catch (error) {
    const apiError = toApiError(error);
    // The session is gone (expired, or logged out elsewhere): the app goes back to the login page.
    if (apiError.code === ErrorCode.LOGIN_REQUIRED || apiError.code === ErrorCode.SESSION_INVALID) {
      window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT));
    }
    throw apiError;
  }
}

export const SESSION_EXPIRED_EVENT = 'console:session-expired';

export interface ConsoleUser {
  username: string;
  nickname: string;
  roles: string[];
}

/** A viewer (the role without marketer) reads the dashboard and the audit log; everything that edits is hidden. */
export function canEdit(user: ConsoleUser): boolean {
  return !(user.roles.includes('viewer') && !user.roles.includes('marketer'));
}

function consoleUser(user: AV.User): ConsoleUser {
  const roles = user.get('roles') as unknown;
  return {
    username: user.getUsername(),
    nickname: (user.get('nickname') as string | undefined) ?? user.getUsername(),
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

export function currentUser(): ConsoleUser | null {
  initApi();
  const user = AV.User.current();
  if (!user) return null;
  return consoleUser(user);
}

export async function logIn(username: string, password: string): Promise<ConsoleUser> {
  initApi();
  try {
    return consoleUser(await AV.User.logIn(username, password));
  } catch (error) {
    throw toApiError(error);
  }
}

export async function logOut(): Promise<void> {
  initApi();
  await AV.User.logOut();
}

/**
 * Checks that the logged-in account may use the console: a cheap marketer-only call. 119 means
 * the account is a shopper, not a marketer.
 */
export async function checkMarketer(): Promise<void> {
  await call('listCampaigns', {});
}
