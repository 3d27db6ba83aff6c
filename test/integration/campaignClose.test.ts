import { runDueSplits } from '../../cloud/jobs/scheduler';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { testEngine } from '../support/database';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';
import { newShoppers } from '../support/shoppers';
import { sampleCampaign } from '../support/campaigns';
import { seeded } from '../support/seeded';
import { at, firstOf, leading } from '../support/at';

/**
 * Ending a campaign before its planned end closes it then: the final split falls at that moment
 * (once), the settlement split a refund window later, and the grand prize can be drawn at once.
 */

let host: TestHost;
const clock = fixedClock();
let mona: string;
let seq = 0;
const rid = () => `close-req-${String(++seq).padStart(4, '0')}`;
const DAY = 86_400_000;

const splitsAt = (slot: Date) =>
  host.store.query<{ group_id: string; total_fen: number }>('select group_id, total_fen from splits where slot = $1 order by group_id', [
    slot,
  ]);
const poolsFen = async () =>
  Number(
    firstOf(
      await host.store.query<{ total: number }>(`select coalesce(sum(balance_fen), 0)::bigint as total from accounts where kind = 'pool'`),
    ).total,
  );

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, random: seeded(7) });
  initSdk(host);
  // Certain share draws make the amounts below deterministic.
  await host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '1')`);
  mona = await login('mona');
});
afterAll(async () => {
  await host.stop();
});

describe(`ending a campaign early closes it (${testEngine()})`, () => {
  it('splits the pools once at the moment it ended, settles later, and lets the grand prize be drawn right away', async () => {
    const deps = host.host.deps;
    // The demo campaign began a week ago: its past daily slots are split first, while the pools are empty.
    await runDueSplits(deps);
    const page = await runAs(undefined, 'getCampaignPage', {});
    const campaignId = page.campaignId;
    const plannedEnd = new Date(page.endsAt);

    // An active group: the owner shares (a packet into the pool), a groupmate buys through the share
    // (a purchase packet pending for the refund window) and lists a Double 11 item (eligible for the prize).
    const members = await newShoppers('close', 4);
    const [owner, buyer] = leading(members, 2);
    const { group } = await runAs(owner.token, 'createGroup', { name: '提前结束测试', requestId: rid() });
    const { inviteCode } = await runAs(owner.token, 'createInvite', { groupId: group.groupId });
    for (const m of members.slice(1)) await runAs(m.token, 'joinGroup', { inviteCode });
    const [product, listed] = leading(await host.store.query<{ id: string }>('select id from products order by id limit 2'), 2);
    const { item } = await runAs(owner.token, 'addWishlistItem', { groupId: group.groupId, productId: product.id, requestId: rid() });
    const shared = await runAs(owner.token, 'shareItem', { groupId: group.groupId, itemId: item.itemId, requestId: rid() });
    const shareFen = shared.redPacket!.amountFen;
    const bought = await runAs(buyer.token, 'simulateCheckout', {
      lines: [{ productId: product.id, qty: 1, shareId: shared.share.shareId }],
      requestId: rid(),
    });
    const purchaseFen = at(bought.redPackets, 0).amountFen;
    await runAs(buyer.token, 'addWishlistItem', { groupId: group.groupId, productId: listed.id, list: 'double11', requestId: rid() });
    await runAsMaster('commitGrandPrize', { campaignId });
    // Before the end the draw waits for the planned close.
    expect((await sdkError(runAsMaster('drawGrandPrize', { campaignId }))).code).toBe(4006);

    // The console's confirmation: what ending now does.
    clock.advance(60_000);
    const endedAt = clock.now();
    const preview = await runAs(mona, 'previewEndCampaign', { campaignId });
    expect(preview.campaign.status).toBe('published');
    expect(preview.closing).toMatchObject({
      endsAt: plannedEnd.toISOString(),
      closesAt: endedAt.toISOString(),
      early: true,
      finalSplit: { at: endedAt.toISOString(), poolFen: await poolsFen() },
      settlementSplit: { at: new Date(endedAt.getTime() + 7 * DAY).toISOString(), pendingFen: purchaseFen },
      grandPrize: { committed: true, drawn: false, drawableFrom: endedAt.toISOString(), eligible: 1 },
    });
    expect(preview.closing.finalSplit!.groupsWithMoney).toBeGreaterThanOrEqual(1);
    expect(preview.closing.finalSplit!.poolFen).toBeGreaterThanOrEqual(shareFen);
    // A viewer may not end a campaign, nor preview it.
    await runAsMaster('setUserRoles', { username: 'nina', roles: ['viewer'] });
    const nina = await login('nina');
    for (const name of ['previewEndCampaign', 'endCampaign']) {
      const refused = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: { campaignId }, session: nina });
      expect({ name, status: refused.status, code: refused.body.code }).toEqual({ name, status: 403, code: 119 });
    }

    const ended = await runAs(mona, 'endCampaign', { campaignId });
    expect(ended.campaign).toMatchObject({ status: 'ended', endedAt: endedAt.toISOString(), endsAt: plannedEnd.toISOString() });
    expect(ended.closing).toEqual({ ...preview.closing, budgetLeftFen: ended.closing.budgetLeftFen });

    // The grand prize right after ending, once: the buyer is the only eligible shopper.
    const drawn = await runAsMaster('drawGrandPrize', { campaignId });
    expect(drawn.eligible!.map((e) => e.userId)).toEqual([buyer.userId]);
    expect(at(drawn.winners!, 0)).toMatchObject({ userId: buyer.userId });
    const prizeFen = at(drawn.winners!, 0).paidFen;
    expect(prizeFen).toBeGreaterThan(0);
    expect((await runAsMaster('drawGrandPrize', { campaignId })).winners).toEqual(drawn.winners);

    // The final split falls at the moment of the end, exactly once, whoever runs the scheduler and how often.
    const poolBefore = await poolsFen();
    expect(await runDueSplits(deps)).toBe(1);
    expect(await runDueSplits(deps)).toBe(0);
    const finalSplits = await splitsAt(endedAt);
    expect(finalSplits.find((s) => s.group_id === group.groupId)).toEqual({ group_id: group.groupId, total_fen: shareFen });
    expect(finalSplits.reduce((sum, s) => sum + Number(s.total_fen), 0)).toBe(poolBefore - (await poolsFen()));
    expect((await runAs(owner.token, 'groupPool', { groupId: group.groupId })).poolFen).toBe(0);
    // The operator asking for the same slot again splits nothing more.
    expect(await runAsMaster('runPoolSplit', { slot: endedAt.toISOString() })).toEqual({
      slot: endedAt.toISOString(),
      groupsSplit: 0,
      totalFen: 0,
    });

    // No daily split after the end: the planned 20:00 slots are gone.
    clock.advance(DAY);
    expect(await runDueSplits(deps)).toBe(0);
    const later = await host.store.query<{ n: number }>('select count(*)::int as n from splits where slot > $1 and slot < $2', [
      endedAt,
      new Date(endedAt.getTime() + 7 * DAY),
    ]);
    expect(firstOf(later).n).toBe(0);

    // The settlement split a refund window after the end pays the purchase packet, once.
    clock.set(new Date(endedAt.getTime() + 7 * DAY + 1000));
    expect(await runDueSplits(deps)).toBe(1);
    expect(await runDueSplits(deps)).toBe(0);
    const settlement = await splitsAt(new Date(endedAt.getTime() + 7 * DAY));
    expect(settlement).toEqual([{ group_id: group.groupId, total_fen: purchaseFen }]);

    // Every member's wallet got its share of each split, and the buyer the prize, each once.
    const wallets = await Promise.all(members.map((m) => runAs(m.token, 'myWallet', {})));
    const splitFen = wallets.flatMap((w) => w.entries.filter((e) => e.kind === 'split')).reduce((sum, e) => sum + e.amountFen, 0);
    expect(splitFen).toBe(shareFen + purchaseFen);
    expect(at(wallets, 1).entries.filter((e) => e.kind === 'grand_prize')).toEqual([expect.objectContaining({ amountFen: prizeFen })]);
    expect(await runAsMaster('ledgerCheck', {})).toMatchObject({ balanced: true, sumFen: 0, unbalancedTransactions: 0 });

    // The audit log tells it: the end by mona (status and endedAt before → after), the prize by the
    // master key, the splits by the scheduler.
    const { entries } = await runAs(mona, 'listAuditLog', { campaignId, limit: 20 });
    const end = entries.find((e) => e.action === 'campaign.end')!;
    expect(end).toMatchObject({ actorName: 'mona', viaMasterKey: false, kind: 'campaign' });
    expect(end.changes).toEqual(
      expect.arrayContaining([
        { path: 'status', before: 'published', after: 'ended' },
        { path: 'endedAt', before: null, after: endedAt.toISOString() },
      ]),
    );
    const draw = entries.find((e) => e.action === 'grand_prize.draw')!;
    expect(draw).toMatchObject({ viaMasterKey: true });
    expect(draw.changes).toEqual(expect.arrayContaining([{ path: 'paidFen', before: null, after: prizeFen }]));
    const splitRuns = entries.filter((e) => e.action === 'split.run' && e.detail.slot === endedAt.toISOString());
    // Newest first: the operator's repeat (which split nothing), then the scheduler's run.
    expect(splitRuns.map((e) => [e.viaMasterKey, e.actorName === 'scheduler', e.detail.final])).toEqual([
      [true, false, true],
      [false, true, true],
    ]);
  });

  it('gives a campaign ended before it started no split at all, and keeps the first end', async () => {
    // A campaign of mona's a little ahead, published and ended before it starts: it never ran.
    const start = new Date(clock.now().getTime() + 40 * DAY);
    const { campaign } = await runAs(mona, 'saveCampaign', {
      campaign: sampleCampaign(`close-${++seq}`, start, new Date(start.getTime() + 10 * DAY)),
    });
    await runAs(mona, 'publishCampaign', { campaignId: campaign.campaignId });
    const ended = await runAs(mona, 'endCampaign', { campaignId: campaign.campaignId });
    expect(ended.closing).toMatchObject({ early: true, finalSplit: null, settlementSplit: null });
    expect(await runDueSplits(host.host.deps)).toBe(0);
    // Ending again is no change: the first end stands.
    const again = await runAs(mona, 'endCampaign', { campaignId: campaign.campaignId });
    expect(again.campaign.endedAt).toBe(ended.campaign.endedAt);
  });
});
