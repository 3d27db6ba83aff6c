import { ErrorCode } from '../../contract/errors';
import { CloudError, forbidden, loginRequired, sessionInvalid } from '../errors';
import type { UserRow } from '../store/users';
import type { CallContext, CloudFunction, Services } from './define';
import { paramsError } from './validation';

export interface Caller {
  isMaster: boolean;
  /** The user behind the session header; null without a header; 'invalid' for a bad or expired token. */
  user: UserRow | null | 'invalid';
  /** The token from the session header, when one was sent. */
  sessionToken?: string;
}

/**
 * Runs one function for one caller: access check, then params validation, then the handler.
 * The order is fixed so that an anonymous caller learns about login before about params.
 */
export async function invokeFunction(
  functions: ReadonlyMap<string, CloudFunction>,
  name: string,
  rawParams: unknown,
  caller: Caller,
  services: Services,
): Promise<unknown> {
  const fn = functions.get(name);
  if (!fn) throw new CloudError(ErrorCode.NOT_FOUND, `Cloud function "${name}" not found.`);

  if (fn.access === 'master' && !caller.isMaster) {
    throw forbidden(`"${name}" is an operator function: call it with the master key.`);
  }
  if (fn.access === 'user') {
    if (caller.user === 'invalid') throw sessionInvalid();
    if (caller.user === null) throw loginRequired();
  }

  const parsed = fn.params.safeParse(rawParams ?? {});
  if (!parsed.success) throw paramsError(parsed.error);

  const ctx: CallContext = {
    ...services,
    user: caller.user === 'invalid' ? null : caller.user,
    isMaster: caller.isMaster,
    ...(caller.user && caller.user !== 'invalid' && caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
  };
  return fn.handler(ctx as never, parsed.data as never);
}
