import { forbidden, loginRequired } from '../../errors';
import type { Actor, CallContext } from '../define';

/**
 * Prefer `access: 'marketer'` on the function: invokeFunction then checks the role before the
 * params and hands the handler `ctx.actor`. This stays for code that decides inside a handler.
 */
export function requireMarketer(ctx: CallContext): Actor {
  if (ctx.isMaster) return ctx.actor;
  if (!ctx.user) throw loginRequired();
  if (!ctx.user.roles.includes('marketer')) throw forbidden('This needs the marketer role: ask an operator to grant it (setUserRoles).');
  return ctx.actor;
}
