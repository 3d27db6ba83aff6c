/**
 * End-to-end: the product page in the H5 build (headless Chromium, real test host). From the
 * shared list a member opens an item: its drawn pictures in a gallery, price, shop, who wants it
 * and who bought it; then wants it, marks it bought, shares it and adds it to the group's pooled
 * order from the same page. Screenshots: test/artifacts/h5-product-*.png.
 *
 * Run: npx jest test/e2e/product.test.ts
 */
import { initSdk, runAs } from '../support/sdk';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { confirmModal, expectText, openAs, shot, startH5App, type H5App } from './h5App';
import { firstOf } from '../support/at';

jest.setTimeout(120_000);

let app: H5App;
let setup: ActiveGroup;

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  // No share wins here, so the share's quiet confirmation is what shows.
  await app.host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '0')`);
  setup = await createActiveGroup('商品页测试群', ['alice', 'bella', 'cathy', 'david']);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

test('a member opens an item from the list and wants, marks bought, shares and pools it from its page', async () => {
  const groupId = setup.group.groupId;
  // A long title with Latin words, to see it clamped without a word cut in two.
  const product = firstOf(
    await app.host.store.query<{ id: string; title: string; shop_name: string }>(
      `select id, title, shop_name from products where title like 'Lululemon%' limit 1`,
    ),
  );
  const { item } = await runAs(setup.tokens.bella, 'addWishlistItem', {
    groupId,
    productId: product.id,
    requestId: `product-add-${Date.now()}`,
  });
  await runAs(setup.tokens.cathy, 'wantItem', { itemId: item.itemId, on: true });
  const pooled = await runAs(setup.tokens.bella, 'startPooledOrder', {
    groupId,
    deadline: new Date(Date.now() + 3 * 3600_000).toISOString(),
    requestId: `product-pool-${Date.now()}`,
  });

  const alice = await app.newPage();
  await openAs(alice, app, 'alice', `/packages/list/home/index?groupId=${groupId}`);
  await alice.locator('.wish-item', { hasText: product.title }).locator('.wish-item__image').click();
  await alice.waitForURL(/packages\/list\/product\/index\?itemId=/);

  await expectText(alice, '#product-title', product.title);
  await expectText(alice, '#product-shop', product.shop_name);
  await expectText(alice, '#product-price', '¥');
  // Three drawn views in the gallery, each a picture the host serves.
  await expect(alice.locator('.product-gallery__image').count()).resolves.toBe(3);
  const firstSrc = await alice.locator('#product-image-0 img').first().getAttribute('src');
  expect(firstSrc).toContain(`/images/products/${product.id}.svg`);
  const picture = await alice.request.get(firstSrc!);
  expect(picture.status()).toBe(200);
  expect(await picture.text()).toContain('<linearGradient');
  // The title is clamped to two lines, wrapping between words.
  const titleStyle = await alice.locator('#product-title').evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      clamp: style.webkitLineClamp,
      wordBreak: style.wordBreak,
      lines: el.getBoundingClientRect().height / parseFloat(style.lineHeight),
    };
  });
  expect(titleStyle).toMatchObject({ clamp: '2', wordBreak: 'normal' });
  expect(titleStyle.lines).toBeLessThanOrEqual(2.05);
  await expectText(alice, '#product-wanters', '想要的人 1');
  await expectText(alice, '#product-wanters', 'Cathy 凯茜');
  await expectText(alice, '#product-buyers', '还没有人买');
  await shot(alice, 'product-1-opened');

  await alice.click('#product-want');
  await expectText(alice, '#product-wanters', '想要的人 2');
  await expectText(alice, '#product-wanters .product-people__name', '我');
  await expectText(alice, '#product-want', '已想要');

  await alice.click('#product-bought');
  await expectText(alice, '#product-buyers .product-people__name', '我');
  await alice.locator('#product-bought').waitFor({ state: 'detached' });

  await alice.click('#product-share');
  // The toast's outer element has no box of its own; its text paragraph does.
  await expectText(alice, '.taro__toast p', '已分享到群里');
  await shot(alice, 'product-2-acted');

  await alice.click('#product-pool');
  await expectText(alice, '.taro-modal__content', '已把');
  await confirmModal(alice);
  await alice.waitForURL(/packages\/shop\/pooled\/index\?id=/);
  const view = await runAs(setup.tokens.bella, 'getPooledOrder', { pooledOrderId: pooled.pooledOrder.pooledOrderId });
  // Every member is listed; only Alice has a line: this item, once.
  const withLines = view.members.filter((member) => member.lines.length > 0);
  expect(withLines.map((member) => ({ nickname: member.nickname, lines: member.lines.map((line) => [line.itemId, line.qty]) }))).toEqual([
    { nickname: 'Alice 爱丽丝', lines: [[item.itemId, 1]] },
  ]);

  // What the page did is what the group sees.
  const { items } = await runAs(setup.tokens.bella, 'listWishlist', { groupId });
  expect(items.find((entry) => entry.itemId === item.itemId)).toMatchObject({ wantCount: 2, bought: true, shareCount: 1 });
});
