import { loginRequired } from '../errors';
import { deleteSession, deleteUserSessions } from '../store/users';
import { defineFunction } from './define';
import { fields } from './validation';

/**
 * Server-side logout. AV.User.logOut() only forgets the token on the device, so a copied token
 * would keep working until it expires; these end it on the server. This host stops at once; the
 * others drop their cached copy when the cache's message reaches them (its TTL, 5 s, if lost).
 */
export const logout = defineFunction({
  name: 'logout',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    // 'user' access means the call came with a valid session header, so the token is there.
    if (!ctx.sessionToken) throw loginRequired();
    await deleteSession(ctx.store, ctx.sessionToken);
    ctx.sessions.forget(ctx.sessionToken);
    return { loggedOut: true as const };
  },
});

/** Ends every session of the caller, this one included (a lost phone, a shared computer). */
export const logoutEverywhere = defineFunction({
  name: 'logoutEverywhere',
  access: 'user',
  params: fields.none,
  handler: async (ctx) => {
    const sessionsEnded = await deleteUserSessions(ctx.store, ctx.user.id);
    ctx.sessions.forgetUser(ctx.user.id);
    return { sessionsEnded };
  },
});

export const sessionFunctions = [logout, logoutEverywhere] as const;
