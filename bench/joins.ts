import { at } from '../cloud/domain/at';
import { startFakeWeixin } from '../test/support/fakeWeixin';
import { call, lcHeaders, runLoad } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

export const JOIN_GROUPS = 100;
export const JOIN_ATTEMPTS = 1500;

interface Joiner {
  session: string;
  inviteCode: string;
}

/**
 * Joins under contention: 100 groups, 1,500 join attempts from distinct users at 50
 * connections. Owners are imported female users; joiners log in through (fake) WeChat, as real
 * mini-program users do.
 */
export async function benchJoins(target: BenchTarget, fakeWeixin: Awaited<ReturnType<typeof startFakeWeixin>>): Promise<Section> {
  const run = Date.now().toString(36);
  const owners = Array.from({ length: JOIN_GROUPS }, (_, i) => ({
    username: `owner_${run}_${i}`,
    password: 'bench1234',
    gender: 'female' as const,
    taoqi: 800,
  }));
  await call(target.url, target, 'importUsers', { users: owners }, undefined, true);
  const invites: string[] = [];
  await Promise.all(
    owners.map(async (owner, i) => {
      const login = await fetch(`${target.url}/1.1/login`, { method: 'POST', headers: lcHeaders(target), body: JSON.stringify(owner) });
      const { sessionToken } = (await login.json()) as { sessionToken: string };
      const { group } = await call<{ group: { groupId: string } }>(
        target.url,
        target,
        'createGroup',
        { name: `压测群 ${i}`, requestId: `bench-${run}-${i}` },
        sessionToken,
      );
      const { inviteCode } = await call<{ inviteCode: string }>(
        target.url,
        target,
        'createInvite',
        { groupId: group.groupId },
        sessionToken,
      );
      invites[i] = inviteCode;
    }),
  );

  const joiners: Joiner[] = [];
  for (let i = 0; i < JOIN_ATTEMPTS; i += 50) {
    const batch = Array.from({ length: Math.min(50, JOIN_ATTEMPTS - i) }, async (_, j) => {
      const code = `bench-${run}-${i + j}`;
      fakeWeixin.register(code, `openid-${run}-${i + j}`);
      const response = await fetch(`${target.url}/1.1/users`, {
        method: 'POST',
        headers: lcHeaders(target),
        body: JSON.stringify({ authData: { lc_weapp: { code } } }),
      });
      const { sessionToken } = (await response.json()) as { sessionToken: string };
      // Spread joiners over the groups at random, so that some groups overflow and some do not.
      joiners.push({ session: sessionToken, inviteCode: at(invites, Math.floor(Math.random() * JOIN_GROUPS), 'invite code') });
    });
    await Promise.all(batch);
  }

  let next = 0;
  const result = await runLoad({
    url: target.url,
    path: '/1.1/functions/joinGroup',
    headers: lcHeaders(target),
    connections: 50,
    amount: JOIN_ATTEMPTS,
    seconds: 120,
    setupRequest: (request) => {
      const joiner = at(joiners, next++ % joiners.length, 'joiner');
      return {
        ...request,
        headers: { ...request.headers, 'x-lc-session': joiner.session },
        body: JSON.stringify({ inviteCode: joiner.inviteCode }),
      };
    },
  });

  const counts = await Promise.all(
    owners.map(async (owner) => {
      const login = await fetch(`${target.url}/1.1/login`, { method: 'POST', headers: lcHeaders(target), body: JSON.stringify(owner) });
      const { sessionToken } = (await login.json()) as { sessionToken: string };
      const { groups } = await call<{ groups: Array<{ memberCount: number }> }>(target.url, target, 'listMyGroups', {}, sessionToken);
      return at(groups, 0, 'group of owner').memberCount;
    }),
  );
  const members = counts.reduce((a, b) => a + b, 0);
  const joined = members - JOIN_GROUPS;
  return {
    title: `Joins under contention — ${target.engine}`,
    settings: `${JOIN_GROUPS} groups, ${JOIN_ATTEMPTS} join attempts from distinct users spread at random, 50 connections`,
    rows: [
      {
        'attempts/s': result.perSecond,
        'p50 ms': result.p50Ms,
        'p99 ms': result.p99Ms,
        joined,
        'refused (non-2xx)': result.non2xx,
        'largest group': Math.max(...counts),
        'groups over 15': counts.filter((n) => n > 15).length,
      },
    ],
    notes: joined + result.non2xx === JOIN_ATTEMPTS ? [] : [`attempts unaccounted for: ${JOIN_ATTEMPTS - joined - result.non2xx}`],
  };
}
