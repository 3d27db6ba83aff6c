import { fixedClock } from '../support/clock';
import { expectSplitOnce, seedSplitScenario } from '../support/seedSplit';
import { startHostProcess, type HostProcess } from '../support/hostProcess';
import { runDueSplits } from '../../cloud/jobs/scheduler';
import { runCommerceExpiry } from '../../cloud/jobs/groupBuyExpiry';
import { holderPid } from '../../cloud/jobs/leases';
import { findLease } from '../../cloud/store/jobLeases';
import { openStore } from '../../cloud/store/open';
import type { Store } from '../../cloud/store/store';
import { DEMO_PASSWORD } from '../../cloud/seed/demo';
import { checkLedger } from '../../cloud/workflows/ledgerCheck';
import { sharedDatabase } from './postgres';
import { callFunction, logIn, startHostsOn, within } from './hosts';
import { at, firstOf } from '../support/at';

const HOUR = 3_600_000;

/** Gives the seeded campaign one daily split at `hhmm` (its time zone's wall clock). */
async function scheduleSplit(store: Store, campaignId: string, hhmm: string): Promise<void> {
  await store.query(`update campaigns set config = jsonb_set(config, '{split,dailyAt}', $2::jsonb) where id = $1`, [
    campaignId,
    JSON.stringify([hhmm]),
  ]);
}

describe('timed jobs on several hosts: once per slot (postgres)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('runs a split slot fired on three hosts at once on one of them, splitting each group once', async () => {
    const clock = fixedClock(); // 10:00 in Beijing
    const database = await sharedDatabase();
    cleanups.push(database.drop);
    const hosts = await startHostsOn(database.databaseUrl, 3, { clock });
    cleanups.push(() => Promise.all(hosts.map((h) => h.stop())).then(() => undefined));
    const store = at(hosts, 0).host.deps.store;
    const { campaignId } = await seedSplitScenario(store, { groups: 300, members: 4, poolFen: 1000, now: clock.now() });
    await scheduleSplit(store, campaignId, '09:00');
    const slot = new Date('2025-11-05T01:00:00.000Z');

    const ran = await Promise.all(hosts.map((h) => runDueSplits(h.host.deps)));
    expect(ran.sort()).toEqual([0, 0, 1]);
    await expectSplitOnce(store, slot, 300, 4, 1000);
    expect(await findLease(store, 'pool-split', slot.toISOString())).toMatchObject({ takeovers: 0, done_at: expect.any(Date) });
    // Checked again, on every host: the slot is done.
    expect(await Promise.all(hosts.map((h) => runDueSplits(h.host.deps)))).toEqual([0, 0, 0]);
    await expectSplitOnce(store, slot, 300, 4, 1000);
  });

  it('runs the commerce expiry fired on three hosts at once on one of them, refunding each payer once', async () => {
    const clock = fixedClock();
    const database = await sharedDatabase();
    cleanups.push(database.drop);
    const hosts = await startHostsOn(database.databaseUrl, 3, { clock, demo: true });
    cleanups.push(() => Promise.all(hosts.map((h) => h.stop())).then(() => undefined));
    const store = at(hosts, 0).host.deps.store;
    const session = await logIn(at(hosts, 0).url, 'alice', DEMO_PASSWORD, clock);
    const { deals } = await callFunction<{
      deals: Array<{ dealId: string; size: number; virtualCompletion: boolean; timeLimitHours: number }>;
    }>(at(hosts, 0).url, 'listDeals', {}, { clock, session });
    const deal = deals.find((d) => d.size >= 2 && !d.virtualCompletion)!;
    // Three buyers open a buy each, through different hosts; nobody joins them.
    for (const [i, name] of ['fiona', 'grace', 'hannah'].entries()) {
      const token = await logIn(at(hosts, i).url, name, DEMO_PASSWORD, clock);
      await callFunction(at(hosts, i).url, 'openGroupBuy', { dealId: deal.dealId, requestId: `expiry-${name}` }, { clock, session: token });
    }
    clock.advance(deal.timeLimitHours * HOUR + 1000);

    const outcomes = await Promise.all(hosts.map((h) => runCommerceExpiry(h.host.deps)));
    const ran = outcomes.filter((o) => o.ran);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ result: { groupBuysFailed: 3, refunds: 3 } });
    const refunds = await store.query<{ n: number }>(`select count(*) as n from ledger_transactions where effect_key like 'gb-refund:%'`);
    expect(at(refunds, 0).n).toBe(3);
    // The same check period again, on every host: done.
    expect((await Promise.all(hosts.map((h) => runCommerceExpiry(h.host.deps)))).map((o) => o.ran)).toEqual([false, false, false]);
    expect(await checkLedger(store)).toMatchObject({ balanced: true, sumFen: 0 });
  });

  it('finishes a split whose host was killed in the middle of it on another host, once its lease ran out', async () => {
    const GROUPS = 2000;
    const MEMBERS = 6;
    const POOL_FEN = 600;
    const database = await sharedDatabase();
    cleanups.push(database.drop);
    // Small chunks, a short lease and frequent checks: the split takes long enough to be cut.
    const settings = { DATABASE_URL: database.databaseUrl, SPLIT_CHUNK_GROUPS: '10', JOB_LEASE_SECONDS: '2', JOB_CHECK_SECONDS: '0.5' };
    // Each host is stopped afterwards even if the other failed to start.
    const started = await Promise.allSettled([startHostProcess(settings), startHostProcess(settings)]);
    const processes: HostProcess[] = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    cleanups.push(() => Promise.all(processes.map((p) => p.stop())).then(() => undefined));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: ':memory:' });
    cleanups.push(() => store.close());

    // Seeded with no slot (the hosts stay idle), then given one that came a minute ago: the next
    // check of either host takes it.
    const now = new Date();
    const { campaignId } = await seedSplitScenario(store, { groups: GROUPS, members: MEMBERS, poolFen: POOL_FEN, now });
    const slot = new Date(Math.floor((now.getTime() - 60_000) / 60_000) * 60_000);
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(slot);
    await scheduleSplit(store, campaignId, hhmm);

    // The holder of the slot's lease, killed once some chunks are written.
    const splitCount = async () => at(await store.query<{ n: number }>('select count(*) as n from splits where slot = $1', [slot]), 0).n;
    let victimPid = 0;
    await within(30_000, async () => {
      const lease = await findLease(store, 'pool-split', slot.toISOString());
      if (!lease || (await splitCount()) === 0) return false;
      victimPid = holderPid(lease.holder);
      return true;
    });
    const victim = processes.find((p) => p.pid === victimPid)!;
    const survivor = processes.find((p) => p !== victim)!;
    await victim.kill();
    const partial = await splitCount();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(GROUPS);
    const deadLease = (await findLease(store, 'pool-split', slot.toISOString()))!;
    expect(deadLease.done_at).toBeNull();

    // The survivor takes the lease over only after it ran out, and finishes the slot.
    await within(60_000, async () => (await findLease(store, 'pool-split', slot.toISOString()))?.done_at != null);
    const lease = (await findLease(store, 'pool-split', slot.toISOString()))!;
    expect(holderPid(lease.holder)).toBe(survivor.pid);
    expect(lease.takeovers).toBe(1);
    expect(lease.acquired_at.getTime()).toBeGreaterThanOrEqual(deadLease.expires_at.getTime());
    const run = firstOf(await store.query<{ completed_at: Date | null }>('select completed_at from split_runs where slot = $1', [slot]));
    expect(run.completed_at).not.toBeNull();
    await expectSplitOnce(store, slot, GROUPS, MEMBERS, POOL_FEN);
  });
});
