/**
 * Answers of the screens opened most (a group's list, feed and members; her orders and notices),
 * kept in memory with the version of the data they were read from (cloud/store/readVersions.ts).
 * A read first fetches the current version (cloud/functions/cachedReads.ts); when it equals the
 * stored one, the stored answer is still exactly what the database would give, on this host or
 * any other, because every change to what the answer shows moves the version in the change's own
 * transaction (migrations 024 and 026).
 * There is no expiry and no message between hosts to lose: a stale entry is never served, only
 * replaced.
 *
 * Bounded: the least recently used entry goes first when the cache is full.
 */
export const READ_CACHE_MAX_ENTRIES = 5000;

export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();
  /** Loads under way, by key: the version they were started at and their answer to come. */
  private readonly loading = new Map<string, { version: string; answer: Promise<unknown> }>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = READ_CACHE_MAX_ENTRIES,
    /** Told of every lookup (the host's metrics). */
    private readonly onLookup: (hit: boolean) => void = () => {},
  ) {}

  /** The answer stored under `key` for exactly `version`, or undefined. */
  get<T>(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) {
      this.misses++;
      this.onLookup(false);
      return undefined;
    }
    // Re-inserting moves the key to the end: the Map's order is then least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    this.onLookup(true);
    return entry.value as T;
  }

  set(key: string, version: string, value: unknown): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { version, value });
  }

  /**
   * Reads through the cache: the stored answer when `version` matches, otherwise `load`'s, stored.
   * Misses of one key at one version share one load: when a write moves a busy group's version,
   * the readers in flight wait for one read of the database instead of all making their own. That
   * is sound because the shared load started after its caller read the same version, so its
   * answer is at least as new as every waiter's version.
   */
  async through<T>(key: string, version: string, load: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key, version);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending && pending.version === version) return pending.answer as Promise<T>;
    const answer = load();
    const entry = { version, answer };
    this.loading.set(key, entry);
    try {
      const value = await answer;
      this.set(key, version, value);
      return value;
    } finally {
      if (this.loading.get(key) === entry) this.loading.delete(key);
    }
  }

  /** Forgets every answer (tests compare cached answers with fresh ones). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
