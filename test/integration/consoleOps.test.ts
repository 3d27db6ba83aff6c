import type { AuditEntryJson, CampaignInputJson } from '../../contract/campaigns';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { newShoppers } from '../support/shoppers';
import { sampleCampaign } from '../support/campaigns';
import { at, firstOf, leading } from '../support/at';

/**
 * What the marketer console relies on beyond the campaign lifecycle: the audit log (who, when,
 * what changed, filtered and paged), the viewer role, the dashboard's numbers (no future days,
 * per coupon and per deal, top lists) and the CSV import's Chinese genders.
 */

let host: TestHost;
let mona: string;
let nina: string;
let monaId: string;
let seq = 0;
const rid = () => `ops-req-${String(++seq).padStart(4, '0')}`;
const DAY = 86_400_000;
const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function input(overrides: Partial<CampaignInputJson> = {}): CampaignInputJson {
  const start = host.clock.now().getTime();
  // After the demo campaign's window (which contains today, +30 days), so they do not overlap.
  return { ...sampleCampaign(`ops-${++seq}`, new Date(start + 40 * DAY), new Date(start + 60 * DAY)), ...overrides };
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  initSdk(host);
  await runAsMaster('setUserRoles', { username: 'nina', roles: ['viewer'] });
  mona = await login('mona');
  nina = await login('nina');
  monaId = (await runAs(mona, 'me', {})).user.objectId;
});
afterAll(async () => {
  await host.stop();
});

describe(`the console's audit log (${testEngine()})`, () => {
  it('records before and after of campaign changes, with the changed fields computed', async () => {
    const { campaign } = await runAs(mona, 'saveCampaign', { campaign: input() });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    const edited = { ...input({ slug: campaign.slug }), campaignId: campaign.campaignId, name: '改名了' };
    edited.money = { ...edited.money, budgetFen: 600_000, split: { ...edited.money.split, dailyAt: ['12:00', '20:00'] } };
    await runAs(mona, 'saveCampaign', { campaign: edited });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    await runAs(mona, 'pauseCampaign', { campaignId: campaign.campaignId });

    const { entries } = await runAs(mona, 'listAuditLog', { campaignId: campaign.campaignId });
    expect(entries.map((e) => e.action)).toEqual([
      'campaign.pause',
      'campaign.publish',
      'campaign.save',
      'campaign.publish',
      'campaign.create',
    ]);
    for (const e of entries) expect(e).toMatchObject({ actorId: monaId, actorName: 'mona', viaMasterKey: false, kind: 'campaign' });
    const [pause, republish, save, publish] = leading(entries, 4);
    const create = at(entries, 4);
    // A creation lists every field it set, nothing before.
    expect(create.detail.before).toBeNull();
    expect(create.changes).toEqual(expect.arrayContaining([{ path: 'money.budgetFen', before: null, after: 500_000 }]));
    expect(create.changes.every((c) => c.before === null)).toBe(true);
    expect(publish.changes).toEqual(expect.arrayContaining([{ path: 'status', before: null, after: 'published' }]));
    // The draft save shows exactly what the marketer changed.
    expect(save.changes).toEqual([
      { path: 'money.budgetFen', before: 500_000, after: 600_000 },
      { path: 'money.split.dailyAt', before: ['20:00'], after: ['12:00', '20:00'] },
      { path: 'name', before: '春季小黑群', after: '改名了' },
    ]);
    // Publishing it changes the live version the same way, and numbers it.
    expect(republish.changes).toEqual(
      expect.arrayContaining([
        { path: 'money.budgetFen', before: 500_000, after: 600_000 },
        { path: 'version', before: 1, after: 2 },
      ]),
    );
    expect(pause.changes).toEqual([{ path: 'status', before: 'published', after: 'paused' }]);
    await runAs(mona, 'endCampaign', { campaignId: campaign.campaignId });
  });

  it('records what the master key does: roles, imports, splits, the grand prize, the catalog', async () => {
    const before = (await runAsMaster('listAuditLog', { limit: 1 })).entries;
    const since = Number(at(before, 0).auditId);
    await runAsMaster('setUserRoles', { username: 'oscar', roles: ['viewer', 'marketer'] });
    await runAsMaster('setUserRoles', { username: 'oscar', roles: [] });
    await runAsMaster('importUsers', { users: [{ username: 'ops_imported', gender: 'female', taoqi: 100, roles: ['viewer'] }] });
    const page = await runAs(undefined, 'getCampaignPage', {});
    await runAsMaster('commitGrandPrize', { campaignId: page.campaignId });
    await runAsMaster('runPoolSplit', { slot: host.clock.now().toISOString() });
    await runAsMaster('importProducts', { format: 'json', data: [] });

    const { entries } = await runAsMaster('listAuditLog', { viaMasterKey: true, limit: 20 });
    const recent = entries.filter((e) => Number(e.auditId) > since);
    expect(recent.map((e) => e.action)).toEqual([
      'product.import',
      'split.run',
      'grand_prize.commit',
      'user.import',
      'user.roles',
      'user.roles',
    ]);
    for (const e of recent) expect(e.viaMasterKey).toBe(true);
    const [revoke, grant] = leading(
      recent.filter((e) => e.action === 'user.roles'),
      2,
    );
    expect(grant.changes).toEqual([{ path: 'roles', before: [], after: ['marketer', 'viewer'] }]);
    expect(revoke.changes).toEqual([{ path: 'roles', before: ['marketer', 'viewer'], after: [] }]);
    const imported = recent.find((e) => e.action === 'user.import')!;
    expect(imported.changes).toEqual(expect.arrayContaining([{ path: 'ops_imported.roles', before: null, after: ['viewer'] }]));
    const split = recent.find((e) => e.action === 'split.run')!;
    expect(split).toMatchObject({ campaignId: page.campaignId, kind: 'split' });
    // The new viewer may log in and read the dashboard.
    expect(
      (await runAsMaster('importUsers', { users: [{ username: 'ops_imported', password: 'pass1234', gender: 'female', taoqi: 100 }] }))
        .updated,
    ).toBe(1);
    const viewer = await login('ops_imported', 'pass1234');
    expect((await runAs(viewer, 'campaignStats', { campaignId: page.campaignId })).campaignId).toBe(page.campaignId);
  });

  it('filters by campaign, actor, kind and action, and pages without gaps or repeats', async () => {
    const all: AuditEntryJson[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await runAs(nina, 'listAuditLog', { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      all.push(...page.entries);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    const ids = all.map((e) => Number(e.auditId));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const whole = await runAs(nina, 'listAuditLog', { limit: 200 });
    expect(whole.nextCursor).toBeNull();
    expect(whole.entries.map((e) => e.auditId)).toEqual(all.map((e) => e.auditId));

    const byMona = await runAs(nina, 'listAuditLog', { actorId: monaId, limit: 200 });
    expect(byMona.entries.length).toBeGreaterThan(0);
    expect(byMona.entries).toEqual(all.filter((e) => e.actorId === monaId));
    const campaignKind = await runAs(nina, 'listAuditLog', { kind: 'campaign', limit: 200 });
    expect(campaignKind.entries).toEqual(all.filter((e) => e.kind === 'campaign'));
    const publishes = await runAs(nina, 'listAuditLog', { kind: 'campaign.publish', limit: 200 });
    expect(publishes.entries.length).toBeGreaterThan(0);
    expect(publishes.entries).toEqual(all.filter((e) => e.action === 'campaign.publish'));
    const campaignId = firstOf(publishes.entries).campaignId!;
    const oneCampaign = await runAs(nina, 'listAuditLog', { campaignId, kind: 'campaign', limit: 200 });
    expect(oneCampaign.entries).toEqual(all.filter((e) => e.campaignId === campaignId && e.kind === 'campaign'));
    const notMaster = await runAs(nina, 'listAuditLog', { viaMasterKey: false, limit: 200 });
    expect(notMaster.entries).toEqual(all.filter((e) => !e.viaMasterKey));

    for (const params of [{ cursor: 'abc' }, { kind: 'DROP TABLE' }, { limit: 0 }, { actorId: 'mona' }]) {
      const error = await sdkError(runAs(nina, 'listAuditLog', params));
      expect({ params, code: error.code }).toEqual({ params, code: 142 });
      expect(error.message).toContain(Object.keys(params)[0]!);
    }
  });

  it('lets a viewer read but change nothing, and only the master key grant roles', async () => {
    const { campaigns } = await runAs(nina, 'listCampaigns', {});
    const campaignId = firstOf(campaigns).campaignId;
    expect((await runAs(nina, 'getCampaign', { campaignId })).campaign.campaignId).toBe(campaignId);
    for (const [name, params] of [
      ['saveCampaign', { campaign: input() }],
      ['publishCampaign', { campaignId }],
      ['pauseCampaign', { campaignId }],
      ['importUsersCsv', { csv: 'username,gender,taoqi\nops_v1,female,1' }],
      ['setUserRoles', { username: 'nina', roles: ['marketer'] }],
    ] as const) {
      const answer = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params, session: nina });
      expect({ name, status: answer.status, code: answer.body.code }).toEqual({ name, status: 403, code: 119 });
    }
    const granting = await rawRequest(host, 'POST', '/1.1/functions/setUserRoles', {
      body: { username: 'nina', roles: ['marketer'] },
      session: mona,
    });
    expect(granting).toMatchObject({ status: 403, body: { code: 119 } });
    expect((await runAs(nina, 'me', {})).user.roles).toEqual(['viewer']);
  });
});

describe(`the console's dashboard numbers (${testEngine()})`, () => {
  it('shows days up to today only, the rest of the window as plan, and per-coupon, per-deal and top numbers', async () => {
    const page = await runAs(undefined, 'getCampaignPage', {});
    const campaignId = page.campaignId;
    const before = await runAs(nina, 'campaignStats', { campaignId });

    // A group shares and a groupmate buys through the share; a coupon is claimed; a group buy fills.
    const members = await newShoppers('ops', 4);
    const [owner, buyer] = leading(members, 2);
    const { group } = await runAs(owner.token, 'createGroup', { name: '看板测试', requestId: rid() });
    const { inviteCode } = await runAs(owner.token, 'createInvite', { groupId: group.groupId });
    for (const m of members.slice(1)) await runAs(m.token, 'joinGroup', { inviteCode });
    const product = firstOf(await host.store.query<{ id: string }>('select id from products order by id desc limit 1'));
    const { item } = await runAs(owner.token, 'addWishlistItem', { groupId: group.groupId, productId: product.id, requestId: rid() });
    for (const m of [owner, buyer]) await runAs(m.token, 'shareItem', { groupId: group.groupId, itemId: item.itemId, requestId: rid() });
    const shares = await host.store.query<{ id: string }>('select id from item_shares where group_id = $1', [group.groupId]);
    await runAs(at(members, 2).token, 'simulateCheckout', {
      lines: [{ productId: product.id, qty: 1, shareId: firstOf(shares).id }],
      requestId: rid(),
    });
    const { coupons } = await runAs(owner.token, 'listCoupons', {});
    const coupon = firstOf(coupons);
    await runAs(owner.token, 'claimCoupon', { templateId: coupon.templateId, requestId: rid() });
    await runAs(buyer.token, 'claimCoupon', { templateId: coupon.templateId, requestId: rid() });
    const { deals } = await runAs(owner.token, 'listDeals', {});
    const deal = [...deals].sort((a, b) => a.size - b.size)[0]!;
    const { groupBuy } = await runAs(owner.token, 'openGroupBuy', { dealId: deal.dealId, requestId: rid() });
    const joiners = await newShoppers('ops_gb', deal.size - 1);
    for (const j of joiners) await runAs(j.token, 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() });
    const filled = (await runAs(owner.token, 'getGroupBuy', { groupBuyId: groupBuy.groupBuyId })).groupBuy;
    expect(filled.status).toBe('succeeded');
    const gmvFen = filled.members.reduce((sum, m) => sum + m.paidFen, 0);

    const stats = await runAs(nina, 'campaignStats', { campaignId });
    // Today is the last day with numbers; the window's remaining days carry only the plan.
    expect(stats.today).toBe('2025-11-05');
    expect(stats.asOf).toBe(host.clock.now().toISOString());
    expect(at(stats.daily, stats.daily.length - 1).date).toBe(stats.today);
    expect(stats.planned.length).toBeGreaterThan(20);
    expect(firstOf(stats.planned).date > stats.today).toBe(true);
    expect(at(stats.planned, stats.planned.length - 1).budgetPlanFen).toBe(stats.totals.budgetFen);
    const planDays = [...stats.daily.map((d) => d.budgetPlanFen), ...stats.planned.map((d) => d.budgetPlanFen)];
    expect([...planDays].sort((a, b) => a - b)).toEqual(planDays);
    expect(stats.totals.shares - before.totals.shares).toBe(2);
    expect(at(stats.daily, stats.daily.length - 1).shares - at(before.daily, before.daily.length - 1).shares).toBe(2);

    const couponRow = stats.coupons.find((c) => c.templateId === coupon.templateId)!;
    const couponBefore = before.coupons.find((c) => c.templateId === coupon.templateId)!;
    expect(couponRow.claimed - couponBefore.claimed).toBe(2);
    expect(couponRow.stockTotal - couponRow.stockLeft).toBe(couponRow.claimed);
    // A coupon used in an order counts as used (an order placed through a pooled order marks it).
    await host.store.query(
      `update user_coupons set status = 'used', used_at = $2 where id = (select id from user_coupons where template_id = $1 limit 1)`,
      [coupon.templateId, host.clock.now()],
    );
    const dealRow = stats.deals.find((d) => d.dealId === deal.dealId)!;
    const dealBefore = before.deals.find((d) => d.dealId === deal.dealId)!;
    expect({
      opened: dealRow.opened - dealBefore.opened,
      succeeded: dealRow.succeeded - dealBefore.succeeded,
      failed: dealRow.failed - dealBefore.failed,
      gmvFen: dealRow.gmvFen - dealBefore.gmvFen,
    }).toEqual({ opened: 1, succeeded: 1, failed: 0, gmvFen });
    expect(dealRow).toMatchObject({ size: deal.size, groupPriceFen: deal.groupPriceFen, title: deal.product.title });

    expect(stats.topGroups).toContainEqual({
      groupId: group.groupId,
      name: '看板测试',
      memberCount: 4,
      shares: 2,
      purchasesThroughShares: 1,
    });
    expect(stats.topSharedProducts.find((p) => p.productId === product.id)).toMatchObject({ shares: 2, purchasesThroughShares: 1 });
    expect(stats.topGroups.length).toBeLessThanOrEqual(10);

    const after = await runAs(nina, 'campaignStats', { campaignId });
    const used = after.coupons.find((c) => c.templateId === coupon.templateId)!;
    expect(used.used - couponRow.used).toBe(1);
  });

  it('shows no day of a campaign that has not started, and the whole plan', async () => {
    const { campaign } = await runAs(mona, 'saveCampaign', { campaign: input() });
    const stats = await runAs(mona, 'campaignStats', { campaignId: campaign.campaignId });
    expect(stats.daily).toEqual([]);
    // 20 × 24 h from 10:00 local touch 21 local days.
    expect(stats.planned.map((d) => d.date)).toEqual(Array.from({ length: 21 }, (_, i) => dayAfter('2025-12-15', i)));
    expect(at(stats.planned, 20).budgetPlanFen).toBe(500_000);
    await runAs(mona, 'endCampaign', { campaignId: campaign.campaignId });
    // Ended, nothing is planned any more.
    expect((await runAs(mona, 'campaignStats', { campaignId: campaign.campaignId })).planned).toEqual([]);
  });
});

describe(`the CSV user import (${testEngine()})`, () => {
  it('takes 男 and 女 (and the English words) for gender', async () => {
    const csv = ['username,gender,taoqi', 'ops_nv,女,650', 'ops_nan,男,10', 'ops_f,female,700', 'ops_u,unknown,1', 'ops_bad,女生,1'].join(
      '\n',
    );
    const report = await runAs(mona, 'importUsersCsv', { csv });
    expect(report.created).toBe(4);
    expect(report.rejected.map((r) => [r.row, r.username])).toEqual([[5, 'ops_bad']]);
    const rows = await host.store.query<{ username: string; gender: string }>(
      'select username, gender from users where username = any($1::text[]) order by username',
      [['ops_nv', 'ops_nan', 'ops_f', 'ops_u', 'ops_bad']],
    );
    expect(rows).toEqual([
      { username: 'ops_f', gender: 'female' },
      { username: 'ops_nan', gender: 'male' },
      { username: 'ops_nv', gender: 'female' },
      { username: 'ops_u', gender: 'unknown' },
    ]);
  });
});
