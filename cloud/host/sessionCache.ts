import type { UserRow } from '../store/users';

/**
 * A short-lived, bounded cache of session token → user, so that the hot path (every call made
 * by a logged-in user) does not cost a database round trip. Entries live at most `ttlMs`, never
 * past the session's own expiry, and are dropped when this host changes the user. Another host's
 * change to a user becomes visible here within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: UserRow; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(token: string, nowMs: number): UserRow | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.entries.delete(token);
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
    this.entries.set(token, { user, until: Math.min(nowMs + this.ttlMs, sessionExpiresAt.getTime()) });
  }

  /** Drops one token (its session ended here: logout). */
  forget(token: string): void {
    this.entries.delete(token);
  }

  forgetUser(userId: string): void {
    for (const [token, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }
}

export const SESSION_CACHE_TTL_MS = 5_000;
export const SESSION_CACHE_MAX_ENTRIES = 100_000;
