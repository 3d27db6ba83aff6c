import { ErrorCode } from '../../contract/errors';
import { CloudError, forbidden, loginRequired, sessionInvalid } from '../errors';
import type { UserRow } from '../store/users';
import type { Actor, CallContext, CloudFunction, Services } from './define';
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

  checkAccess(fn.access, name, caller);

  const parsed = fn.params.safeParse(rawParams ?? {});
  if (!parsed.success) throw paramsError(parsed.error);

  const user = caller.user === 'invalid' ? null : caller.user;
  const ctx: CallContext = {
    ...services,
    user,
    isMaster: caller.isMaster,
    actor: actorOf(user, caller.isMaster),
    ...(user && caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
  };
  return fn.handler(ctx as never, parsed.data as never);
}

/** Throws 119 / 211 / 206 unless the caller has the function's access level. */
function checkAccess(access: CloudFunction['access'], name: string, caller: Caller): void {
  switch (access) {
    case 'public':
      return;
    case 'master':
      if (!caller.isMaster) throw forbidden(`“${name}”是运营功能，需要用主密钥调用（master key）。`);
      return;
    case 'user':
      if (caller.user === 'invalid') throw sessionInvalid();
      if (caller.user === null) throw loginRequired();
      return;
    case 'viewer':
    case 'marketer':
      // The master key stands for the operator, who may do whatever a marketer may.
      if (caller.isMaster) return;
      if (caller.user === 'invalid') throw sessionInvalid();
      if (caller.user === null) throw loginRequired();
      if (!hasRole(caller.user, access)) throw forbidden(roleMissingMessage(access));
      return;
    default: {
      // A new access level must be handled here, or every function using it would be open.
      const unhandled: never = access;
      throw new Error(`unknown access level ${String(unhandled)}`);
    }
  }
}

/** Whether a user's roles open a level: marketer needs the marketer role; viewer takes viewer or marketer. */
export function hasRole(user: Pick<UserRow, 'roles'>, access: 'viewer' | 'marketer'): boolean {
  if (access === 'marketer') return user.roles.includes('marketer');
  return user.roles.includes('marketer') || user.roles.includes('viewer');
}

export function roleMissingMessage(access: 'viewer' | 'marketer'): string {
  return access === 'marketer'
    ? '需要营销人员（marketer）角色才能修改；请联系运营用主密钥授权（setUserRoles）。'
    : '需要查看者（viewer）或营销人员（marketer）角色；请联系运营用主密钥授权（setUserRoles）。';
}

/** The audit log names the user behind the session, or the operator when only the master key was sent. */
export function actorOf(user: UserRow | null, isMaster: boolean): Actor {
  if (isMaster)
    return { actorId: user?.id ?? null, actorName: user ? `${user.username} (master key)` : 'operator (master key)', viaMasterKey: true };
  return { actorId: user?.id ?? null, actorName: user?.username ?? 'anonymous', viaMasterKey: false };
}
