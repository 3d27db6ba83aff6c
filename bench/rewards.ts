import { at } from '../cloud/domain/at';
import type { LedgerCheckJson } from '../contract/money';
import type { startFakeWeixin } from '../test/support/fakeWeixin';
import { databasePerUnitMs, perUnitMs, startCpuMeter, type CpuSplit } from './lib/cpu';
import { call, lcHeaders, runLoad, type LoadResult } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

export const REWARD_GROUPS = 40;
export const REWARD_ITEMS_PER_GROUP = 40;
const MEMBERS = 15;

/** Calls of the refused-share comparison row. */
const REFUSED_CALLS = 10_000;

/**
 * Reward issuing: `shareItem` with the red-packet draw at 50 connections, every (user, item) pair
 * in the active groups shared once, against the demo campaign's budget (which runs out during the
 * run, so the no-overspend guard is exercised). Afterwards the ledger must balance with no
 * negative account. A second row measures, right after, the same sessions sharing into a group
 * they are not in: refused (119) after the function's lock and first reads, with nothing written,
 * which is the fixed cost of a call that makes one round trip to the database.
 */
export async function benchRewards(target: BenchTarget, fakeWeixin: Awaited<ReturnType<typeof startFakeWeixin>>): Promise<Section> {
  const run = `r${Date.now().toString(36)}`;
  const owners = Array.from({ length: REWARD_GROUPS }, (_, i) => ({
    username: `rowner_${run}_${i}`,
    password: 'bench1234',
    gender: 'female' as const,
    taoqi: 800,
  }));
  await call(target.url, target, 'importUsers', { users: owners }, undefined, true);
  const { products } = await call<{ products: Array<{ productId: string }> }>(
    target.url,
    target,
    'listProducts',
    { limit: 50 },
    await ownerSession(target, at(owners, 0, 'owner')),
  );
  const pairs: Array<{ session: string; groupId: string; itemId: string }> = [];
  const perGroup: Array<Array<{ session: string; groupId: string; itemId: string }>> = [];
  await Promise.all(
    owners.map(async (owner, g) => {
      const session = await ownerSession(target, owner);
      const { group } = await call<{ group: { groupId: string } }>(
        target.url,
        target,
        'createGroup',
        { name: `奖励压测 ${g}`, requestId: `${run}-group-${g}` },
        session,
      );
      const { inviteCode } = await call<{ inviteCode: string }>(target.url, target, 'createInvite', { groupId: group.groupId }, session);
      const sessions = [session];
      for (let m = 1; m < MEMBERS; m++) {
        const code = `${run}-${g}-${m}`;
        fakeWeixin.register(code, `openid-${code}`);
        const response = await fetch(`${target.url}/1.1/users`, {
          method: 'POST',
          headers: lcHeaders(target),
          body: JSON.stringify({ authData: { lc_weapp: { code } } }),
        });
        const { sessionToken } = (await response.json()) as { sessionToken: string };
        await call(target.url, target, 'joinGroup', { inviteCode }, sessionToken);
        sessions.push(sessionToken);
      }
      const items: string[] = [];
      for (let i = 0; i < REWARD_ITEMS_PER_GROUP; i++) {
        const { item } = await call<{ item: { itemId: string } }>(
          target.url,
          target,
          'addWishlistItem',
          {
            groupId: group.groupId,
            productId: at(products, i % products.length, 'product').productId,
            note: String(i),
            requestId: `${run}-item-${g}-${i}`,
          },
          session,
        );
        items.push(item.itemId);
      }
      perGroup[g] = sessions.flatMap((s) => items.map((itemId) => ({ session: s, groupId: group.groupId, itemId })));
    }),
  );
  // Interleave groups so that concurrent calls hit different groups, as real traffic does.
  for (let k = 0; pairs.length < REWARD_GROUPS * MEMBERS * REWARD_ITEMS_PER_GROUP; k++) {
    for (const list of perGroup) {
      const pair = list[k];
      if (pair) pairs.push(pair);
    }
  }

  /**
   * Shares at 50 connections, the k-th call sharing pair k's item as pair k's user into
   * `groupOf(k)`, with the CPU time each process spent meanwhile.
   */
  const shareLoad = async (name: string, amount: number, groupOf: (k: number) => string) => {
    let sent = 0;
    const meter = startCpuMeter(target.cpu);
    const load = await runLoad({
      url: target.url,
      path: '/1.1/functions/shareItem',
      headers: lcHeaders(target),
      connections: 50,
      amount,
      setupRequest: (request) => {
        const k = sent++ % pairs.length;
        const pair = at(pairs, k, 'share pair');
        return {
          ...request,
          headers: { ...request.headers, 'x-lc-session': pair.session },
          body: JSON.stringify({ groupId: groupOf(k), itemId: pair.itemId, requestId: `${run}-${name}-${sent}` }),
        };
      },
    });
    return { load, cpu: meter.stop() };
  };
  const shared = await shareLoad('share', pairs.length, (k) => at(pairs, k, 'share pair').groupId);
  const ledger = await call<LedgerCheckJson>(target.url, target, 'ledgerCheck', {}, undefined, true);
  // Consecutive pairs belong to different groups (interleaved above), and every user is in one.
  const refused = await shareLoad('refused', REFUSED_CALLS, (k) => at(pairs, (k + 1) % pairs.length, 'share pair').groupId);
  const ledgerAfter = await call<LedgerCheckJson>(target.url, target, 'ledgerCheck', {}, undefined, true);
  return {
    title: `Reward issuing (shareItem with the draw) — ${target.engine}`,
    settings: `50 connections; each of the ${pairs.length.toLocaleString('en-US')} (user, item) pairs of ${REWARD_GROUPS} active groups of ${MEMBERS} shared once; demo campaign (budget 10,000 yuan, 60% chance, 1.00–8.88 yuan, 10 rewards per user per day). Then ${REFUSED_CALLS.toLocaleString('en-US')} shares into a group the sharer is not in (all must be refused: 119). CPU per call: CPU time the host process, the database server (postmaster and all its children; ${target.engine === 'pglite' ? 'here in the host process' : 'pool connections stay open through the run'}) and the load generator used during the run, divided by the calls`,
    rows: [
      rewardRow('shareItem, new pair each call', shared.load, shared.cpu, ledger, '≥ 2,000/s on PostgreSQL'),
      rewardRow('shareItem refused (not a member): one locked read, nothing written', refused.load, refused.cpu, ledgerAfter, 'comparison'),
    ],
    notes: [],
  };
}

function rewardRow(label: string, load: LoadResult, cpu: CpuSplit, ledger: LedgerCheckJson, target: string): Section['rows'][number] {
  return {
    call: label,
    'calls/s': load.perSecond,
    'p50 ms': load.p50Ms,
    'p99 ms': load.p99Ms,
    calls: load.requests,
    'CPU ms/call: host': perUnitMs(cpu.hostMs, load.requests),
    database: databasePerUnitMs(cpu, load.requests, 'host'),
    'load generator': perUnitMs(cpu.benchMs, load.requests),
    'non-2xx': load.non2xx + load.errors,
    'ledger balanced': ledger.balanced ? 'yes' : 'NO',
    'negative accounts (overspend)': ledger.negativeAccounts,
    target,
  };
}

async function ownerSession(target: BenchTarget, owner: { username: string; password: string }): Promise<string> {
  const login = await fetch(`${target.url}/1.1/login`, { method: 'POST', headers: lcHeaders(target), body: JSON.stringify(owner) });
  return ((await login.json()) as { sessionToken: string }).sessionToken;
}
