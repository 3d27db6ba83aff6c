/**
 * Invitation posters on WeChat: the mini-program code comes from WeChat's
 * `wxa/getwxacodeunlimit` with an access token from `cgi-bin/stable_token`, both played by the fake
 * WeChat server on loopback (test/support/fakeWeixin.ts), which speaks the real formats.
 */
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { fakeWxaCodePicture } from '../support/fakeWeixin';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs, sdkError } from '../support/sdk';

let host: TestHost;
let AV: ReturnType<typeof initSdk>;
const clock = fixedClock();
let alice: string;
let cathy: string;
let groupId: string;
let seq = 0;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  AV = initSdk(host);
  alice = await login('alice');
  cathy = await login('cathy');
  ({
    group: { groupId },
  } = await runAs(alice, 'createGroup', { name: '海报测试群', requestId: `wxacode-${++seq}` }));
}, 180_000);
afterAll(async () => {
  await AV.User.logOut();
  await host.stop();
});

const newInvite = async () => (await runAs(alice, 'createInvite', { groupId })).inviteCode;

describe(`invitation mini-program codes (${testEngine()})`, () => {
  it('draws the join page with the invitation as its scene, asking WeChat for a token once', async () => {
    const inviteCode = await newInvite();
    const tokenRequestsBefore = host.fakeWeixin.tokenRequests;
    const code = await runAs(alice, 'inviteWxaCode', { inviteCode });
    expect(code.contentType).toBe('image/jpeg');
    expect(Buffer.from(code.imageBase64, 'base64').equals(fakeWxaCodePicture(inviteCode))).toBe(true);
    expect(host.fakeWeixin.codeRequests.at(-1)).toEqual({
      scene: inviteCode,
      page: 'packages/group/join/index',
      env_version: 'release',
      check_path: false,
    });
    // A second invitation reuses the token; the same invitation again does not even ask WeChat.
    const requestsBefore = host.fakeWeixin.codeRequests.length;
    await runAs(alice, 'inviteWxaCode', { inviteCode });
    expect(host.fakeWeixin.codeRequests.length).toBe(requestsBefore);
    await runAs(alice, 'inviteWxaCode', { inviteCode: await newInvite() });
    expect(host.fakeWeixin.codeRequests.length).toBe(requestsBefore + 1);
    expect(host.fakeWeixin.tokenRequests).toBe(tokenRequestsBefore + 1);
  });

  it('fetches one new token for many simultaneous codes once the kept one runs out', async () => {
    const invites = await Promise.all(Array.from({ length: 12 }, () => newInvite()));
    const tokenRequestsBefore = host.fakeWeixin.tokenRequests;
    // WeChat's tokens last 7200 s; the host stops using one five minutes before that.
    clock.advance(7200_000 - 5 * 60_000);
    const codes = await Promise.all(invites.map((inviteCode) => runAs(alice, 'inviteWxaCode', { inviteCode })));
    expect(host.fakeWeixin.tokenRequests).toBe(tokenRequestsBefore + 1);
    codes.forEach((code, i) => expect(Buffer.from(code.imageBase64, 'base64').equals(fakeWxaCodePicture(invites[i]!))).toBe(true));
  });

  it('takes a new token when WeChat no longer knows the kept one, and retries once', async () => {
    const tokensBefore = host.fakeWeixin.tokensIssued;
    host.fakeWeixin.revokeTokens();
    const inviteCode = await newInvite();
    const code = await runAs(alice, 'inviteWxaCode', { inviteCode });
    expect(Buffer.from(code.imageBase64, 'base64').equals(fakeWxaCodePicture(inviteCode))).toBe(true);
    // The kept token was refused (40001), so a new one was forced.
    expect(host.fakeWeixin.tokensIssued).toBe(tokensBefore + 1);
  });

  it('says so in plain words when WeChat fails, and works again afterwards', async () => {
    const inviteCode = await newInvite();
    host.fakeWeixin.failCodesWith(-1);
    try {
      const error = await sdkError(runAs(alice, 'inviteWxaCode', { inviteCode }));
      expect(error.code).toBe(1);
      expect(error.message).toContain('小程序码暂时生成不了');
      expect(error.message).toContain('-1 system error');
    } finally {
      host.fakeWeixin.failCodesWith(null);
    }
    // The failure was not kept: the next try draws the code.
    const code = await runAs(alice, 'inviteWxaCode', { inviteCode });
    expect(Buffer.from(code.imageBase64, 'base64').equals(fakeWxaCodePicture(inviteCode))).toBe(true);
  });

  it('gives codes only to members, only for live invitations', async () => {
    const inviteCode = await newInvite();
    const requestsBefore = host.fakeWeixin.codeRequests.length;
    expect((await sdkError(runAs(cathy, 'inviteWxaCode', { inviteCode }))).code).toBe(119);
    expect((await sdkError(runAs(alice, 'inviteWxaCode', { inviteCode: 'ZZZZZZZZZZ' }))).code).toBe(4004);
    const badCode = await sdkError(runAs(alice, 'inviteWxaCode', { inviteCode: 'short' }));
    expect(badCode.code).toBe(142);
    expect(badCode.message).toContain('inviteCode');
    await runAs(alice, 'revokeInvite', { inviteCode });
    expect((await sdkError(runAs(alice, 'inviteWxaCode', { inviteCode }))).code).toBe(4004);
    const expiring = await newInvite();
    clock.advance(8 * 86_400_000);
    expect((await sdkError(runAs(alice, 'inviteWxaCode', { inviteCode: expiring }))).code).toBe(4004);
    expect(host.fakeWeixin.codeRequests.length).toBe(requestsBefore);
  });
});
