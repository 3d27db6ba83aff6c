import { fixedClock } from '../support/clock';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../cloud/cluster/roundRobinProxy';
import { DEMO_PASSWORD } from '../../cloud/seed/demo';
import { sharedDatabase } from './postgres';
import { callFunction, failureCode, logIn, request, startHostsOn, within, type InProcessHost } from './hosts';
import { at, leading } from '../support/at';

/**
 * Three hosts on one PostgreSQL database act as one for what they cache and count: a change made
 * through one host is refused on the others within a second. Their clock stands still, so the
 * session cache's 5 s TTL never runs out here: only the hosts' messages can make the change show.
 */
describe('hosts on one database: caches and limits (postgres)', () => {
  const clock = fixedClock();
  let drop: () => Promise<void>;
  let hosts: InProcessHost[];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    const database = await sharedDatabase();
    drop = database.drop;
    hosts = await startHostsOn(database.databaseUrl, 3, { clock, demo: true });
    proxy = await startRoundRobinProxy(hosts.map((h) => h.url));
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all((hosts ?? []).map((h) => h.stop()));
    await drop?.();
  });

  it('refuses a revoked role (119) on another host within a second', async () => {
    const [a, b, c] = leading(hosts, 3);
    const token = await logIn(a.url, 'mona', DEMO_PASSWORD, clock);
    // Both other hosts have the marketer's session cached.
    for (const host of [b, c]) await callFunction(host.url, 'listCampaigns', {}, { clock, session: token });
    await callFunction(a.url, 'setUserRoles', { username: 'mona', roles: [] }, { clock, master: true });
    for (const host of [b, c]) {
      await within(1000, async () => (await failureCode(callFunction(host.url, 'listCampaigns', {}, { clock, session: token }))) === 119);
    }
    await callFunction(c.url, 'setUserRoles', { username: 'mona', roles: ['marketer'] }, { clock, master: true });
    await within(1000, async () => (await failureCode(callFunction(a.url, 'listCampaigns', {}, { clock, session: token }))) === undefined);
  });

  it('refuses a session logged out through one host (211) on the others within a second', async () => {
    const [a, b, c] = leading(hosts, 3);
    const token = await logIn(b.url, 'alice', DEMO_PASSWORD, clock);
    const other = await logIn(c.url, 'alice', DEMO_PASSWORD, clock);
    for (const host of hosts) {
      await callFunction(host.url, 'me', {}, { clock, session: token });
      await callFunction(host.url, 'me', {}, { clock, session: other });
    }
    await callFunction(a.url, 'logout', {}, { clock, session: token });
    for (const host of [b, c]) {
      await within(1000, async () => (await failureCode(callFunction(host.url, 'me', {}, { clock, session: token }))) === 211);
    }
    // Her other session is untouched; logging out everywhere ends it on every host too.
    for (const host of hosts) await callFunction(host.url, 'me', {}, { clock, session: other });
    await callFunction(b.url, 'logoutEverywhere', {}, { clock, session: other });
    for (const host of [a, c]) {
      await within(1000, async () => (await failureCode(callFunction(host.url, 'me', {}, { clock, session: other }))) === 211);
    }
  });

  it('holds a login limit reached through one host on the others', async () => {
    // Failures spread over the hosts by the proxy count as one.
    const failures = 5; // LOGIN_FREE_FAILURES
    for (let i = 0; i < failures; i++) expect(await failureCode(logIn(proxy.url, 'bella', 'wrong-password', clock))).toBe(210);
    expect(proxy.counts().every((n) => n > 0)).toBe(true);
    // Now every host refuses even the right password until the wait is over (the clock stands still).
    for (const host of hosts) expect(await failureCode(logIn(host.url, 'bella', DEMO_PASSWORD, clock))).toBe(429);
    clock.advance(60_000);
    expect(await failureCode(logIn(at(hosts, 2).url, 'bella', DEMO_PASSWORD, clock))).toBeUndefined();
  });

  it('shows a change made through one host on the very next read of a cached group screen through the others', async () => {
    // The group screens are cached on every host, but each read checks the data's version in the
    // database: no message has to arrive first, so nothing here waits.
    const [a, b, c] = leading(hosts, 3);
    const sessions = new Map<string, string>();
    for (const name of ['alice', 'bella', 'emma', 'ivy']) sessions.set(name, await logIn(a.url, name, DEMO_PASSWORD, clock));
    const session = (name: string) => sessions.get(name)!;
    const { group } = await callFunction<{ group: { groupId: string } }>(
      a.url,
      'createGroup',
      { name: '多主机缓存群', requestId: 'multihost-cache-group' },
      { clock, session: session('alice') },
    );
    const { inviteCode } = await callFunction<{ inviteCode: string }>(
      a.url,
      'createInvite',
      { groupId: group.groupId },
      { clock, session: session('alice') },
    );
    for (const name of ['bella', 'emma', 'ivy']) await callFunction(b.url, 'joinGroup', { inviteCode }, { clock, session: session(name) });
    type Page = { items: Array<{ productId: string | null; addedBy: { nickname: string } }> };
    const list = (url: string) => callFunction<Page>(url, 'listWishlist', { groupId: group.groupId }, { clock, session: session('bella') });
    for (const host of hosts) {
      await list(host.url);
      await list(host.url);
    }
    const hitsBefore = hosts.map((host) => host.host.deps.reads.hits);
    const { products } = await callFunction<{ products: Array<{ productId: string }> }>(
      a.url,
      'listProducts',
      { limit: 1 },
      {
        clock,
        session: session('alice'),
      },
    );
    const productId = at(products, 0).productId;
    await callFunction(
      a.url,
      'addWishlistItem',
      { groupId: group.groupId, productId, requestId: 'multihost-cache-item' },
      {
        clock,
        session: session('alice'),
      },
    );
    for (const host of [b, c]) expect((await list(host.url)).items.map((item) => item.productId)).toEqual([productId]);
    // Read again unchanged: now from memory on each host.
    for (const host of [b, c]) await list(host.url);
    expect(hosts.map((host, i) => host.host.deps.reads.hits - at(hitsBefore, i))).toEqual([0, 1, 1]);

    const alice = await callFunction<{ user: { objectId: string } }>(c.url, 'me', {}, { clock, session: session('alice') });
    await request(
      c.url,
      `/1.1/classes/_User/${alice.user.objectId}`,
      { nickname: '爱丽丝新名字' },
      {
        clock,
        session: session('alice'),
        method: 'PUT',
      },
    );
    for (const host of [a, b]) expect(at((await list(host.url)).items, 0).addedBy.nickname).toBe('爱丽丝新名字');
  });
});
