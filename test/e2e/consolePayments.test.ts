/**
 * End-to-end: the console's payments section (支付) in headless Chromium, on a demo-mode test
 * host. Shoppers pay through the API with the demo provider (Alice opens a group buy; Bella opens
 * one and leaves it, refunded at once); rows a demo host cannot make — a WeChat Pay payment whose
 * reported amount differs, its failed refund, a failed withdrawal, and enough closed intents to
 * need a second page — are written straight into the host's database. Mona then reads the lists,
 * pages, exports, and the reconciliation with its red row. Screenshots: test/artifacts/console-payments-*.png.
 *
 * Needs /usr/bin/chromium (Debian package `chromium`).
 * Run: NODE_OPTIONS=--experimental-vm-modules npx jest test/e2e/consolePayments.test.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DealJson } from '../../contract/commerce';
import type { PaymentJson } from '../../contract/payments';
import { newObjectId } from '../../cloud/ids';
import { formatYuan } from '../../contract/formatFen';
import { firstOf } from '../support/at';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs } from '../support/sdk';
import { ROOT } from './buildBundle';
import { ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, UI_TIMEOUT_MS } from './h5App';

// Its own build folder: the console test builds into dist/test-console and may run beside this one.
const CONSOLE_DIR = path.join(ROOT, 'dist/test-console-payments');
/** Closed intents written for paging: more than one page of the server's 50. */
const CLOSED_INTENTS = 55;

jest.setTimeout(120_000);

let host: TestHost;
let browser: Browser;
let consoleUrl: string;
let campaignId: string;
let deal: DealJson;
let alicePayment: PaymentJson;
let bellaPayment: PaymentJson;
const mismatch = {
  paymentId: newObjectId(),
  tradeId: '4200002611112026111100000001',
  refundId: newObjectId(),
  withdrawalId: newObjectId(),
};

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The host serves the console folder only if it exists when it starts; the build needs the host's credentials.
  fs.mkdirSync(CONSOLE_DIR, { recursive: true });
  host = await startTestHost({ demo: true, consoleDir: CONSOLE_DIR });
  execFileSync(process.execPath, [path.join(ROOT, 'console/build.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, OUT_DIR: path.relative(ROOT, CONSOLE_DIR), APP_ID: host.appId, APP_KEY: host.appKey },
  });
  consoleUrl = `${host.url}/console/`;
  initSdk(host);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

  // Payments through the API, with the demo provider (the default for a password login in demo mode).
  const alice = await login('alice');
  const bella = await login('bella');
  const listed = await runAs(alice, 'listDeals', {});
  campaignId = listed.campaignId!;
  // A deal of three or more: one paid seat leaves the group buy open.
  deal = listed.deals.find((d) => d.size >= 3 && !d.virtualCompletion)!;
  const opened = await runAs(alice, 'openGroupBuy', { dealId: deal.dealId, requestId: `pay-e2e-a-${Date.now()}` });
  alicePayment = opened.payment;
  const bellas = await runAs(bella, 'openGroupBuy', { dealId: deal.dealId, requestId: `pay-e2e-b-${Date.now()}` });
  await runAs(bella, 'leaveGroupBuy', { groupBuyId: bellas.groupBuy.groupBuyId });
  bellaPayment = (await runAs(bella, 'getPayment', { paymentId: bellas.payment.paymentId })).payment;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function userId(username: string): Promise<string> {
  return firstOf(await host.store.query<{ id: string }>('select id from users where username = $1', [username])).id;
}

/** What a demo host cannot produce: a provider reporting another amount, a refund it gave up on, a failed withdrawal, many closed intents. */
async function writeProviderTrouble(): Promise<void> {
  const cathy = await userId('cathy');
  const now = new Date();
  await host.store.query(
    `insert into payments (id, user_id, provider, purpose, target_id, campaign_id, request_id, amount_fen, wallet_fen, status,
       provider_trade_id, provider_paid_fen, expires_at, created_at, paid_at, refunded_fen)
     values ($1, $2, 'wechatpay', 'group_buy', $3, $4, $5, 9900, 0, 'refunding', $6, 9800, $7, $7, $7, 9800)`,
    [mismatch.paymentId, cathy, newObjectId(), campaignId, `e2e-${mismatch.paymentId}`, mismatch.tradeId, now],
  );
  await host.store.query(
    `insert into payment_refunds (id, payment_id, effect_key, amount_fen, reason, status, attempts, next_attempt_at, fail_reason, created_at, finished_at)
     values ($1, $2, $3, 9800, '支付金额与订单不符，款项原路退回', 'failed', 3, $4, '商户账户余额不足', $4, $4)`,
    [mismatch.refundId, mismatch.paymentId, `mismatch-refund:${mismatch.paymentId}`, now],
  );
  await host.store.query(
    `insert into withdrawals (id, user_id, request_id, provider, amount_fen, status, fail_reason, attempts, next_attempt_at, created_at, finished_at)
     values ($1, $2, 'e2e-withdrawal', 'wechatpay', 1500, 'failed', '收款用户姓名校验不一致', 2, $3, $3, $3)`,
    [mismatch.withdrawalId, cathy, now],
  );
  // Older than every other payment, so they fill the end of the first page and the second.
  await host.store.query(
    `insert into payments (id, user_id, provider, purpose, target_id, campaign_id, request_id, amount_fen, wallet_fen, status,
       expires_at, created_at, closed_at)
     select lpad(to_hex(i), 24, 'e'), $1, 'demo', 'pooled_order', 'e2e-pooled', $2, 'e2e-closed-' || i, 1000 + i, 0, 'closed',
            $3::timestamptz - interval '1 hour', $3::timestamptz - interval '2 hours' - i * interval '1 minute', $3
     from generate_series(1, $4::int) i`,
    [cathy, campaignId, now, CLOSED_INTENTS],
  );
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[console page error] ${error.message}`));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `console-payments-${name}.png`), fullPage: true });
}

async function expectText(page: Page, selector: string, expected: string | RegExp): Promise<void> {
  try {
    await page.locator(selector, { hasText: expected }).first().waitFor({ state: 'visible' });
  } catch (error) {
    await shot(page, 'failure').catch(() => undefined);
    throw error;
  }
}

/** The cells of a table row, by column key. */
async function rowCells(page: Page, rowSelector: string): Promise<Record<string, string>> {
  const row = page.locator(rowSelector);
  await row.waitFor();
  return row.evaluate((tr) =>
    Object.fromEntries(Array.from(tr.querySelectorAll('td[data-col]')).map((td) => [td.getAttribute('data-col'), td.textContent?.trim()])),
  );
}

async function downloadCsv(page: Page, button: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  return { name: download.suggestedFilename(), lines: text.trimEnd().split('\r\n') };
}

test('支付: the demo payments listed, paged and exported; refunds, withdrawals and the reconciliation with its red row', async () => {
  expect(alicePayment).toMatchObject({ provider: 'demo', status: 'paid', amountFen: deal.groupPriceFen });
  expect(bellaPayment).toMatchObject({ provider: 'demo', status: 'refunded', refundedFen: deal.groupPriceFen });

  const mona = await newPage();
  await mona.goto(consoleUrl);
  await mona.fill('#login-username', 'mona');
  await mona.fill('#login-password', 'demo1234');
  await mona.click('#login-submit');
  await mona.waitForSelector('#campaign-table');

  // From the campaign list to the campaign's payments.
  await mona.click(`#campaign-table tr[data-campaign-id="${campaignId}"] a:text("支付")`);
  await mona.waitForSelector('#payments-table');
  expect(mona.url()).toContain(`#/payments?campaignId=${campaignId}`);
  await expectText(mona, '.topbar__nav a.active', '支付');
  await expectText(mona, '#tab-payments[aria-selected="true"]', '支付记录');

  // Both demo payments, newest first: Bella's refunded, Alice's paid.
  const ids = await mona.locator('#payments-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  expect(ids).toEqual([bellaPayment.paymentId, alicePayment.paymentId]);
  const price = formatYuan(deal.groupPriceFen);
  const aliceRow = await rowCells(mona, `#payments-table tr[data-id="${alicePayment.paymentId}"]`);
  expect(aliceRow).toMatchObject({
    payer: 'Alice 爱丽丝',
    provider: '演示',
    purpose: '拼团',
    payment_id: alicePayment.paymentId,
    provider_trade_id: '—',
    amount_yuan: price,
    wallet_yuan: '¥0.00',
    provider_paid_yuan: price,
    refunded_yuan: '¥0.00',
    status: '已支付',
  });
  await mona.locator(`#payments-table tr[data-id="${alicePayment.paymentId}"] .badge--tone-ok`).waitFor();
  const bellaRow = await rowCells(mona, `#payments-table tr[data-id="${bellaPayment.paymentId}"]`);
  expect(bellaRow).toMatchObject({ provider: '演示', status: '已退款', refunded_yuan: price });
  await expectText(mona, '#payments-all-loaded', '已全部加载');
  await shot(mona, 'list');

  // Demo refunds happen at once and never reach a provider: the refunds tab is empty; so is withdrawals.
  await mona.click('#tab-refunds');
  await expectText(mona, '#list-refunds .state--empty', '还没有退款');
  await mona.click('#tab-withdrawals');
  await expectText(mona, '#list-withdrawals .state--empty', '还没有提现');
  await expectText(mona, '#list-withdrawals', '所有用户的提现');

  // The providers' trouble arrives; a refresh shows it.
  await writeProviderTrouble();
  await mona.click('#withdrawals-refresh');
  const withdrawal = await rowCells(mona, `#withdrawals-table tr[data-id="${mismatch.withdrawalId}"]`);
  expect(withdrawal).toMatchObject({
    user: 'Cathy 凯茜',
    provider: '微信支付',
    amount_yuan: '¥15.00',
    status: '失败（已退回红包）',
    fail_reason: '收款用户姓名校验不一致',
  });
  await mona.locator(`#withdrawals-table tr.row--error[data-id="${mismatch.withdrawalId}"] .badge--tone-error`).waitFor();

  await mona.click('#tab-refunds');
  const refund = await rowCells(mona, `#refunds-table tr[data-id="${mismatch.refundId}"]`);
  expect(refund).toMatchObject({
    provider: '微信支付',
    refund_id: mismatch.refundId,
    payment_id: mismatch.paymentId,
    provider_refund_id: '—',
    amount_yuan: '¥98.00',
    status: '退款失败',
    attempts: '3',
    fail_reason: '商户账户余额不足',
  });
  await mona.locator(`#refunds-table tr.row--error[data-id="${mismatch.refundId}"] td.cell--error[data-col="fail_reason"]`).waitFor();
  await shot(mona, 'refunds');

  // Payments: a first page of 50, then 加载更多 for the rest.
  await mona.click('#tab-payments');
  await mona.waitForSelector('#payments-more');
  expect(await mona.locator('#payments-table tbody tr').count()).toBe(50);
  await expectText(mona, '#payments-count', '还有更多');
  const wechat = await rowCells(mona, `#payments-table tr[data-id="${mismatch.paymentId}"]`);
  expect(wechat).toMatchObject({
    provider: '微信支付',
    provider_trade_id: mismatch.tradeId,
    amount_yuan: '¥99.00',
    provider_paid_yuan: '¥98.00',
    status: '退款中',
  });
  await mona
    .locator(`#payments-table tr.row--error[data-id="${mismatch.paymentId}"] td.cell--error[data-col="provider_paid_yuan"]`)
    .waitFor();
  await mona.click('#payments-more');
  await mona.waitForSelector('#payments-all-loaded');
  const total = 3 + CLOSED_INTENTS;
  expect(await mona.locator('#payments-table tbody tr').count()).toBe(total);
  await expectText(mona, '#payments-table tbody tr:last-child td[data-col="status"]', '已关闭');

  // The CSV holds what is shown, every loaded page of it.
  const csv = await downloadCsv(mona, '#payments-export');
  expect(csv.name).toBe('double11-demo-payments.csv');
  expect(csv.lines[0]).toBe(
    'created_at,payer,provider,status,amount_yuan,wallet_yuan,provider_paid_yuan,refunded_yuan,purpose,payment_id,provider_trade_id,paid_at',
  );
  expect(csv.lines).toHaveLength(total + 1);
  const aliceCsv = csv.lines.find((l) => l.includes(alicePayment.paymentId))!.split(',');
  const plain = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  expect(aliceCsv.slice(1, 12)).toEqual([
    'Alice 爱丽丝',
    '演示',
    '已支付',
    plain(deal.groupPriceFen),
    '0.00',
    plain(deal.groupPriceFen),
    '0.00',
    '拼团',
    alicePayment.paymentId,
    '',
    aliceRow.paid_at,
  ]);

  // 对账: the server's numbers, the WeChat Pay row red, the demo row balanced.
  const { days } = await runAs(await login('mona'), 'paymentDays', { campaignId });
  const demoDay = days.find((d) => d.provider === 'demo' && d.paidCount > 0)!;
  const wechatDay = days.find((d) => d.provider === 'wechatpay' && d.mismatchCount > 0)!;
  expect(demoDay).toMatchObject({
    paidCount: 2,
    paidFen: 2 * deal.groupPriceFen,
    providerReportedFen: 2 * deal.groupPriceFen,
    mismatchCount: 0,
  });
  expect(wechatDay).toMatchObject({ paidFen: 9900, providerReportedFen: 9800, mismatchCount: 1, refundsFailed: 1, withdrawalsFailed: 1 });

  // An answer that fails shows the error and a retry.
  await mona.route('**/functions/paymentDays', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 1, error: '对账暂时不可用' }) }),
  );
  await mona.click('#tab-days');
  await expectText(mona, '#reconciliation .state--error', '对账暂时不可用');
  await mona.unroute('**/functions/paymentDays');
  await mona.click('#reconciliation .state--error button');

  await mona.waitForSelector('#days-table');
  await expectText(mona, '#days-summary.notice--error', '1 行对不上');
  const demoCells = await rowCells(mona, `#days-table tr[data-id="${demoDay.day}:demo"]`);
  expect(demoCells).toMatchObject({
    provider: '演示',
    paid_count: '2',
    paid_yuan: formatYuan(2 * deal.groupPriceFen),
    provider_reported_yuan: formatYuan(2 * deal.groupPriceFen),
    difference_yuan: '¥0.00',
    closed: String(demoDay.closedCount),
  });
  expect(await mona.locator(`#days-table tr[data-id="${demoDay.day}:demo"]`).getAttribute('class')).toBeNull();
  const wechatSelector = `#days-table tr.row--error[data-id="${wechatDay.day}:wechatpay"]`;
  const wechatCells = await rowCells(mona, wechatSelector);
  expect(wechatCells).toMatchObject({
    provider: '微信支付',
    paid_yuan: '¥99.00',
    provider_reported_yuan: '¥98.00',
    difference_yuan: '-¥1.00',
    mismatches: '1',
    refunds_failed: '1',
    withdrawals_failed: '1',
  });
  for (const col of ['difference_yuan', 'mismatches', 'refunds_failed']) {
    await mona.locator(`${wechatSelector} td.cell--error[data-col="${col}"]`).waitFor();
  }
  await expectText(mona, '#days-problems', '1 笔退款失败');
  await expectText(mona, '#days-explain', '每分钟');
  await expectText(mona, '#days-explain', '商户平台');
  await shot(mona, 'reconciliation');

  const daysCsv = await downloadCsv(mona, '#days-export');
  expect(daysCsv.name).toBe('double11-demo-reconciliation.csv');
  expect(daysCsv.lines).toHaveLength(days.length + 1);
  expect(daysCsv.lines).toContain(`${wechatDay.day},微信支付,1,99.00,98.00,-1.00,1,0.00,0,1,0,0.00,0.00,1`);

  // From the reconciliation's red row to the list it names.
  await mona.click('#days-problems a:text("查看退款")');
  await mona.waitForSelector('#refunds-table');
  await expectText(mona, '#tab-refunds[aria-selected="true"]', '退款');
  await mona.context().close();
});

test('a campaign that does not exist says so instead of an empty list', async () => {
  const page = await newPage();
  await page.goto(consoleUrl);
  await page.fill('#login-username', 'mona');
  await page.fill('#login-password', 'demo1234');
  await page.click('#login-submit');
  await page.waitForSelector('#campaign-table');
  // The section with no campaign named opens on the running one.
  await page.click('.topbar__nav a:text("支付")');
  await page.waitForURL(new RegExp(`#/payments\\?campaignId=${campaignId}$`));
  await page.waitForSelector('#payments-table');
  await page.goto(`${consoleUrl}#/payments?campaignId=${newObjectId()}&tab=days`);
  await expectText(page, '.state--empty', '找不到这个活动');
  await page.click('#lang-en');
  await expectText(page, '.state--empty', 'Campaign not found');
  await page.context().close();
});

/** Chinese characters: in English the section's own words have none (shoppers' nicknames and providers' reasons are data). */
const HAN = /\p{Script=Han}/u;

test('switched to English, the payments section says everything in English: tabs, headers, labels, the reconciliation and its CSV', async () => {
  const page = await newPage();
  await page.addInitScript(() => localStorage.setItem('console.lang', 'en'));
  await page.goto(consoleUrl);
  await page.fill('#login-username', 'mona');
  await page.fill('#login-password', 'demo1234');
  await page.click('#login-submit');
  await page.waitForSelector('#campaign-table');
  await page.goto(`${consoleUrl}#/payments?campaignId=${campaignId}`);
  await page.waitForSelector('#payments-table');

  expect(await page.locator('#payments-tabs').innerText()).toMatch(/Payment records\s+Refunds\s+Withdrawals\s+Reconciliation/);
  await expectText(page, '.page--payments .editor__meta', /Times in \S+/);
  const headers = await page.locator('#payments-table thead th').allInnerTexts();
  expect(headers).toEqual([
    'Created at',
    'Payer',
    'Provider',
    'Status',
    'Amount due',
    'Wallet',
    'Provider paid',
    'Refunded',
    'For',
    'Payment no. out_trade_no',
    'Provider trade no.',
    'Paid at',
  ]);
  const alice = await rowCells(page, `#payments-table tr[data-id="${alicePayment.paymentId}"]`);
  expect(alice).toMatchObject({ provider: 'Demo', status: 'Paid', purpose: 'Group buy' });
  const bella = await rowCells(page, `#payments-table tr[data-id="${bellaPayment.paymentId}"]`);
  expect(bella).toMatchObject({ status: 'Refunded' });
  expect(await page.locator('#payments-count').innerText()).toMatch(/^\d+ shown/);
  expect(await page.locator('#list-payments .toolbar').innerText()).not.toMatch(HAN);
  // The CSV holds what the operator saw, in the language shown.
  const csv = await downloadCsv(page, '#payments-export');
  expect(csv.lines.find((l) => l.includes(alicePayment.paymentId))).toMatch(/,Demo,Paid,.*,Group buy,/);

  await page.click('#tab-withdrawals');
  await expectText(page, '#list-withdrawals .toolbar', 'Withdrawals belong to no campaign');

  await page.click('#tab-days');
  await page.waitForSelector('#days-table');
  expect(await page.locator('#days-table thead').innerText()).toContain('Provider reported');
  await expectText(page, '#days-table tfoot', 'Total');
  await expectText(page, '#days-summary', /do not balance|Everything balances/);
  await expectText(page, '#days-explain', 'every minute');
  // The links inside the explanation lead to the lists they name.
  await expectText(page, '#days-explain a', 'Payment records');
  expect(await page.locator('#reconciliation').innerText()).not.toMatch(HAN);

  // Back in Chinese, the same page in Chinese only (no English beside it).
  await page.click('#lang-zh-CN');
  await expectText(page, '#days-explain', '每分钟');
  expect(await page.locator('#days-table thead').innerText()).not.toMatch(/[A-Za-z]{3,}/);
  await page.context().close();
});
