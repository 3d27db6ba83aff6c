import { forbidden, loginRequired } from '../../errors';
import type { CallContext } from '../define';

/** Campaign administration is for marketers (role) and operators (master key). */
export function requireMarketer(ctx: CallContext): { actorId: string | null; actorName: string } {
  if (ctx.isMaster) return { actorId: ctx.user?.id ?? null, actorName: ctx.user ? `${ctx.user.username} (master key)` : 'operator (master key)' };
  if (!ctx.user) throw loginRequired();
  if (!ctx.user.roles.includes('marketer')) throw forbidden('This needs the marketer role: ask an operator to grant it (setUserRoles).');
  return { actorId: ctx.user.id, actorName: ctx.user.username };
}
