import { forbidden, loginRequired } from '../../errors';
import type { Access, Actor, CallContext } from '../define';
import { hasRole, roleMissingMessage } from '../invoke';

/**
 * The console's two levels, for a function's `access`: VIEWER_ALLOWED for reads of the dashboard
 * and the audit log (a viewer, a marketer or the master key), MARKETER_REQUIRED for everything
 * that changes campaigns, coupons, deals and products (a marketer or the master key). Roles are
 * granted only with the master key (setUserRoles, importUsers).
 */
export const VIEWER_ALLOWED = 'viewer' satisfies Access;
export const MARKETER_REQUIRED = 'marketer' satisfies Access;

/**
 * Prefer `access: MARKETER_REQUIRED` (or VIEWER_ALLOWED) on the function: invokeFunction then
 * checks the role before the params and hands the handler `ctx.actor`. This stays for code that
 * decides inside a handler.
 */
export function requireRole(ctx: CallContext, level: 'viewer' | 'marketer'): Actor {
  if (ctx.isMaster) return ctx.actor;
  if (!ctx.user) throw loginRequired();
  if (!hasRole(ctx.user, level)) throw forbidden(roleMissingMessage(level));
  return ctx.actor;
}

export const requireMarketer = (ctx: CallContext): Actor => requireRole(ctx, 'marketer');
export const requireViewer = (ctx: CallContext): Actor => requireRole(ctx, 'viewer');
