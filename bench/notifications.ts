import { call, lcHeaders, runLoad } from './lib/load';
import type { BenchTarget, Section } from './lib/report';

/** Unread notices the measured shopper holds: removals from a group, each a notice of its own. */
export const BENCH_UNREAD_NOTICES = 20;

async function loginAs(target: BenchTarget, username: string): Promise<string> {
  const response = await fetch(`${target.url}/1.1/login`, {
    method: 'POST',
    headers: lcHeaders(target),
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

/**
 * `unreadCount`, the call the app polls for its badges, and `myNotifications`, the message
 * centre's first page, through the real HTTP path for a shopper with BENCH_UNREAD_NOTICES unread
 * notices (removed from a group and let back in that many times).
 */
export async function benchUnreadCount(target: BenchTarget, seconds: number): Promise<Section> {
  const owner = await loginAs(target, 'alice');
  const member = await loginAs(target, 'bella');
  const { group } = await call<{ group: { groupId: string } }>(
    target.url,
    target,
    'createGroup',
    { name: '通知压测', requestId: 'bench-notices-group' },
    owner,
  );
  const { objectId: memberId } = (await call<{ user: { objectId: string } }>(target.url, target, 'me', {}, member)).user;
  for (let i = 0; i < BENCH_UNREAD_NOTICES; i++) {
    const { inviteCode } = await call<{ inviteCode: string }>(target.url, target, 'createInvite', { groupId: group.groupId }, owner);
    await call(target.url, target, 'joinGroup', { inviteCode }, member);
    await call(target.url, target, 'removeMember', { groupId: group.groupId, userId: memberId }, owner);
  }
  const { unreadCount } = await call<{ unreadCount: number }>(target.url, target, 'unreadCount', {}, member);
  const measure = (name: 'unreadCount' | 'myNotifications') =>
    runLoad({ url: target.url, path: `/1.1/functions/${name}`, headers: lcHeaders(target, member), connections: 50, seconds });
  const goal = target.engine === 'postgres' ? 4_000 : 1_000;
  const row = (name: string, result: Awaited<ReturnType<typeof measure>>) => ({
    function: name,
    'calls/s': result.perSecond,
    'p50 ms': result.p50Ms,
    'p99 ms': result.p99Ms,
    'non-2xx': result.non2xx + result.errors,
    target: `≥ ${goal}`,
  });
  return {
    title: `Unread count (the badges' poll) — ${target.engine}`,
    settings: `autocannon, 50 connections, ${seconds} s, one shopper with ${unreadCount} unread notices, host in its own process`,
    rows: [row('unreadCount', await measure('unreadCount')), row('myNotifications (first page)', await measure('myNotifications'))],
    notes: ['The count stops at 100 (the badge shows 99+), so it reads at most 100 entries of a partial index on unread notices.'],
  };
}
