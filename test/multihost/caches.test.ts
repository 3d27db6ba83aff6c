import { fixedClock } from '../support/clock';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../cloud/cluster/roundRobinProxy';
import { DEMO_PASSWORD } from '../../cloud/seed/demo';
import { sharedDatabase } from './postgres';
import { callFunction, failureCode, logIn, startHostsOn, within, type InProcessHost } from './hosts';
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
});
