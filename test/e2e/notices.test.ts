/**
 * End-to-end: a notice in the H5 build (headless Chromium, real test host). A share puts a red
 * packet into the group's pool, the operator runs the split, and a member finds it in the message
 * centre: the Messages tab shows the unread count on its 通知 entry, the list says what the split
 * paid her, and tapping the notice marks it read and opens the split page.
 * Screenshots: test/artifacts/h5-notices-*.png.
 *
 * Run: npx jest test/e2e/notices.test.ts
 */
import { formatFen } from '../../contract/formatFen';
import { at } from '../support/at';
import { initSdk, runAs, runAsMaster } from '../support/sdk';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { expectText, openAs, shot, startH5App, type H5App } from './h5App';

jest.setTimeout(120_000);

const MEMBERS = ['alice', 'bella', 'cathy', 'david'] as const;

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  // Every share wins a packet, and pools are split equally, so the notice's amount is known.
  await app.host.store.query(
    `update campaigns set config = jsonb_set(jsonb_set(config, '{shareReward,probability}', '1'), '{split,policy}', '"equal"')`,
  );
  setup = await createActiveGroup('通知测试群', [...MEMBERS]);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

test('a split paid her: the Messages tab counts it, the notice says how much, and tapping it reads it and opens the split', async () => {
  const groupId = setup.group.groupId;
  const product = at(await app.host.store.query<{ id: string }>('select id from products order by id limit 1'), 0);
  const { item } = await runAs(setup.tokens.alice, 'addWishlistItem', {
    groupId,
    productId: product.id,
    requestId: `notices-add-${Date.now()}`,
  });

  // Bella is on the Messages tab before anything happened: no unread notices.
  const bella = await app.newPage();
  await openAs(bella, app, 'bella', '/pages/messages/index');
  await expectText(bella, '#notices-entry', '瓜分到账、红包、拼团和拼单的消息');

  const shared = await runAs(setup.tokens.alice, 'shareItem', { groupId, itemId: item.itemId, requestId: `notices-share-${Date.now()}` });
  const packetFen = shared.redPacket!.amountFen;
  const split = await runAsMaster('runPoolSplit', { slot: new Date().toISOString() });
  expect(split.totalFen).toBe(packetFen);
  // An equal split gives the fen that do not divide evenly to some members: read what Bella got.
  const { splits } = await runAs(setup.tokens.bella, 'listSplits', { groupId, limit: 1 });
  const bellaId = (await runAs(setup.tokens.bella, 'me', {})).user.objectId;
  const bellaFen = at(
    at(splits, 0).shares.filter((share) => share.userId === bellaId),
    0,
  ).amountFen;
  expect(bellaFen).toBeGreaterThanOrEqual(Math.floor(packetFen / MEMBERS.length));
  expect(bellaFen).toBeLessThanOrEqual(Math.ceil(packetFen / MEMBERS.length));

  // The notice arrives: the Messages tab asks again when shown (here: a reload).
  await bella.reload();
  await expectText(bella, '#notices-entry .notices-entry__badge', '1');
  await expectText(bella, '#notices-entry', '1 条未读通知');
  await shot(bella, 'notices-c1-messages-unread');

  await bella.click('#notices-entry');
  await bella.waitForURL(/packages\/notices\/list/);
  const notice = bella.locator('.notice--split_paid');
  await notice.first().waitFor();
  await expectText(bella, '.notice--unread .notice__title', '瓜分到账');
  await expectText(bella, '.notice__body', `「通知测试群」本轮瓜分，你分得 ¥${formatFen(bellaFen)}`);
  await shot(bella, 'notices-c2-list');

  await notice.first().click();
  await bella.waitForURL(/packages\/wallet\/splits/);
  await bella.locator('.split-share--mine').waitFor();
  expect((await runAs(setup.tokens.bella, 'unreadCount', {})).unreadCount).toBe(0);

  await bella.goto(`${app.host.url}/#/pages/messages/index`);
  await expectText(bella, '#notices-entry', '瓜分到账、红包、拼团和拼单的消息');
  expect(await bella.locator('#notices-entry .notices-entry__badge').count()).toBe(0);
});
