/**
 * Alipay mini-program subscribe messages on the engine under test: the app's templates for an
 * Alipay shopper, her acceptance recorded for Alipay, a notice queued in its event's transaction
 * and sent after the commit through the loopback Alipay gateway (signed, and verified by the fake)
 * to her Alipay user id, once; passing failures tried again on the injected clock's doubling
 * backoff, a refusal given up, and overlapping outbox runs never sending a message twice.
 */
import { alipayMessenger } from '../../cloud/messaging/alipaySubscribe';
import { runNotificationJob } from '../../cloud/jobs/notifications';
import { notify, outboxOf } from '../../cloud/store/notifications';
import { OUTBOX_BASE_BACKOFF_MS, runNotifications } from '../../cloud/workflows/notificationOutbox';
import { at, firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import {
  alipayPayer,
  demoPayer,
  packetGroup,
  rewardEveryShare,
  shareAndSplit,
  weappPayer,
  type PacketGroup,
  type Payer,
} from '../support/payers';
import { initSdk, runAs, sdkError } from '../support/sdk';

jest.setTimeout(120_000);

const clock = fixedClock(new Date());
const PACKET_FEN = 1_200;
const WEAPP_TEMPLATES = 'money:tmpl-money,group_buy:tmpl-gb';
const ALIPAY_TEMPLATES = 'money:ali-money,group_buy:MDI4YzIxMDE2M2I5YTQzYjUxNWE4MjA4NmU1MTIyYmM=';
let host: TestHost;
let sdk: ReturnType<typeof initSdk>;

let ali: Payer;
let wx: Payer;
let alice: Payer;
let group: PacketGroup;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock, subscribeTemplates: WEAPP_TEMPLATES, alipaySubscribeTemplates: ALIPAY_TEMPLATES });
  sdk = initSdk(host);
  await rewardEveryShare(host, PACKET_FEN);
  alice = await demoPayer('alice');
  ali = await alipayPayer(host, sdk, 'ali');
  wx = await weappPayer(host, sdk, 'wx');
  group = await packetGroup(alice, [ali, wx, await demoPayer('bella')]);
}, 240_000);

afterAll(async () => {
  await host?.stop();
});

/** One run of the notices' job in a check period of its own (each period runs once, under its lease). */
async function runJob() {
  clock.advance(host.config.jobs.checkMs);
  const outcome = await runNotificationJob(host.host.deps);
  if (!outcome.ran) throw new Error('the notifications job did not run');
  return outcome.result;
}

async function outboxRows(userId: string) {
  return host.store.query<{ notification_id: string; provider: string; status: string; attempts: number; next_attempt_at: Date }>(
    `select notification_id, provider, status, attempts, next_attempt_at from notification_outbox
     where user_id = $1 order by created_at, notification_id`,
    [userId],
  );
}

async function held(userId: string) {
  return host.store.query<{ topic: string; provider: string; template_id: string; remaining: number }>(
    'select topic, provider, template_id, remaining from notification_subscriptions where user_id = $1 order by topic',
    [userId],
  );
}

const acceptMoney = (payer: Payer) =>
  runAs(payer.token, 'acceptSubscriptions', { platform: 'alipay', templateIds: ['ali-money'], results: { 'ali-money': 'accept' } });

describe(`Alipay subscribe messages (${testEngine()})`, () => {
  it('gives the Alipay app its templates, by the platform it names or by her login', async () => {
    const named = await runAs(undefined, 'subscribeTemplates', { platform: 'alipay' });
    expect(named).toEqual({
      provider: 'alipay',
      templates: [
        { topic: 'money', templateId: 'ali-money' },
        { topic: 'group_buy', templateId: 'MDI4YzIxMDE2M2I5YTQzYjUxNWE4MjA4NmU1MTIyYmM=' },
      ],
    });
    // An app that names none: her Alipay login says which; anonymous or a WeChat login is WeChat's.
    expect((await runAs(ali.token, 'subscribeTemplates', {})).provider).toBe('alipay');
    expect((await runAs(wx.token, 'subscribeTemplates', {})).provider).toBe('weapp');
    expect(await runAs(undefined, 'subscribeTemplates', {})).toMatchObject({
      provider: 'weapp',
      templates: [{ templateId: 'tmpl-money' }, {}],
    });
    const bad = await sdkError(runAs(undefined, 'subscribeTemplates', { platform: 'h5' } as never));
    expect(bad.code).toBe(142);
    expect(bad.message).toContain('platform');
  });

  it('records what she accepted in Alipay as Alipay acceptances, ignoring ids that are not the Alipay templates', async () => {
    const accepted = await runAs(ali.token, 'acceptSubscriptions', {
      platform: 'alipay',
      templateIds: ['ali-money', 'tmpl-gb', 'MDI4YzIxMDE2M2I5YTQzYjUxNWE4MjA4NmU1MTIyYmM='],
      results: { 'ali-money': 'accept', 'tmpl-gb': 'accept', 'MDI4YzIxMDE2M2I5YTQzYjUxNWE4MjA4NmU1MTIyYmM=': 'reject' },
    });
    expect(accepted.accepted).toEqual(['money']);
    expect(await held(ali.userId)).toEqual([{ topic: 'money', provider: 'alipay', template_id: 'ali-money', remaining: 1 }]);
  });

  it('queues her notice in the event’s transaction and sends it to her Alipay user id once, after the commit', async () => {
    const before = host.fakeAlipay.messages.length;
    await shareAndSplit(host, group, () => clock.advance(1_000));
    const [queued, ...more] = await outboxRows(ali.userId);
    expect(more).toEqual([]);
    expect(queued).toMatchObject({ provider: 'alipay', status: 'pending', attempts: 0 });
    // WeChat's member accepted nothing: her notice stays in the app.
    expect(await outboxRows(wx.userId)).toEqual([]);

    expect(await runJob()).toMatchObject({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(await outboxOf(host.store, queued!.notification_id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(host.fakeAlipay.messages).toHaveLength(before + 1);
    const message = at(host.fakeAlipay.messages, before);
    expect(message).toMatchObject({
      toUserId: ali.platformId,
      toOpenId: null,
      userTemplateId: 'ali-money',
      page: `packages/wallet/splits/index?groupId=${group.groupId}`,
      data: { keyword1: { value: '瓜分到账' } },
    });
    expect([...at(message.data, 'keyword2').value].length).toBeLessThanOrEqual(20);
    expect(at(message.data, 'keyword3').value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const request = host.fakeAlipay.requests.filter((r) => r.method === 'alipay.open.app.mini.templatemessage.send').at(-1);
    expect(request).toMatchObject({ signatureOk: true, answer: '10000' });

    // Sent is sent: later runs send nothing more, and her spent acceptance queues no more.
    expect(await runJob()).toMatchObject({ sent: 0 });
    expect(host.fakeAlipay.messages).toHaveLength(before + 1);
    expect(await held(ali.userId)).toMatchObject([{ remaining: 0 }]);
    await shareAndSplit(host, group, () => clock.advance(1_000));
    expect(await outboxRows(ali.userId)).toHaveLength(1);
  });

  it('tries a passing failure again on the injected clock, waiting twice as long each time', async () => {
    await acceptMoney(ali);
    await shareAndSplit(host, group, () => clock.advance(1_000));
    const before = host.fakeAlipay.messages.length;
    host.fakeAlipay.failMessages(2, 'transient');

    expect(await runJob()).toMatchObject({ sent: 0, retried: 1 });
    const first = at(await outboxRows(ali.userId), 1);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.next_attempt_at.getTime()).toBe(clock.now().getTime() + OUTBOX_BASE_BACKOFF_MS);
    // Not due before its wait is over.
    expect(await runJob()).toMatchObject({ sent: 0, retried: 0 });

    clock.set(first.next_attempt_at);
    expect(await runJob()).toMatchObject({ sent: 0, retried: 1 });
    const second = at(await outboxRows(ali.userId), 1);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second.next_attempt_at.getTime()).toBe(clock.now().getTime() + 2 * OUTBOX_BASE_BACKOFF_MS);

    clock.set(second.next_attempt_at);
    expect(await runJob()).toMatchObject({ sent: 1 });
    expect(await outboxOf(host.store, second.notification_id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(host.fakeAlipay.messages).toHaveLength(before + 1);
  });

  it('gives up a message Alipay refuses, and never tries it again', async () => {
    await acceptMoney(ali);
    await shareAndSplit(host, group, () => clock.advance(1_000));
    const before = host.fakeAlipay.messages.length;
    const requestsBefore = host.fakeAlipay.requests.length;
    host.fakeAlipay.failMessages(1, 'final');
    expect(await runJob()).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    const refused = at(await outboxRows(ali.userId), 2);
    expect(await outboxOf(host.store, refused.notification_id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('40004'),
    });
    clock.advance(OUTBOX_BASE_BACKOFF_MS * 64);
    expect(await runJob()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(host.fakeAlipay.requests).toHaveLength(requestsBefore + 1);
    expect(host.fakeAlipay.messages).toHaveLength(before);
  });

  it('never sends a message twice when outbox runs overlap', async () => {
    const COUNT = 12;
    const RUNS = 6;
    for (let i = 0; i < COUNT; i++) await acceptMoney(ali);
    expect(await held(ali.userId)).toMatchObject([{ remaining: COUNT }]);
    const now = clock.now();
    await host.store.transaction((tx) =>
      notify(
        tx,
        Array.from({ length: COUNT }, (_, i) => ({
          userId: ali.userId,
          kind: 'split_paid' as const,
          effectKey: `overlap:${now.getTime()}:${i}`,
          payload: { groupId: group.groupId, amountFen: 100 + i, slot: `overlap-${i}` },
          groupId: group.groupId,
        })),
        now,
      ),
    );
    const before = host.fakeAlipay.messages.length;
    const messengers = { weapp: null, alipay: alipayMessenger(host.config.alipay, () => clock.now()) };
    // Runs that overlap (a slow batch still going when the next starts), each free of the job's lease.
    const results = await Promise.all(
      Array.from({ length: RUNS }, () => runNotifications({ store: host.store, messengers, timeZone: host.config.tzCampaign }, now)),
    );
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(COUNT);
    expect(results.reduce((sum, r) => sum + r.skipped + r.failed + r.retried, 0)).toBe(0);
    const sent = host.fakeAlipay.messages.slice(before);
    expect(sent).toHaveLength(COUNT);
    expect(new Set(sent.map((m) => at(m.data, 'keyword2').value)).size).toBe(COUNT);
    expect((await outboxRows(ali.userId)).slice(-COUNT).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(firstOf(await held(ali.userId)).remaining).toBe(0);
  });

  it('switches her acceptances to the platform she accepted on last', async () => {
    const both = await alipayPayer(host, sdk, 'both');
    await acceptMoney(both);
    await acceptMoney(both);
    expect(await held(both.userId)).toMatchObject([{ provider: 'alipay', remaining: 2 }]);
    await runAs(both.token, 'acceptSubscriptions', { platform: 'weapp', templateIds: ['tmpl-money'], results: { 'tmpl-money': 'accept' } });
    expect(await held(both.userId)).toEqual([{ topic: 'money', provider: 'weapp', template_id: 'tmpl-money', remaining: 1 }]);
  });
});
