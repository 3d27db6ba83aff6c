import { RateLimiter } from './rateLimiter';

describe('rate limiter', () => {
  it('allows up to the limit in a window, then again after it', () => {
    const limiter = new RateLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.isAllowed('alice', 0)).toBe(true);
      limiter.hit('alice', 0);
    }
    expect(limiter.isAllowed('alice', 999)).toBe(false);
    expect(limiter.isAllowed('bella', 999)).toBe(true);
    expect(limiter.isAllowed('alice', 1000)).toBe(true);
  });

  it('forgets a key on reset', () => {
    const limiter = new RateLimiter(1, 1000);
    limiter.hit('alice', 0);
    expect(limiter.isAllowed('alice', 1)).toBe(false);
    limiter.reset('alice');
    expect(limiter.isAllowed('alice', 1)).toBe(true);
  });
});
