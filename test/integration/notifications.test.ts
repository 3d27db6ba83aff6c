/**
 * The message centre and WeChat subscribe messages on the engine under test: every kind of notice
 * is written once per event, in the event's transaction (a split, a purchase packet reserved and
 * unlocked, a group buy succeeding or failing, a pooled order closing soon and placed, a removal);
 * the unread count and marking read; the outbox sent after the commit through the loopback WeChat
 * fake, retried with backoff, with the access token fetched again when WeChat says it is invalid,
 * and a failing WeChat never blocking the event itself.
 */
import type { NotificationJson, NotificationKind } from '../../contract/notifications';
import { runCommerceExpiry } from '../../cloud/jobs/groupBuyExpiry';
import { runNotificationJob } from '../../cloud/jobs/notifications';
import { outboxOf } from '../../cloud/store/notifications';
import { runPoolSplit } from '../../cloud/workflows/poolSplit';
import { OUTBOX_BASE_BACKOFF_MS } from '../../cloud/workflows/notificationOutbox';
import { at, firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { demoPayer, packetGroup, rewardEveryShare, shareAndSplit, weappPayer, type PacketGroup, type Payer } from '../support/payers';
import { initSdk, runAs, sdkError } from '../support/sdk';

jest.setTimeout(120_000);

const clock = fixedClock(new Date());
const PACKET_FEN = 1_200;
const TEMPLATES = 'money:tmpl-money,group_buy:tmpl-gb,pooled_order:tmpl-po,group:tmpl-group';
let host: TestHost;
let sdk: ReturnType<typeof initSdk>;
let seq = 0;
const rid = () => `notify-${Date.now()}-${++seq}`;

let wx1: Payer;
let wx2: Payer;
let alice: Payer;
let bella: Payer;
let group: PacketGroup;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, subscribeTemplates: TEMPLATES });
  sdk = initSdk(host);
  await rewardEveryShare(host, PACKET_FEN);
  alice = await demoPayer('alice');
  bella = await demoPayer('bella');
  wx1 = await weappPayer(host, sdk, 'wx1');
  wx2 = await weappPayer(host, sdk, 'wx2');
  group = await packetGroup(alice, [wx1, wx2, bella]);
}, 240_000);

afterAll(async () => {
  await host?.stop();
});

async function notices(payer: Payer, kind?: NotificationKind): Promise<NotificationJson[]> {
  const { notifications } = await runAs(payer.token, 'myNotifications', { limit: 50 });
  return kind ? notifications.filter((n) => n.kind === kind) : notifications;
}

/** One run of the notices' job in a check period of its own (each period runs once, under its lease). */
async function runJob() {
  clock.advance(host.config.jobs.checkMs);
  const outcome = await runNotificationJob(host.host.deps);
  if (!outcome.ran) throw new Error('the notifications job did not run');
  return outcome.result;
}

async function outboxRows(userId: string) {
  return host.store.query<{ notification_id: string; status: string; attempts: number; template_id: string }>(
    'select notification_id, status, attempts, template_id from notification_outbox where user_id = $1 order by created_at, notification_id',
    [userId],
  );
}

describe(`notifications (${testEngine()})`, () => {
  it('tells every member a split paid once, counts them unread, and queues a message only for an accepted topic', async () => {
    const templates = await runAs(wx1.token, 'subscribeTemplates', {});
    expect(templates.provider).toBe('weapp');
    expect(templates.templates).toContainEqual({ topic: 'money', templateId: 'tmpl-money' });
    const accepted = await runAs(wx1.token, 'acceptSubscriptions', {
      templateIds: ['tmpl-money', 'tmpl-gb', 'not-ours'],
      results: { 'tmpl-money': 'accept', 'tmpl-gb': 'reject', 'not-ours': 'accept' },
    });
    expect(accepted.accepted).toEqual(['money']);

    const each = await shareAndSplit(host, group, () => clock.advance(1_000));
    // The same slot again: nothing more split, nobody told twice.
    await runPoolSplit(host.store, clock.now(), { now: clock.now(), random: Math.random });
    for (const member of [alice, wx1, wx2, bella]) {
      const split = await notices(member, 'split_paid');
      expect(split).toHaveLength(1);
      expect(firstOf(split)).toMatchObject({
        kind: 'split_paid',
        payload: { groupId: group.groupId, groupName: '红包群', amountFen: each },
        readAt: null,
      });
      expect((await runAs(member.token, 'unreadCount', {})).unreadCount).toBe(1);
    }
    expect(await outboxRows(wx1.userId)).toMatchObject([{ status: 'pending', attempts: 0, template_id: 'tmpl-money' }]);
    expect(await outboxRows(wx2.userId)).toEqual([]);
  });

  it('sends after the commit, retries a failed send later, and gives up a refused one', async () => {
    const fake = host.fakeWeixin;
    fake.failSends(1, -1, 'system error');
    expect(await runJob()).toMatchObject({ sent: 0, retried: 1 });
    const [queued] = await outboxRows(wx1.userId);
    expect(queued).toMatchObject({ status: 'pending', attempts: 1 });
    expect(fake.sent).toHaveLength(0);
    // Not due again until the backoff has passed.
    expect(await runJob()).toMatchObject({ sent: 0, retried: 0 });
    clock.advance(OUTBOX_BASE_BACKOFF_MS);
    expect(await runJob()).toMatchObject({ sent: 1 });
    expect(await outboxOf(host.store, queued!.notification_id)).toMatchObject({ status: 'sent', attempts: 2 });
    const message = at(fake.sent, 0);
    expect(message).toMatchObject({
      touser: wx1.platformId,
      template_id: 'tmpl-money',
      page: `packages/wallet/splits/index?groupId=${group.groupId}`,
      data: { thing1: { value: '瓜分到账' } },
    });
    expect([...message.data.thing2!.value].length).toBeLessThanOrEqual(20);
    expect(message.data.time3!.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    // The acceptance is spent: the next split tells her in the app only.
    await shareAndSplit(host, group, () => clock.advance(1_000));
    expect(await outboxRows(wx1.userId)).toHaveLength(1);
    expect(await notices(wx1, 'split_paid')).toHaveLength(2);

    // A refused message (no acceptance left at WeChat) is not tried again.
    await runAs(wx1.token, 'acceptSubscriptions', { templateIds: ['tmpl-money'], results: { 'tmpl-money': 'accept' } });
    await shareAndSplit(host, group, () => clock.advance(1_000));
    fake.failSends(1, 43101, 'user refuse to accept the msg');
    expect(await runJob()).toMatchObject({ failed: 1 });
    clock.advance(OUTBOX_BASE_BACKOFF_MS * 4);
    expect(await runJob()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    expect((await outboxRows(wx1.userId)).map((r) => r.status)).toEqual(['sent', 'failed']);
  });

  it('fetches a new access token when WeChat says the cached one is invalid', async () => {
    const fake = host.fakeWeixin;
    await runAs(wx1.token, 'acceptSubscriptions', { templateIds: ['tmpl-money'], results: { 'tmpl-money': 'accept' } });
    await shareAndSplit(host, group, () => clock.advance(1_000));
    const issued = fake.tokensIssued;
    const sentBefore = fake.sent.length;
    fake.revokeTokens();
    expect(await runJob()).toMatchObject({ sent: 1 });
    expect(fake.tokensIssued).toBe(issued + 1);
    expect(fake.sent).toHaveLength(sentBefore + 1);
  });

  it('never lets a failing WeChat block the event: the split and its notices commit, the message waits', async () => {
    const fake = host.fakeWeixin;
    await runAs(wx1.token, 'acceptSubscriptions', { templateIds: ['tmpl-money'], results: { 'tmpl-money': 'accept' } });
    fake.breakSends(100);
    const before = (await notices(wx1, 'split_paid')).length;
    const each = await shareAndSplit(host, group, () => clock.advance(1_000));
    expect(each).toBe(PACKET_FEN / 4);
    expect(await notices(wx1, 'split_paid')).toHaveLength(before + 1);
    expect(await runJob()).toMatchObject({ sent: 0, retried: 1 });
    const last = (await outboxRows(wx1.userId)).at(-1)!;
    expect(last).toMatchObject({ status: 'pending', attempts: 1 });
    fake.breakSends(0);
    clock.advance(OUTBOX_BASE_BACKOFF_MS);
    expect(await runJob()).toMatchObject({ sent: 1 });
  });

  it('marks read by ids (her own only) or all, and refuses unclear requests', async () => {
    const mine = await notices(wx2);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const unread = (await runAs(wx2.token, 'unreadCount', {})).unreadCount;
    expect(unread).toBe(mine.length);
    // Someone else's id changes nothing of hers, and hers nothing of theirs.
    const bellasBefore = (await runAs(bella.token, 'unreadCount', {})).unreadCount;
    expect((await runAs(bella.token, 'markNotificationsRead', { ids: [firstOf(mine).notificationId] })).unreadCount).toBe(bellasBefore);
    expect((await runAs(wx2.token, 'markNotificationsRead', { ids: [firstOf(mine).notificationId] })).unreadCount).toBe(unread - 1);
    expect((await notices(wx2))[0]!.readAt).not.toBeNull();
    expect((await runAs(wx2.token, 'markNotificationsRead', { all: true })).unreadCount).toBe(0);
    expect((await runAs(wx2.token, 'myNotifications', {})).unreadCount).toBe(0);
    expect((await sdkError(runAs(wx2.token, 'markNotificationsRead', {}))).code).toBe(142);
    expect((await sdkError(runAs(wx2.token, 'markNotificationsRead', { ids: ['x'], all: true }))).code).toBe(142);
    // Pages: newest first, the cursor continues where the page ended.
    const first = await runAs(wx2.token, 'myNotifications', { limit: 1 });
    expect(first.notifications).toHaveLength(1);
    const second = await runAs(wx2.token, 'myNotifications', { limit: 1, cursor: first.nextCursor! });
    expect(second.notifications[0]!.notificationId).toBe(mine[1]!.notificationId);
  });

  it('tells a removed member once', async () => {
    const emma = await demoPayer('emma');
    const david = await demoPayer('david');
    const { group: g } = await runAs(emma.token, 'createGroup', { name: '移出测试群', requestId: rid() });
    const { inviteCode } = await runAs(emma.token, 'createInvite', { groupId: g.groupId });
    await runAs(david.token, 'joinGroup', { inviteCode });
    await runAs(emma.token, 'removeMember', { groupId: g.groupId, userId: david.userId });
    expect(await notices(david, 'removed_from_group')).toMatchObject([{ payload: { groupId: g.groupId, groupName: '移出测试群' } }]);
    expect(await notices(emma, 'removed_from_group')).toEqual([]);
  });

  it('tells the members of a group buy that succeeded, and of one that failed and was refunded, once each', async () => {
    const { deals } = await runAs(alice.token, 'listDeals', {});
    const pair = deals.find((d) => d.size === 2 && !d.virtualCompletion)!;
    const trio = deals.find((d) => d.size === 3 && !d.virtualCompletion)!;
    const cathy = await demoPayer('cathy');
    const { groupBuy } = await runAs(cathy.token, 'openGroupBuy', { dealId: pair.dealId, requestId: rid() });
    await runAs(bella.token, 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() });
    for (const member of [cathy, bella]) {
      expect(await notices(member, 'group_buy_succeeded')).toMatchObject([
        { payload: { groupBuyId: groupBuy.groupBuyId, title: pair.product.title } },
      ]);
    }

    const { groupBuy: failing } = await runAs(cathy.token, 'openGroupBuy', { dealId: trio.dealId, requestId: rid() });
    await runAs(bella.token, 'joinGroupBuy', { groupBuyId: failing.groupBuyId, requestId: rid() });
    clock.advance(trio.timeLimitHours * 3_600_000 + 1_000);
    await runCommerceExpiry(host.host.deps);
    clock.advance(host.config.jobs.checkMs);
    await runCommerceExpiry(host.host.deps);
    for (const member of [cathy, bella]) {
      expect(await notices(member, 'group_buy_failed')).toMatchObject([
        { payload: { groupBuyId: failing.groupBuyId, refundedFen: trio.groupPriceFen, title: trio.product.title } },
      ]);
    }
  });

  it('reminds a pooled order’s members before it closes, tells them it was placed, and of their purchase packet arriving and unlocking', async () => {
    const ivy = await demoPayer('ivy');
    const lily = await demoPayer('lily');
    const { group: g } = await runAs(ivy.token, 'createGroup', { name: '拼单通知群', requestId: rid() });
    const { inviteCode } = await runAs(ivy.token, 'createInvite', { groupId: g.groupId });
    // Four members make the group active: only an active group's shares earn purchase packets.
    for (const member of [lily, await demoPayer('mia'), await demoPayer('nina')]) await runAs(member.token, 'joinGroup', { inviteCode });
    const products = await host.store.query<{ id: string }>(
      `select id from products where shop_name in ('优衣库官方旗舰店', '李宁官方旗舰店') order by price_fen desc, id limit 2`,
    );
    const add = async (who: Payer, productId: string) =>
      (await runAs(who.token, 'addWishlistItem', { groupId: g.groupId, productId, requestId: rid() })).item.itemId;
    const ivysItem = await add(ivy, at(products, 0).id);
    const lilysItem = await add(lily, at(products, 1).id);
    // Lily shares Ivy's item: Ivy buying it through the group earns Ivy a purchase packet.
    await runAs(lily.token, 'shareItem', { groupId: g.groupId, itemId: ivysItem, requestId: rid() });
    const deadline = new Date(clock.now().getTime() + 2 * 3_600_000).toISOString();
    const started = await runAs(ivy.token, 'startPooledOrder', { groupId: g.groupId, deadline, requestId: rid() });
    const pooledOrderId = started.pooledOrder.pooledOrderId;
    await runAs(ivy.token, 'addPooledLine', { pooledOrderId, itemId: ivysItem, qty: 1 });
    await runAs(lily.token, 'addPooledLine', { pooledOrderId, itemId: lilysItem, qty: 1 });

    await runJob();
    expect(await notices(ivy, 'pooled_order_closing')).toEqual([]);
    clock.advance(91 * 60_000);
    expect((await runJob()).reminded).toBe(2);
    await runJob();
    for (const member of [ivy, lily]) {
      expect(await notices(member, 'pooled_order_closing')).toMatchObject([
        { payload: { pooledOrderId, groupName: '拼单通知群', deadline } },
      ]);
    }

    // A cross-store coupon in the group's hands, so that the plan has something to save.
    const cross = (await runAs(ivy.token, 'listCoupons', {})).coupons.find((c) => c.title.includes('每满400减50'))!;
    await runAs(ivy.token, 'claimCoupon', { templateId: cross.templateId, requestId: rid() });
    await runAs(ivy.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    const placed = await runAs(lily.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    expect(placed.pooledOrder.status).toBe('placed');
    for (const member of [ivy, lily]) expect(await notices(member, 'pooled_order_placed')).toMatchObject([{ payload: { pooledOrderId } }]);
    const arrived = await notices(ivy, 'red_packet_arrived');
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.payload).toMatchObject({ groupId: g.groupId, groupName: '拼单通知群' });
    expect(await notices(lily, 'red_packet_arrived')).toEqual([]);

    // Past the refund window, the next split settles the packet into the pool: she is told it unlocked.
    clock.advance(8 * 24 * 3_600_000);
    await runPoolSplit(host.store, clock.now(), { now: clock.now(), random: Math.random });
    const unlocked = await notices(ivy, 'red_packet_unlocked');
    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]!.payload).toMatchObject({ groupId: g.groupId, amountFen: (arrived[0]!.payload as { amountFen: number }).amountFen });
  });
});
