/**
 * A fixed-window counter per key, in memory: enough to stop password guessing against one host.
 * Bounded in size; the oldest windows are dropped first.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** True while `key` is still under its limit in the current window. */
  isAllowed(key: string, nowMs: number): boolean {
    const window = this.windows.get(key);
    return !window || window.resetAt <= nowMs || window.count < this.limit;
  }

  hit(key: string, nowMs: number): void {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= nowMs) {
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      this.windows.delete(key);
      this.windows.set(key, { count: 1, resetAt: nowMs + this.windowMs });
    } else {
      window.count += 1;
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }
}

/** Failed password logins allowed per username within the window. */
export const LOGIN_FAILURES_PER_WINDOW = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
