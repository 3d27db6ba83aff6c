import { SessionCache } from './sessionCache';
import type { UserRow } from './store/users';

const user = (id: string) => ({ id }) as UserRow;

describe('session cache', () => {
  it('keeps an entry for its ttl and never past the session expiry', () => {
    const cache = new SessionCache(5_000, 10);
    cache.set('a', user('u1'), new Date(100_000), 0);
    cache.set('b', user('u2'), new Date(2_000), 0);
    expect(cache.get('a', 4_999)?.id).toBe('u1');
    expect(cache.get('a', 5_000)).toBeUndefined();
    expect(cache.get('b', 1_999)?.id).toBe('u2');
    expect(cache.get('b', 2_000)).toBeUndefined();
  });

  it('forgets every session of a changed user and evicts the oldest when full', () => {
    const cache = new SessionCache(5_000, 2);
    cache.set('a', user('u1'), new Date(10_000), 0);
    cache.set('b', user('u1'), new Date(10_000), 0);
    cache.set('c', user('u2'), new Date(10_000), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)?.id).toBe('u1');
    cache.forgetUser('u1');
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)?.id).toBe('u2');
  });

  it('forgets one ended session and keeps the user’s others', () => {
    const cache = new SessionCache(5_000, 10);
    cache.set('a', user('u1'), new Date(10_000), 0);
    cache.set('b', user('u1'), new Date(10_000), 0);
    cache.forget('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)?.id).toBe('u1');
  });
});
