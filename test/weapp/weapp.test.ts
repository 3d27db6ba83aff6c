/**
 * The built WeChat mini-program (production weapp bundle) run in Node against a real test
 * host: a mocked `wx` bridges wx.request to HTTP and wx.login to the fake jscode2session
 * server. Covers the silent login at launch, the Me page, and joining a group from an
 * invitation's share path.
 *
 * Run: npx jest test/weapp/weapp.test.ts
 */
import path from 'node:path';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs } from '../support/sdk';
import { ROOT, buildForTest } from '../e2e/buildBundle';
import { MiniProgram, findByClass, textOf, waitFor, type PageInstance } from './miniProgram';
import { createWxMock } from './wxMock';
import { firstOf } from '../support/at';

jest.setTimeout(60_000);

/** Any origin: the mocked wx.request sends every call to the test host instead. */
const BAKED_SERVER_URL = 'http://weapp-bundle.invalid';

let host: TestHost;
let distDir: string;
const programs: MiniProgram[] = [];

beforeAll(async () => {
  host = await startTestHost({ demo: true, h5Dir: path.join(ROOT, 'dist/h5') });
  distDir = buildForTest('weapp', { appId: host.appId, appKey: host.appKey, serverUrl: BAKED_SERVER_URL });
  initSdk(host);
}, 240_000);

afterAll(async () => {
  for (const program of programs) program.close();
  await host?.stop();
});

/** A cold start of the mini-program for the WeChat user `openid`. */
function launch(openid: string, entry = 'pages/messages/index'): MiniProgram {
  const program = new MiniProgram(distDir, (navigations) =>
    createWxMock({ hostUrl: host.url, registerCode: (code) => host.fakeWeixin.register(code, openid), navigations }),
  );
  programs.push(program);
  program.launch({ path: entry });
  return program;
}

const pageText = (page: PageInstance) => textOf(page.data.root);
const textOfClass = (page: PageInstance, className: string) => findByClass(page.data.root, className).map(textOf).join(' ');

test('silent login at launch, then the Me page shows the user from the backend', async () => {
  const program = launch('openid-me-page');
  const me = program.openPage('pages/me/index');

  const taoqi = await waitFor(
    () => findByClass(me.data.root, 'me-taoqi')[0],
    () => `Me page never showed the taoqi score. Text: ${pageText(me)}`,
  );
  // A brand-new WeChat user: no score and unknown gender, so creating a group is explained as not allowed.
  expect(textOf(taoqi)).toBe('0');
  expect(textOfClass(me, 'me-gender')).toBe('未知');
  expect(textOfClass(me, 'me-cannot-create')).toMatch(/创建小黑群/);
  // Mini-programs have no logout button (the identity is the host app's).
  expect(pageText(me)).not.toContain('退出登录');

  const wx = program.context.wx as { __requests: Array<{ method: string; url: string; status: number }> };
  expect(wx.__requests.some((r) => r.url === '/1.1/users' && r.status < 300)).toBe(true);
  expect(wx.__requests.some((r) => r.url === '/1.1/functions/me' && r.status === 200)).toBe(true);
});

test('opening an invitation joins the group, then the group page offers a share card', async () => {
  // Alice (H5 / SDK side) creates a group and an invitation, as a friend would.
  const aliceToken = await login('alice');
  const { group } = await runAs(aliceToken, 'createGroup', { name: '小程序测试群', requestId: `weapp-${Date.now()}` });
  const invite = await runAs(aliceToken, 'createInvite', { groupId: group.groupId });
  expect(invite.path).toBe(`/packages/group/join/index?code=${invite.inviteCode}`);

  // A WeChat user taps the share card: the mini-program starts on the join page.
  const program = launch('openid-joiner', 'packages/group/join/index');
  const join = program.openUrl(invite.path);
  await waitFor(
    () => textOfClass(join, 'join-group-name') === '小程序测试群',
    () => `Join page never showed the group. Text: ${pageText(join)}`,
  );
  expect(textOfClass(join, 'join-card__meta')).toContain('Alice');
  expect(textOfClass(join, 'join-card__meta')).toContain('1/15');

  program.tap(join, 'join-button');
  const redirect = await waitFor(
    () => program.navigations.find((n) => n.api === 'redirectTo'),
    () => `No redirect after joining. Text: ${pageText(join)}`,
  );
  expect(redirect.url).toBe(`/packages/group/home/index?groupId=${encodeURIComponent(group.groupId)}`);

  // The group page, as the new member: two members, and an invitation can be shared.
  const home = program.openUrl(redirect.url!);
  await waitFor(
    () => textOfClass(home, 'group-missing').includes('还差 2 人激活'),
    () => `Group page did not show the progress. Text: ${pageText(home)}`,
  );
  program.tap(home, 'invite-button');
  await waitFor(
    () => findByClass(home.data.root, 'invite-code')[0],
    () => `No invitation shown. Text: ${pageText(home)}`,
  );
  const code = textOfClass(home, 'invite-code');
  const share = home.instance.onShareAppMessage.call(home.instance, { from: 'button', target: { id: 'share-invite' } });
  expect(share.path).toBe(`/packages/group/join/index?code=${code}`);

  // Opening the same invitation again explains that I am already in.
  const again = program.openUrl(`/packages/group/join/index?code=${invite.inviteCode}`);
  await waitFor(
    () => findByClass(again.data.root, 'join-already')[0],
    () => `Already-member state not shown. Text: ${pageText(again)}`,
  );
});

test('unknown and malformed invitations are explained in plain words', async () => {
  const program = launch('openid-bad-invite', 'packages/group/join/index');
  // Well-formed but unknown (10 characters, like a real code): the server's 4004 message.
  const unknown = program.openUrl('/packages/group/join/index?code=ZZZZZZZZZZ');
  await waitFor(
    () => textOfClass(unknown, 'join-problem__title') === '邀请已失效',
    () => `Unknown invite not explained. Text: ${pageText(unknown)}`,
  );
  expect(textOfClass(unknown, 'join-problem__detail').length).toBeGreaterThan(0);

  // A truncated link: explained as a broken link rather than a parameter error.
  const broken = program.openUrl('/packages/group/join/index?code=ABC');
  await waitFor(
    () => textOfClass(broken, 'join-problem__title') === '邀请链接有误',
    () => `Broken invite link not explained. Text: ${pageText(broken)}`,
  );
});

test('the shared list and wallet subpackages run in the mini-program', async () => {
  const aliceToken = await login('alice');
  const { group } = await runAs(aliceToken, 'createGroup', { name: '小程序清单群', requestId: `weapp-list-${Date.now()}` });
  const product = firstOf(await host.store.query<{ id: string; title: string }>('select id, title from products order by id limit 1'));
  await runAs(aliceToken, 'addWishlistItem', {
    groupId: group.groupId,
    productId: product.id,
    note: '小程序里也能看到',
    requestId: `weapp-add-${Date.now()}`,
  });
  const invite = await runAs(aliceToken, 'createInvite', { groupId: group.groupId });

  const program = launch('openid-list-viewer', 'packages/group/join/index');
  const join = program.openUrl(invite.path);
  await waitFor(
    () => findByClass(join.data.root, 'join-group-name')[0],
    () => `Join page never showed the group. Text: ${pageText(join)}`,
  );
  program.tap(join, 'join-button');
  await waitFor(
    () => program.navigations.find((n) => n.api === 'redirectTo'),
    () => `No redirect after joining. Text: ${pageText(join)}`,
  );

  const list = program.openUrl(`/packages/list/home/index?groupId=${group.groupId}`);
  await waitFor(
    () => textOfClass(list, 'wish-item__title') === product.title,
    () => `List page never showed the item. Text: ${pageText(list)}`,
  );
  expect(textOfClass(list, 'wish-item__price')).toMatch(/^¥\d+\.\d{2}$/);
  expect(textOfClass(list, 'wish-item__by')).toContain('Alice');
  // Host-relative product pictures get the server's address in a mini-program (no origin there).
  // (Taro's data tree shortens prop names, so the src is looked for among the node's values.)
  const image = findByClass(list.data.root, 'wish-item__image')[0] ?? {};
  expect(Object.values(image)).toContain(`${BAKED_SERVER_URL}/images/products/${product.id}.svg`);

  const wallet = program.openPage('packages/wallet/home/index');
  await waitFor(
    () => textOfClass(wallet, 'wallet-balance-amount') === '¥0.00',
    () => `Wallet never showed the balance. Text: ${pageText(wallet)}`,
  );
  expect(textOfClass(wallet, 'wallet-empty')).toContain('还没有收支记录');
});

test('the campaign subpackage shows the running campaign, and Messages links to it', async () => {
  const program = launch('openid-campaign-reader');
  const messages = program.openPage('pages/messages/index');
  await waitFor(
    () => textOfClass(messages, 'campaign-card__title') === '分享购买赢回血红包',
    () => `Messages never showed the campaign card. Text: ${pageText(messages)}`,
  );
  program.tap(messages, 'campaign-card');
  const navigation = await waitFor(
    () => program.navigations.find((n) => n.api === 'navigateTo'),
    () => 'The campaign card did not open the campaign page',
  );
  expect(navigation.url).toBe('/packages/campaign/index/index?slug=double11-demo');

  const campaign = program.openUrl(navigation.url!);
  await waitFor(
    () => textOfClass(campaign, 'campaign-title') === '分享购买赢回血红包',
    () => `Campaign page never showed the title. Text: ${pageText(campaign)}`,
  );
  expect(textOfClass(campaign, 'campaign-split-countdown')).toMatch(/^(\d+天 )?\d\d:\d\d:\d\d$/);
  expect(textOfClass(campaign, 'campaign-group-rule')).toContain('淘气值达到 600 的女生可以创建小黑群');

  // A brand-new WeChat user (no score) may not create a group: the server's reason is shown.
  program.tap(campaign, 'campaign-entry');
  await waitFor(
    () => textOfClass(campaign, 'campaign-blocked-reason').includes('创建小黑群'),
    () => `Entry button did not explain joining. Text: ${pageText(campaign)}`,
  );
});
