import { randomUUID } from 'node:crypto';
import { sessionTokenHash, type UserRow } from './store/users';

/** What one host tells the others to drop: a session (by its hash), a user's sessions, or all. */
export type SessionInvalidation = { session: string } | { user: string } | { all: true };

/**
 * A short-lived, bounded cache of session token → user, so that the hot path (every call made
 * by a logged-in user) does not cost a database round trip. Entries live at most `ttlMs`, never
 * past the session's own expiry, and are dropped when this host changes the user. With a
 * `broadcast` (the hosts' channel on the database, see createHost.ts) every drop is sent to the
 * other hosts, which apply it through `receive` within moments; the TTL stays as the backstop
 * for a message lost while a host's listening connection was down.
 *
 * Entries are keyed by the token's SHA-256 (as the sessions table is): a logout is broadcast by
 * that hash, so the token itself never travels to other database sessions.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: UserRow; until: number }>();
  /** Tells this cache's own messages apart when they come back from the channel. */
  private readonly origin = randomUUID();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly broadcast?: (payload: string) => void,
  ) {}

  get(token: string, nowMs: number): UserRow | undefined {
    const key = sessionTokenHash(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.user;
  }

  set(token: string, user: UserRow, sessionExpiresAt: Date, nowMs: number): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sessionTokenHash(token), { user, until: Math.min(nowMs + this.ttlMs, sessionExpiresAt.getTime()) });
  }

  /** Drops one token (its session ended here: logout), here and on the other hosts. */
  forget(token: string): void {
    this.drop({ session: sessionTokenHash(token) }, true);
  }

  /** Drops a user's sessions (the user changed), here and on the other hosts. */
  forgetUser(userId: string): void {
    this.drop({ user: userId }, true);
  }

  clear(): void {
    this.drop({ all: true }, true);
  }

  /**
   * A message from the channel: another host's drop, applied here without sending it on (every
   * host hears every message itself). This cache's own messages are ignored.
   */
  receive(payload: string): void {
    let message: { from?: unknown; drop?: SessionInvalidation };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.from === this.origin || !message.drop) return;
    this.drop(message.drop, false);
  }

  /** Messages may have been missed (the channel was down): nothing cached can be trusted. */
  missed(): void {
    this.entries.clear();
  }

  private drop(what: SessionInvalidation, send: boolean): void {
    if ('all' in what) this.entries.clear();
    else if ('session' in what) this.entries.delete(what.session);
    else for (const [key, entry] of this.entries) if (entry.user.id === what.user) this.entries.delete(key);
    if (send) this.broadcast?.(JSON.stringify({ from: this.origin, drop: what }));
  }
}

/** The database channel of session-cache drops (LISTEN/NOTIFY on the server engine). */
export const SESSION_CACHE_CHANNEL = 'besties_session_cache';

export const SESSION_CACHE_TTL_MS = 5_000;
export const SESSION_CACHE_MAX_ENTRIES = 100_000;
