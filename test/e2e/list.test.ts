/**
 * End-to-end: the shared product list in the H5 build (headless Chromium, real test host).
 * Two members add items by link and by share code, one wants and shares the other's item,
 * and the group feed tells each step in plain words. Screenshots: test/artifacts/h5-list-*.png.
 *
 * Run: npx jest test/e2e/list.test.ts
 */
import type { Page } from 'playwright-core';
import { initSdk, runAs } from '../support/sdk';
import { createActiveGroup, type ActiveGroup } from './groupSetup';
import { confirmModal, expectText, openAs, shot, startH5App, type H5App } from './h5App';
import { at, leading } from '../support/at';

jest.setTimeout(120_000);

let app: H5App;
let setup: ActiveGroup;

interface CatalogProduct {
  id: string;
  title: string;
  share_code: string;
}

beforeAll(async () => {
  app = await startH5App();
  initSdk(app.host);
  // No share wins here, so the share's quiet confirmation is what shows (the money test makes wins certain).
  await app.host.store.query(`update campaigns set config = jsonb_set(config, '{shareReward,probability}', '0')`);
  setup = await createActiveGroup('清单测试群', ['alice', 'bella', 'cathy', 'david']);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

const listRoute = (groupId: string) => `/packages/list/home/index?groupId=${groupId}`;
const itemCard = (page: Page, title: string) => page.locator('.wish-item', { hasText: title });

async function catalogProducts(count: number): Promise<CatalogProduct[]> {
  return app.host.store.query<CatalogProduct>(
    'select id, title, share_code from products where share_code is not null order by id limit $1',
    [count],
  );
}

/** From the list page: the add page, paste, add; back on the list with the item shown. Catalog share codes are stored bare (no ￥…￥). */
async function addByPasting(page: Page, pasted: string, expectedTitle: string, note?: string): Promise<void> {
  await page.click('#add-item-button');
  await page.waitForURL(/packages\/list\/add/);
  if (note) await page.locator('#note-input textarea').fill(note);
  await page.locator('#paste-input textarea').fill(pasted);
  await page.click('#add-pasted-button');
  await page.waitForURL(/packages\/list\/home/);
  await itemCard(page, expectedTitle).waitFor();
}

test('two members add by link and by share code; one wants and shares the other’s item; the feed tells it all', async () => {
  const [linkProduct, codeProduct, pickProduct] = leading(await catalogProducts(3), 3);
  const groupId = setup.group.groupId;
  expect(setup.group.status).toBe('active');

  // Alice goes from the group home to the (empty) shared list.
  const alice = await app.newPage();
  await openAs(alice, app, 'alice', `/packages/group/home/index?groupId=${groupId}`);
  await alice.click('#open-wishlist');
  await alice.waitForURL(/packages\/list\/home/);
  await expectText(alice, '.state__title', '清单还是空的');
  await shot(alice, 'list-a1-empty');

  // Something unrecognisable first: the server's 4010 message, with an accepted example, is shown as is.
  await alice.click('#add-item-button');
  await alice.waitForURL(/packages\/list\/add/);
  await alice.locator('#paste-input textarea').fill('这不是链接');
  await alice.click('#add-pasted-button');
  await expectText(alice, '.add-error', '没认出这个商品');
  await expectText(alice, '.add-error', '例如');
  await shot(alice, 'list-a2-not-recognised');
  await alice.goBack();
  await alice.waitForURL(/packages\/list\/home/);

  // Alice adds by link, with a note.
  await addByPasting(alice, `https://item.taobao.com/item.htm?id=${linkProduct.id}&spm=a1z10`, linkProduct.title, '想要这个色号');
  const aliceCard = itemCard(alice, linkProduct.title);
  await expectText(alice, `.wish-item:has-text("${linkProduct.title}") .wish-item__by`, '我 添加');
  await expectText(alice, '.wish-item__note', '想要这个色号');
  expect(await aliceCard.locator('.wish-item__price').textContent()).toMatch(/^¥\d+\.\d{2}$/);
  await shot(alice, 'list-a3-added-by-link');

  // Bella adds by share code (淘口令 inside the usual message), then picks one from the catalog into her Double 11 list.
  const bella = await app.newPage();
  await openAs(bella, app, 'bella', listRoute(groupId));
  await itemCard(bella, linkProduct.title).waitFor();
  await addByPasting(bella, `【淘宝】复制这条信息 ￥${codeProduct.share_code}￥ 打开手机淘宝`, codeProduct.title);
  await expectText(bella, `.wish-item:has-text("${linkProduct.title}") .wish-item__by`, 'Alice');

  await bella.click('#add-item-button');
  await bella.waitForURL(/packages\/list\/add/);
  await bella.click('#add-list-double11');
  await bella.locator('#catalog-search-input input').fill(pickProduct.title.slice(0, 6));
  await bella.click('#catalog-search');
  await bella.locator(`#product-${pickProduct.id} .catalog-product__pick`).click();
  await bella.waitForURL(/packages\/list\/home/);
  await bella.click('#tab-double11');
  await itemCard(bella, pickProduct.title).waitFor();
  await bella.click('#tab-group');
  await itemCard(bella, codeProduct.title).waitFor();

  // Bella wants Alice's item too, and shares it into the group.
  const onBella = itemCard(bella, linkProduct.title);
  await onBella.locator('.want-toggle').click();
  await expectText(bella, `.wish-item:has-text("${linkProduct.title}") .want-toggle`, '已想要 1');
  await onBella.locator('.share-button').click();
  // The toast's outer element has no box of its own; its text paragraph does.
  await expectText(bella, '.taro__toast p', '已分享到群里');
  await shot(bella, 'list-a4-shared');
  await expect(bella.locator('.red-packet').count()).resolves.toBe(0);

  // Alice marks Bella's item bought, and sees Bella's want.
  await alice.reload();
  await expectText(alice, `.wish-item:has-text("${linkProduct.title}") .want-toggle`, '我也想要 1');
  await itemCard(alice, codeProduct.title).locator('.bought-button').click();
  await expectText(alice, `.wish-item:has-text("${codeProduct.title}") .wish-item__bought`, '我 已买');
  await shot(alice, 'list-a5-bought');

  // Cathy may not remove Alice's item (only the adder or the owner): the button is not offered.
  const cathy = await app.newPage();
  await openAs(cathy, app, 'cathy', listRoute(groupId));
  await itemCard(cathy, linkProduct.title).waitFor();
  expect(await itemCard(cathy, linkProduct.title).locator('.remove-button').count()).toBe(0);

  // Alice (the owner) removes Bella's item after confirming.
  await itemCard(alice, codeProduct.title).locator('.remove-button').click();
  await confirmModal(alice);
  await itemCard(alice, codeProduct.title).waitFor({ state: 'detached' });

  // The group home's feed tells every step in plain words.
  await alice.goto(`${app.host.url}/#/packages/group/home/index?groupId=${groupId}`);
  const feed = alice.locator('.feed-item__text');
  await expectText(alice, '.feed-item__text', `Alice 爱丽丝 把「${linkProduct.title}」加入了共享清单`);
  await expectText(alice, '.feed-item__text', `Bella 贝拉 把「${codeProduct.title}」加入了共享清单`);
  await expectText(alice, '.feed-item__text', `Bella 贝拉 把「${pickProduct.title}」加入了双11清单`);
  await expectText(alice, '.feed-item__text', `Bella 贝拉 也想要 Alice 爱丽丝 的「${linkProduct.title}」`);
  await expectText(alice, '.feed-item__text', `Bella 贝拉 把 Alice 爱丽丝 的「${linkProduct.title}」分享到了群里`);
  await expectText(alice, '.feed-item__text', `Alice 爱丽丝 买了 Bella 贝拉 的「${codeProduct.title}」`);
  expect((await feed.allTextContents()).join('\n')).not.toMatch(/item_/);
  await shot(alice, 'list-a6-feed');
});

test('a long list and the catalog page in: each further page adds only what is not shown yet', async () => {
  const paging = await createActiveGroup('翻页测试群', ['emma', 'fiona', 'ivy', 'lily']);
  const products = await catalogProducts(22);
  for (const product of products) {
    await runAs(paging.tokens.emma, 'addWishlistItem', {
      groupId: paging.group.groupId,
      productId: product.id,
      requestId: `paging-${product.id}`,
    });
  }
  const emma = await app.newPage();
  await openAs(emma, app, 'emma', listRoute(paging.group.groupId));
  // Newest first: the last product added heads the first page of 20, the first added waits for the next.
  await itemCard(emma, at(products, 21).title).waitFor();
  expect(await emma.locator('.wish-item').count()).toBe(20);
  expect(await itemCard(emma, at(products, 0).title).count()).toBe(0);
  await emma.click('#load-more');
  await itemCard(emma, at(products, 0).title).waitFor();
  expect(await emma.locator('.wish-item').count()).toBe(22);
  await expectText(emma, '.list-end', '没有更多了');
  await shot(emma, 'list-b1-second-page');

  // The catalog picker: a second page of 20 different products.
  await emma.click('#add-item-button');
  await emma.waitForURL(/packages\/list\/add/);
  await emma.locator('.catalog-product').nth(19).waitFor();
  expect(await emma.locator('.catalog-product').count()).toBe(20);
  await emma.click('#catalog-more');
  await emma.locator('.catalog-product').nth(39).waitFor();
  const shown = await emma.locator('.catalog-product').evaluateAll((cards) => cards.map((card) => card.id));
  expect(shown).toHaveLength(40);
  expect(new Set(shown).size).toBe(40);
});

test('a whole Taobao share message pasted: its 「」 title is the item, and pasting it again says it is on the list already', async () => {
  const groupId = setup.group.groupId;
  const title = 'Apple/苹果 iPhone 15 Pro Max 256GB 原色钛金属 官方正品 国行 全网通 5G 手机';
  const message = `【淘宝】https://m.tb.cn/h.gE2eTe5?tk=Qw7Er9Ty2Ui CZ0001 「${title}」\n点击链接直接打开 或者 淘宝搜索直接打开`;

  const cathy = await app.newPage();
  await openAs(cathy, app, 'cathy', listRoute(groupId));
  await cathy.locator('#add-item-button').waitFor();
  await addByPasting(cathy, message, title.slice(0, 20));
  const card = itemCard(cathy, title.slice(0, 20));
  await expectText(cathy, `#${await card.getAttribute('id')} .wish-item__by`, '我 添加');

  // The title is clamped to two lines and never broken inside a word; the actions stay on one line.
  const layout = await card.evaluate((el) => {
    const titleEl = el.querySelector('.wish-item__title')!;
    const style = getComputedStyle(titleEl);
    const chips = Array.from(el.querySelectorAll('.wish-item__actions .chip')).map((chip) => chip.getBoundingClientRect());
    return {
      wordBreak: style.wordBreak,
      clamp: style.getPropertyValue('-webkit-line-clamp'),
      lines: Math.round(titleEl.getBoundingClientRect().height / parseFloat(style.lineHeight)),
      chipRows: new Set(chips.map((r) => Math.round(r.top))).size,
      chipsInside: chips.every((r) => r.right <= el.getBoundingClientRect().right),
    };
  });
  expect(layout).toEqual({ wordBreak: 'normal', clamp: '2', lines: 2, chipRows: 1, chipsInside: true });
  await shot(cathy, 'list-c1-share-message');

  // David pastes the same message: no second entry; he is told it is there and now wants it.
  const david = await app.newPage();
  await openAs(david, app, 'david', listRoute(groupId));
  await itemCard(david, title.slice(0, 20)).waitFor();
  await david.click('#add-item-button');
  await david.waitForURL(/packages\/list\/add/);
  await david.locator('#paste-input textarea').fill(message);
  await david.click('#add-pasted-button');
  await expectText(david, '.taro__toast p', '里已有它（Cathy 凯茜 加的），已帮你点了想要');
  await david.waitForURL(/packages\/list\/home/);
  await expectText(david, `.wish-item:has-text("${title.slice(0, 20)}") .want-toggle`, '已想要 1');
  expect(await itemCard(david, title.slice(0, 20)).count()).toBe(1);
  await shot(david, 'list-c2-already-on-list');

  // Cathy pastes it once more: her own item, nothing changes.
  await cathy.click('#add-item-button');
  await cathy.waitForURL(/packages\/list\/add/);
  await cathy.locator('#paste-input textarea').fill(message);
  await cathy.click('#add-pasted-button');
  await expectText(cathy, '.taro__toast p', '你已经加过这件宝贝了');
  await cathy.waitForURL(/packages\/list\/home/);
  expect(await itemCard(cathy, title.slice(0, 20)).count()).toBe(1);
});
