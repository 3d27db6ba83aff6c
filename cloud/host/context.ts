import type { FastifyRequest } from 'fastify';
import type { CloudFunction, Services } from '../functions/define';
import { sessionInvalid } from '../errors';
import { findSessionUser, type UserRow } from '../store/users';
import type { LoginProvider } from './providers/provider';

/** Everything the routes share: the services handed to functions, plus login machinery. */
export interface HostDeps extends Services {
  functions: ReadonlyMap<string, CloudFunction>;
  providers: ReadonlyMap<string, LoginProvider>;
}

declare module 'fastify' {
  interface FastifyRequest {
    isMaster: boolean;
  }
}

export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-lc-session'];
  const token = Array.isArray(header) ? header[0] : header;
  return token ? token : undefined;
}

/** The user behind the session header, from the short-lived cache or the database. */
export async function resolveSessionUser(deps: HostDeps, token: string | undefined): Promise<UserRow | null | 'invalid'> {
  if (!token) return null;
  const nowMs = deps.clock.now().getTime();
  const cached = deps.sessions.get(token, nowMs);
  if (cached) return cached;
  const row = await findSessionUser(deps.store, token, new Date(nowMs));
  if (!row) return 'invalid';
  const { session_expires_at: expiresAt, ...user } = row;
  deps.sessions.set(token, user, expiresAt, nowMs);
  return user;
}

/** Same as resolveSessionUser, for routes where a missing or bad session is an error. */
export async function requireSessionUser(deps: HostDeps, request: FastifyRequest, invalidStatus: number): Promise<UserRow> {
  const user = await resolveSessionUser(deps, sessionToken(request));
  if (user === null || user === 'invalid') throw sessionInvalid(invalidStatus);
  return user;
}
