import type { CampaignInputJson } from '../../contract/campaigns';
import { budgetLeftFen } from '../../cloud/store/ledger';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { at, firstOf } from '../support/at';
import { sampleCampaign } from '../support/campaigns';

let host: TestHost;
let mona: string;
let alice: string;
let seq = 0;
const rid = () => `camp-req-${String(++seq).padStart(4, '0')}`;

const hour = 3600_000;
function input(overrides: Partial<CampaignInputJson> = {}): CampaignInputJson {
  const start = host.clock.now().getTime();
  // After the demo campaign's window (which contains today, +30 days), so they do not overlap.
  return { ...sampleCampaign(`spring-${++seq}`, new Date(start + 40 * 24 * hour), new Date(start + 60 * 24 * hour)), ...overrides };
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  initSdk(host);
  mona = await login('mona');
  alice = await login('alice');
});
afterAll(async () => {
  await host.stop();
});

describe(`campaigns through the real SDK (${testEngine()})`, () => {
  it('keeps campaign functions to marketers and the master key', async () => {
    expect((await sdkError(runAs(alice, 'listCampaigns', {}))).code).toBe(119);
    expect(await rawRequest(host, 'POST', '/1.1/functions/listCampaigns', { body: {} })).toMatchObject({
      status: 401,
      body: { code: 206 },
    });
    expect((await runAs(mona, 'listCampaigns', {})).campaigns.length).toBeGreaterThanOrEqual(1);
    expect((await runAsMaster('listCampaigns', {})).campaigns.length).toBeGreaterThanOrEqual(1);
    expect((await sdkError(runAs(mona, 'setUserRoles', { username: 'alice', roles: ['marketer'] }))).code).toBe(119);
  });

  it('explains validation failures in a marketer’s words', async () => {
    const cases: Array<[Partial<CampaignInputJson>, string]> = [
      [{ endsAt: new Date(host.clock.now().getTime() + 30 * 24 * hour).toISOString() }, '结束时间早于开始时间'],
      [{ money: { ...input().money, shareReward: { ...input().money.shareReward, probability: 1.5 } } }, 'probability'],
      [
        { money: { ...input().money, grandPrize: { budgetFen: 1000, winners: 1, capFen: 5_000_000 } } },
        '大奖预算不足以支付一名中奖者的大奖上限',
      ],
      [
        { startsAt: host.clock.now().toISOString(), endsAt: new Date(host.clock.now().getTime() + 10 * 24 * hour).toISOString() },
        '两个活动不能同时进行',
      ],
      [{ slug: 'Bad Slug' }, 'slug'],
    ];
    for (const [change, text] of cases) {
      const error = await sdkError(runAs(mona, 'saveCampaign', { campaign: input(change) }));
      expect(error.code).toBe(142);
      expect(error.message).toContain(text);
    }
  });

  it('moves draft → published → paused → running → ended, with an audit entry per change', async () => {
    const { campaign: draft } = await runAs(mona, 'saveCampaign', { campaign: input() });
    expect(draft).toMatchObject({ status: 'draft', version: 0 });
    expect((await sdkError(runAs(undefined, 'getCampaignPage', { slug: draft.slug }))).code).toBe(101);
    const { campaign: published } = await runAs(mona, 'publishCampaign', { campaignId: draft.campaignId });
    expect(published).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false });
    const page = await runAs(undefined, 'getCampaignPage', { slug: draft.slug });
    expect(page).toMatchObject({ name: '春季小黑群', running: false, page: { title: '春天一起买' } });

    // Editing a published campaign makes a draft; the published version does not change.
    const edited = await runAs(mona, 'saveCampaign', {
      campaign: { ...input({ slug: draft.slug }), campaignId: draft.campaignId, name: '春季小黑群·改' },
    });
    expect(edited.campaign).toMatchObject({ name: '春季小黑群·改', version: 1, hasUnpublishedChanges: true });
    expect((await runAs(undefined, 'getCampaignPage', { slug: draft.slug })).name).toBe('春季小黑群');
    const both = await runAs(mona, 'getCampaign', { campaignId: draft.campaignId });
    expect(both.published?.name).toBe('春季小黑群');
    const republished = await runAs(mona, 'publishCampaign', { campaignId: draft.campaignId });
    expect(republished.campaign).toMatchObject({ version: 2, name: '春季小黑群·改' });
    const versions = await host.store.query<{ version: number; name: string }>(
      `select version, snapshot->>'name' as name from campaign_versions where campaign_id = $1 order by version`,
      [draft.campaignId],
    );
    expect(versions).toEqual([
      { version: 1, name: '春季小黑群' },
      { version: 2, name: '春季小黑群·改' },
    ]);

    expect((await runAs(mona, 'pauseCampaign', { campaignId: draft.campaignId })).campaign.status).toBe('paused');
    expect((await runAs(mona, 'resumeCampaign', { campaignId: draft.campaignId })).campaign.status).toBe('published');
    expect((await runAs(mona, 'endCampaign', { campaignId: draft.campaignId })).campaign.status).toBe('ended');
    expect((await sdkError(runAs(mona, 'resumeCampaign', { campaignId: draft.campaignId }))).code).toBe(4006);
    expect(
      (await sdkError(runAs(mona, 'saveCampaign', { campaign: { ...input({ slug: draft.slug }), campaignId: draft.campaignId } }))).code,
    ).toBe(4006);

    const { entries } = await runAs(mona, 'listAuditLog', { campaignId: draft.campaignId });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'campaign.create',
      'campaign.publish',
      'campaign.save',
      'campaign.publish',
      'campaign.pause',
      'campaign.resume',
      'campaign.end',
    ]);
    expect(entries.every((e) => e.actorName === 'mona')).toBe(true);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
  });

  it('funds the budget on publish and refuses to withdraw money already paid out', async () => {
    const { campaign } = await runAs(mona, 'saveCampaign', { campaign: input() });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    const balance = () => budgetLeftFen(host.store, campaign.campaignId);
    expect(await balance()).toBe(500_000);
    await runAs(mona, 'saveCampaign', {
      campaign: { ...input({ slug: campaign.slug }), campaignId: campaign.campaignId, money: { ...input().money, budgetFen: 800_000 } },
    });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    expect(await balance()).toBe(800_000);
    await runAs(mona, 'saveCampaign', {
      campaign: { ...input({ slug: campaign.slug }), campaignId: campaign.campaignId, money: { ...input().money, budgetFen: 300_000 } },
    });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    expect(await balance()).toBe(300_000);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true });
    await runAs(mona, 'endCampaign', { campaignId: campaign.campaignId });
  });

  it('imports users from CSV with a per-row report, and roles only with the master key', async () => {
    const csv = [
      'username,gender,taoqi,roles,nickname',
      'csv_amy,female,650,,Amy',
      'x,female,650,,',
      'csv_bob,male,abc,,',
      'csv_cat,female,700,marketer,Cat',
      'csv_amy,female,1,,dup',
    ].join('\n');
    const byMarketer = await runAs(mona, 'importUsersCsv', { csv });
    expect(byMarketer).toMatchObject({ created: 1, updated: 0 });
    expect(byMarketer.rejected.map((r) => [r.row, r.reason.split(' ')[0]])).toEqual([
      [2, 'username'],
      [3, 'taoqi'],
      [4, 'roles'],
      [5, 'username'],
    ]);
    const byMaster = await runAsMaster('importUsersCsv', { csv: 'username,gender,taoqi,roles\ncsv_cat,female,700,marketer' });
    expect(byMaster).toMatchObject({ created: 1, rejected: [] });
    expect((await sdkError(runAs(mona, 'importUsersCsv', { csv: 'name,sex\na,b' }))).code).toBe(142);
    const granted = await runAsMaster('setUserRoles', { username: 'csv_amy', roles: ['marketer'] });
    expect(granted.roles).toEqual(['marketer']);
  });

  it('shows the running campaign page to anyone, and stats that match the events behind them', async () => {
    const page = await runAs(undefined, 'getCampaignPage', {});
    expect(page.running).toBe(true);
    expect(page.nextSplitAt).not.toBeNull();
    const before = await runAs(mona, 'campaignStats', { campaignId: page.campaignId });
    // A group of four with a share and a purchase through it.
    const tokens = await Promise.all(['bella', 'cathy', 'david', 'emma'].map((n) => login(n)));
    const { group } = await runAs(tokens[0], 'createGroup', { name: '统计测试', requestId: rid() });
    const { inviteCode } = await runAs(tokens[0], 'createInvite', { groupId: group.groupId });
    for (const t of tokens.slice(1)) await runAs(t, 'joinGroup', { inviteCode });
    const product = firstOf(await host.store.query<{ id: string }>('select id from products order by id limit 1'));
    const { item } = await runAs(tokens[0], 'addWishlistItem', { groupId: group.groupId, productId: product.id, requestId: rid() });
    const { share } = await runAs(tokens[0], 'shareItem', { groupId: group.groupId, itemId: item.itemId, requestId: rid() });
    await runAs(tokens[1], 'wantItem', { itemId: item.itemId, on: true });
    await runAs(tokens[2], 'simulateCheckout', { lines: [{ productId: product.id, qty: 1, shareId: share.shareId }], requestId: rid() });

    const after = await runAs(mona, 'campaignStats', { campaignId: page.campaignId });
    expect(after.totals.groupsCreated - before.totals.groupsCreated).toBe(1);
    expect(after.totals.groupsActive - before.totals.groupsActive).toBe(1);
    expect(after.totals.shares - before.totals.shares).toBe(1);
    expect(after.totals.sharesWithResponse - before.totals.sharesWithResponse).toBe(1);
    expect(after.totals.purchasesThroughShares - before.totals.purchasesThroughShares).toBe(1);
    expect(after.totals.redPacketsIssued - before.totals.redPacketsIssued).toBeGreaterThanOrEqual(1);
    expect(after.totals.budgetSpentFen).toBe(after.totals.budgetFen - (await budgetLeftFen(host.store, page.campaignId)));
    const today = after.daily.find((d) => d.shares > 0);
    expect(today).toBeDefined();
    // The plan reaches the whole budget on the last day of the window (a day still to come: plan only).
    expect(at(after.planned, after.planned.length - 1).budgetPlanFen).toBe(after.totals.budgetFen);
    expect(after.daily.every((d) => d.date <= after.today)).toBe(true);
    expect(after.funnel).toMatchObject({ benchmarkShareRate: 0.41, benchmarkResponseRate: 0.68 });
    expect(after.funnel.responseRate).toBeGreaterThan(0);
  });
});
