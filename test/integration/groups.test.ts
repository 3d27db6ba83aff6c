import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at, firstOf } from '../support/at';

let host: TestHost;
const clock = fixedClock();
const tokens = new Map<string, string>();
let seq = 0;

/** A fresh requestId per intended action. */
const rid = () => `req-${Date.now()}-${++seq}`;
const tokenOf = (username: string) => {
  const token = tokens.get(username);
  if (!token) throw new Error(`no session for ${username}`);
  return token;
};
const extra = (n: number) => `u${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  // 70 more shoppers (female, taoqi 700: all may create groups) for the crowd scenarios.
  const users = Array.from({ length: 70 }, (_, i) => ({
    username: extra(i + 1),
    password: 'pass1234',
    gender: 'female' as const,
    taoqi: 700,
  }));
  await runAsMaster('importUsers', { users });
  for (const name of ['alice', 'bella', 'cathy', 'david', 'emma', 'fiona', 'ivy', 'lily']) tokens.set(name, await login(name));
  await Promise.all(users.map(async (u) => tokens.set(u.username, await login(u.username, 'pass1234'))));
});
afterAll(async () => {
  await host.stop();
});

async function newGroup(owner: string, name = '闺蜜团') {
  return (await runAs(tokenOf(owner), 'createGroup', { name, requestId: rid() })).group;
}
async function invite(member: string, groupId: string) {
  return (await runAs(tokenOf(member), 'createInvite', { groupId })).inviteCode;
}
/** Joins a second after the step before, so that members are ordered by when they joined, as in life. */
async function join(username: string, inviteCode: string) {
  clock.advance(1000);
  return (await runAs(tokenOf(username), 'joinGroup', { inviteCode })).group;
}
/** Settles all calls and counts outcomes by error code ('ok' for successes). */
async function outcomes(calls: Array<Promise<unknown>>): Promise<Record<string, number>> {
  const settled = await Promise.allSettled(calls);
  const counts: Record<string, number> = {};
  for (const s of settled) {
    const key = s.status === 'fulfilled' ? 'ok' : String((s.reason as { code: number }).code);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe(`groups through the real SDK (${testEngine()})`, () => {
  it('lets an eligible user create a group, idempotently by requestId', async () => {
    const requestId = rid();
    const first = await runAs(tokenOf('alice'), 'createGroup', { name: '  双十一姐妹团 ', requestId });
    expect(first.group).toMatchObject({ name: '双十一姐妹团', memberCount: 1, status: 'forming', minMembers: 4, maxMembers: 15 });
    const again = await runAs(tokenOf('alice'), 'createGroup', { name: 'something else', requestId });
    expect(again.group.groupId).toBe(first.group.groupId);
    const mine = await runAs(tokenOf('alice'), 'listMyGroups', {});
    expect(mine.groups.filter((g) => g.groupId === first.group.groupId)).toHaveLength(1);
  });

  it('refuses ineligible creators with 4001 and says why', async () => {
    const cathy = await sdkError(runAs(tokenOf('cathy'), 'createGroup', { name: '我的群', requestId: rid() }));
    expect(cathy.code).toBe(4001);
    expect(cathy.message).toContain('600');
    expect(cathy.message).toContain('560');
    const david = await sdkError(runAs(tokenOf('david'), 'createGroup', { name: '我的群', requestId: rid() }));
    expect(david.code).toBe(4001);
    expect(david.message).toContain('女性');
  });

  it('validates names and requestIds with 142, naming the field', async () => {
    for (const name of ['', '   ', '一二三四五六七八九十一二三四五六七八九十一']) {
      const error = await sdkError(runAs(tokenOf('bella'), 'createGroup', { name, requestId: rid() }));
      expect(error.code).toBe(142);
      expect(error.message).toContain('name');
    }
    const error = await sdkError(runAs(tokenOf('bella'), 'createGroup', { name: 'ok', requestId: 'x' }));
    expect(error).toMatchObject({ code: 142 });
    expect(error.message).toContain('requestId');
    expect((await runAs(tokenOf('bella'), 'listMyGroups', {})).groups).toHaveLength(0);
  });

  it('turns active at 4 members, shows members and roles, and keeps strangers out (119, 101)', async () => {
    const group = await newGroup('bella', '四人成团');
    const code = await invite('bella', group.groupId);
    const preview = await runAs(tokenOf('cathy'), 'previewInvite', { inviteCode: code });
    expect(preview.group).toMatchObject({ name: '四人成团', memberCount: 1, ownerNickname: 'Bella 贝拉' });
    expect(preview.alreadyMember).toBe(false);
    expect((await join('cathy', code)).status).toBe('forming');
    expect((await join('david', code)).status).toBe('forming');
    const fourth = await join('emma', code);
    expect(fourth).toMatchObject({ memberCount: 4, status: 'active' });
    const view = await runAs(tokenOf('cathy'), 'getGroup', { groupId: group.groupId });
    expect(view.members.map((m) => [m.nickname, m.role])).toEqual([
      ['Bella 贝拉', 'owner'],
      ['Cathy 凯茜', 'member'],
      ['David 大卫', 'member'],
      ['Emma 艾玛', 'member'],
    ]);
    expect(view.poolFen).toBe(0);
    expect((await sdkError(runAs(tokenOf('alice'), 'getGroup', { groupId: group.groupId }))).code).toBe(119);
    expect((await sdkError(runAs(tokenOf('alice'), 'groupFeed', { groupId: group.groupId }))).code).toBe(119);
    expect((await sdkError(runAs(tokenOf('alice'), 'createInvite', { groupId: group.groupId }))).code).toBe(119);
    expect((await sdkError(runAs(tokenOf('alice'), 'getGroup', { groupId: 'f'.repeat(24) }))).code).toBe(101);
    expect((await sdkError(runAs(tokenOf('alice'), 'getGroup', { groupId: 'not-an-id' }))).code).toBe(142);
    const again = await sdkError(join('cathy', code));
    expect(again.code).toBe(4003);
  });

  it('refuses unknown, expired and revoked invitations with 4004', async () => {
    const group = await newGroup('ivy', '邀请测试');
    expect((await sdkError(join('fiona', 'ABCDEFGHJK'))).code).toBe(4004);
    expect((await sdkError(join('fiona', 'bad code!'))).code).toBe(142);
    const expired = await invite('ivy', group.groupId);
    await host.store.query(`update invites set expires_at = $2 where code = $1`, [expired, new Date(clock.now().getTime() - 60_000)]);
    expect((await sdkError(join('fiona', expired))).code).toBe(4004);
    expect((await sdkError(runAs(tokenOf('fiona'), 'previewInvite', { inviteCode: expired }))).code).toBe(4004);
    const revoked = await invite('ivy', group.groupId);
    expect((await sdkError(runAs(tokenOf('fiona'), 'revokeInvite', { inviteCode: revoked }))).code).toBe(119);
    await runAs(tokenOf('ivy'), 'revokeInvite', { inviteCode: revoked });
    const error = await sdkError(join('fiona', revoked));
    expect(error.code).toBe(4004);
    expect(error.message).toContain('撤销');
    expect((await runAs(tokenOf('ivy'), 'getGroup', { groupId: group.groupId })).group.memberCount).toBe(1);
  });

  it('keeps a removed member out of old invitations but lets a new one in; owner actions need the owner', async () => {
    const group = await newGroup('lily', '移除测试');
    const oldCode = await invite('lily', group.groupId);
    await join('fiona', oldCode);
    await join(extra(1), oldCode);
    const notOwner = await sdkError(
      runAs(tokenOf('fiona'), 'removeMember', { groupId: group.groupId, userId: (await runAs(tokenOf(extra(1)), 'me', {})).user.objectId }),
    );
    expect(notOwner.code).toBe(119);
    const fionaId = (await runAs(tokenOf('fiona'), 'me', {})).user.objectId;
    const after = await runAs(tokenOf('lily'), 'removeMember', { groupId: group.groupId, userId: fionaId });
    expect(after.group.memberCount).toBe(2);
    expect((await sdkError(runAs(tokenOf('fiona'), 'getGroup', { groupId: group.groupId }))).code).toBe(119);
    expect((await sdkError(join('fiona', oldCode))).code).toBe(4004);
    // An invitation issued at or before the removal keeps the removed member out; this one comes later.
    clock.advance(1);
    const newCode = await invite('lily', group.groupId);
    expect((await join('fiona', newCode)).memberCount).toBe(3);
    expect((await sdkError(runAs(tokenOf('fiona'), 'dissolveGroup', { groupId: group.groupId }))).code).toBe(119);
  });

  it('hands ownership to the longest-standing member and dissolves the group when the last one leaves', async () => {
    const group = await newGroup(extra(2), '交接测试');
    const code = await invite(extra(2), group.groupId);
    await join(extra(3), code);
    await join(extra(4), code);
    const heirId = (await runAs(tokenOf(extra(3)), 'me', {})).user.objectId;
    const left = await runAs(tokenOf(extra(2)), 'leaveGroup', { groupId: group.groupId });
    expect(left.group).toMatchObject({ ownerId: heirId, memberCount: 2 });
    const view = await runAs(tokenOf(extra(4)), 'getGroup', { groupId: group.groupId });
    expect(view.members.find((m) => m.userId === heirId)?.role).toBe('owner');
    await runAs(tokenOf(extra(4)), 'leaveGroup', { groupId: group.groupId });
    const last = await runAs(tokenOf(extra(3)), 'leaveGroup', { groupId: group.groupId });
    expect(last.group).toMatchObject({ status: 'dissolved', memberCount: 0 });
    expect((await sdkError(join(extra(5), code))).code).toBe(4004);
    const feed = await runAs(tokenOf(extra(2)), 'groupFeed', { groupId: group.groupId }).catch((e) => e);
    expect(feed.code).toBe(119);
  });

  it('lets the owner dissolve; dissolved groups leave the lists and free the creator quota', async () => {
    const group = await newGroup(extra(6), '解散测试');
    const code = await invite(extra(6), group.groupId);
    await join(extra(7), code);
    const dissolved = await runAs(tokenOf(extra(6)), 'dissolveGroup', { groupId: group.groupId });
    expect(dissolved.group.status).toBe('dissolved');
    expect((await runAs(tokenOf(extra(7)), 'listMyGroups', {})).groups.map((g) => g.groupId)).not.toContain(group.groupId);
    expect((await sdkError(join(extra(8), code))).code).toBe(4004);
    expect((await sdkError(runAs(tokenOf(extra(7)), 'leaveGroup', { groupId: group.groupId }))).code).toBe(101);
  });

  it('holds the 15-member cap when 40 users join a group of 14 at the same moment', async () => {
    const group = await newGroup(extra(10), '抢位测试');
    const code = await invite(extra(10), group.groupId);
    for (let i = 11; i <= 23; i++) await join(extra(i), code);
    expect((await runAs(tokenOf(extra(10)), 'getGroup', { groupId: group.groupId })).group.memberCount).toBe(14);
    const crowd = Array.from({ length: 40 }, (_, i) => extra(24 + i));
    const result = await outcomes(crowd.map((u) => join(u, code)));
    expect(result).toEqual({ ok: 1, '4002': 39 });
    const view = await runAs(tokenOf(extra(10)), 'getGroup', { groupId: group.groupId });
    expect(view.group.memberCount).toBe(15);
    expect(view.members).toHaveLength(15);
    const { n } = firstOf(
      await host.store.query<{ n: number }>('select count(*) as n from group_members where group_id = $1', [group.groupId]),
    );
    expect(n).toBe(15);
  });

  it('gives one membership when one user fires 10 joins at once', async () => {
    const group = await newGroup(extra(64), '重复加入');
    const code = await invite(extra(64), group.groupId);
    const result = await outcomes(Array.from({ length: 10 }, () => join(extra(65), code)));
    expect(result).toEqual({ ok: 1, '4003': 9 });
    expect((await runAs(tokenOf(extra(64)), 'getGroup', { groupId: group.groupId })).group.memberCount).toBe(2);
  });

  it('holds the 3-groups-created limit under simultaneous creates', async () => {
    const creator = extra(66);
    for (let i = 0; i < 3; i++) await newGroup(creator, `满额 ${i}`);
    const atLimit = await outcomes(
      Array.from({ length: 5 }, (_, i) => runAs(tokenOf(creator), 'createGroup', { name: `多余 ${i}`, requestId: rid() })),
    );
    expect(atLimit).toEqual({ '4008': 5 });
    const other = extra(67);
    for (let i = 0; i < 2; i++) await newGroup(other, `满额 ${i}`);
    const oneLeft = await outcomes(
      Array.from({ length: 5 }, (_, i) => runAs(tokenOf(other), 'createGroup', { name: `最后 ${i}`, requestId: rid() })),
    );
    expect(oneLeft).toEqual({ ok: 1, '4008': 4 });
    const sameRequest = rid();
    const third = extra(68);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => runAs(tokenOf(third), 'createGroup', { name: '同一个请求', requestId: sameRequest })),
    );
    expect(new Set(replies.map((r) => r.group.groupId)).size).toBe(1);
    expect((await runAs(tokenOf(third), 'listMyGroups', {})).groups).toHaveLength(1);
  });

  it('holds the 10-groups-joined limit (4008)', async () => {
    const joiner = extra(69);
    const owners = Array.from({ length: 11 }, (_, i) => extra(40 + i));
    const codes: string[] = [];
    for (const owner of owners) {
      const group = await newGroup(owner, '上限测试');
      codes.push(await invite(owner, group.groupId));
    }
    for (const code of codes.slice(0, 10)) await join(joiner, code);
    const error = await sdkError(join(joiner, at(codes, 10)));
    expect(error.code).toBe(4008);
    expect((await runAs(tokenOf(joiner), 'listMyGroups', {})).groups).toHaveLength(10);
  });

  it('records membership events in the feed, readable with a cursor', async () => {
    const group = await newGroup('emma', '动态测试');
    const code = await invite('emma', group.groupId);
    await join(extra(70), code);
    const first = await runAs(tokenOf('emma'), 'groupFeed', { groupId: group.groupId });
    expect(first.events.map((e) => e.type)).toEqual(['group_created', 'member_joined']);
    expect(at(first.events, 1).actorNickname).toBe(extra(70));
    const none = await runAs(tokenOf('emma'), 'groupFeed', { groupId: group.groupId, after: first.cursor! });
    expect(none).toEqual({ events: [], cursor: first.cursor });
    await runAs(tokenOf(extra(70)), 'leaveGroup', { groupId: group.groupId });
    const next = await runAs(tokenOf('emma'), 'groupFeed', { groupId: group.groupId, after: first.cursor! });
    expect(next.events.map((e) => e.type)).toEqual(['member_left']);
    const page = await runAs(tokenOf('emma'), 'groupFeed', { groupId: group.groupId, limit: 1 });
    expect(page.events.map((e) => e.type)).toEqual(['member_left']);
  });
});
