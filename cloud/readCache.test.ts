import { ReadCache } from './readCache';

/** A load whose answer the test hands over when it chooses. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ReadCache', () => {
  it('answers from memory only for the version the answer was stored under', async () => {
    const cache = new ReadCache(10);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.through('k', '1.0', load)).toEqual({ n: 1 });
    expect(await cache.through('k', '1.0', load)).toEqual({ n: 1 });
    expect(await cache.through('k', '2.0', load)).toEqual({ n: 2 });
    expect(await cache.through('k', '2.1', load)).toEqual({ n: 3 });
    expect([cache.hits, cache.misses]).toEqual([1, 3]);
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new ReadCache(2);
    await cache.through('a', 'v', async () => 'A');
    await cache.through('b', 'v', async () => 'B');
    expect(cache.get('a', 'v')).toBe('A'); // a is now the most recently used
    await cache.through('c', 'v', async () => 'C');
    expect(cache.size).toBe(2);
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBe('A');
    expect(cache.get('c', 'v')).toBe('C');
  });

  it('lets misses of one key at one version share one load, and not across versions', async () => {
    const cache = new ReadCache(10);
    const first = deferred<string>();
    const second = deferred<string>();
    const loads: string[] = [];
    const a = cache.through('k', '1', () => (loads.push('1'), first.promise));
    const b = cache.through('k', '1', () => (loads.push('1 again'), first.promise));
    const c = cache.through('k', '2', () => (loads.push('2'), second.promise));
    expect(loads).toEqual(['1', '2']);
    first.resolve('old');
    second.resolve('new');
    expect(await Promise.all([a, b, c])).toEqual(['old', 'old', 'new']);
    expect(await cache.through('k', '2', async () => 'not loaded')).toBe('new');
  });

  it('stores nothing from a failed load, and the next miss loads again', async () => {
    const cache = new ReadCache(10);
    const failing = deferred<string>();
    const a = cache.through('k', '1', () => failing.promise);
    const b = cache.through('k', '1', () => failing.promise);
    failing.reject(new Error('database away'));
    await expect(a).rejects.toThrow('database away');
    await expect(b).rejects.toThrow('database away');
    expect(cache.size).toBe(0);
    expect(await cache.through('k', '1', async () => 'back')).toBe('back');
  });

  it('reports every lookup to its observer', async () => {
    const seen: boolean[] = [];
    const cache = new ReadCache(10, (hit) => seen.push(hit));
    await cache.through('k', '1', async () => 1);
    await cache.through('k', '1', async () => 1);
    expect(seen).toEqual([false, true]);
  });
});
