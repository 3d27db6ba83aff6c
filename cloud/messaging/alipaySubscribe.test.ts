import crypto from 'node:crypto';
import { startFakeAlipay, type FakeAlipay } from '../../test/support/fakeAlipay';
import { at } from '../../test/support/at';
import { FixedClock } from '../clock';
import { ALIPAY_SUBSCRIBE_METHOD, alipayMessenger, type AlipayMessenger, type AlipaySubscribeMessage } from './alipaySubscribe';

const APP_ID = '2021000000000002';
const USER = '2088000000000077';
const START = '2026-12-05T10:00:00.000Z';

let fake: FakeAlipay;
let clock: FixedClock;
let messenger: AlipayMessenger;

const message = (overrides: Partial<AlipaySubscribeMessage> = {}): AlipaySubscribeMessage => ({
  userId: USER,
  templateId: 'tmpl-ali-money',
  page: 'packages/wallet/splits/index?groupId=g1',
  data: { keyword1: { value: '瓜分到账' }, keyword2: { value: '红包群瓜分到你 ¥3.00' }, keyword3: { value: '2026-12-05 18:00' } },
  ...overrides,
});

const last = <T>(items: readonly T[]): T => at(items, items.length - 1);

function newKeyPem(): string {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

beforeAll(async () => {
  clock = new FixedClock(START);
  fake = await startFakeAlipay(APP_ID, { now: () => clock.now() });
  messenger = alipayMessenger(
    { appId: APP_ID, gatewayUrl: fake.url, privateKeyPem: fake.appPrivateKeyPem, alipayPublicKeyPem: fake.alipayPublicKeyPem },
    () => clock.now(),
  );
});

afterAll(async () => {
  await fake.close();
});

describe('Alipay subscribe messages', () => {
  it('sends a signed alipay.open.app.mini.templatemessage.send and counts a verified 10000 as sent', async () => {
    const before = fake.messages.length;
    await expect(messenger.send(message())).resolves.toEqual({ kind: 'sent' });
    const request = last(fake.requests);
    expect(request).toMatchObject({ method: ALIPAY_SUBSCRIBE_METHOD, signatureOk: true, answer: '10000' });
    expect(request.params).toMatchObject({
      app_id: APP_ID,
      sign_type: 'RSA2',
      charset: 'utf-8',
      version: '1.0',
      timestamp: '2026-12-05 18:00:00',
    });
    // The keywords travel as JSON text inside biz_content, as Alipay takes them.
    expect(typeof request.biz?.data).toBe('string');
    expect(fake.messages).toHaveLength(before + 1);
    expect(last(fake.messages)).toMatchObject({
      toUserId: USER,
      toOpenId: null,
      userTemplateId: 'tmpl-ali-money',
      page: 'packages/wallet/splits/index?groupId=g1',
      data: { keyword1: { value: '瓜分到账' }, keyword3: { value: '2026-12-05 18:00' } },
    });
  });

  it('addresses an open id (not a 2088 user id) as to_open_id', async () => {
    await expect(messenger.send(message({ userId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' }))).resolves.toEqual({ kind: 'sent' });
    expect(last(fake.messages)).toMatchObject({ toUserId: null, toOpenId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
  });

  it('gives up a refusal (40004) and a request Alipay finds malformed (40002)', async () => {
    const before = fake.messages.length;
    fake.failMessages(1, 'final', 'USER_TEMPLATE_ILLEGAL');
    const refused = await messenger.send(message());
    expect(refused).toEqual({ kind: 'final', error: expect.stringContaining('40004') });
    expect(refused.kind === 'final' && refused.error).toContain('USER_TEMPLATE_ILLEGAL');
    const malformed = await messenger.send(message({ page: `pages/${'x'.repeat(200)}` }));
    expect(malformed).toEqual({ kind: 'final', error: expect.stringContaining('40002') });
    expect(fake.messages).toHaveLength(before);
  });

  it('tries again later after a 20000, an HTTP error or no answer at all', async () => {
    const before = fake.messages.length;
    fake.failMessages(1, 'transient');
    expect(await messenger.send(message())).toEqual({ kind: 'retry', error: expect.stringContaining('20000') });
    fake.failNext(1, 'http500');
    expect(await messenger.send(message())).toEqual({ kind: 'retry', error: expect.stringContaining('HTTP 500') });
    fake.setDown(true);
    try {
      expect(await messenger.send(message())).toMatchObject({ kind: 'retry' });
    } finally {
      fake.setDown(false);
    }
    expect(fake.messages).toHaveLength(before);
    await expect(messenger.send(message())).resolves.toEqual({ kind: 'sent' });
    expect(fake.messages).toHaveLength(before + 1);
  });

  it('does not believe an answer signed with another key than Alipay’s (tried again, not counted sent)', async () => {
    const forger = crypto.createPublicKey(newKeyPem()).export({ type: 'spki', format: 'pem' }).toString();
    const suspicious = alipayMessenger(
      { appId: APP_ID, gatewayUrl: fake.url, privateKeyPem: fake.appPrivateKeyPem, alipayPublicKeyPem: forger },
      () => clock.now(),
    );
    const outcome = await suspicious.send(message());
    expect(outcome).toEqual({ kind: 'retry', error: expect.stringContaining('signature verification') });
  });

  it('is refused by the gateway when the request is signed with another key than the app’s', async () => {
    const impostor = alipayMessenger(
      { appId: APP_ID, gatewayUrl: fake.url, privateKeyPem: newKeyPem(), alipayPublicKeyPem: fake.alipayPublicKeyPem },
      () => clock.now(),
    );
    const before = fake.messages.length;
    expect(await impostor.send(message())).toEqual({ kind: 'final', error: expect.stringContaining('isv.invalid-signature') });
    expect(last(fake.requests)).toMatchObject({ method: ALIPAY_SUBSCRIBE_METHOD, signatureOk: false });
    expect(fake.messages).toHaveLength(before);
  });
});
