import { newObjectId } from '../../cloud/ids';
import type { FunctionName, ParamsOf } from '../../contract/functions';
import type { CouponTemplateInputJson, DealInputJson } from '../../contract/merchandising';
import { at, firstOf } from '../support/at';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { newShoppers, type Shopper } from '../support/shoppers';
import { initSdk, login, rawRequest, runAs, runAsMaster, sdkError } from '../support/sdk';

let host: TestHost;
let mona: string;
let alice: string;
let campaignId: string;
let shoppers: Shopper[];
const clock = fixedClock();
const HOUR = 3_600_000;
let seq = 0;
const rid = () => `merch-${Date.now()}-${++seq}`;

/** A call's raw answer, to read a 142's `issues`. */
async function answer<N extends FunctionName>(name: N, params: ParamsOf<N>, who: { session?: string; master?: boolean }) {
  return rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params, ...who });
}

/** The issues of a refused call, as `path: message`. */
async function issuesOf<N extends FunctionName>(name: N, params: ParamsOf<N>): Promise<Record<string, string>> {
  const { status, body } = await answer(name, params, { session: mona });
  expect({ status, code: body.code }).toEqual({ status: 400, code: 142 });
  return Object.fromEntries((body.issues as Array<{ path: string; message: string }>).map((i) => [i.path, i.message]));
}

function coupon(overrides: Partial<CouponTemplateInputJson> = {}): CouponTemplateInputJson {
  return {
    campaignId,
    kind: 'cross_store',
    title: '营销测试券 每满100减10',
    shopName: null,
    thresholdFen: 10_000,
    discountFen: 1_000,
    percentOff: null,
    capFen: null,
    stockTotal: 100,
    perUserLimit: 1,
    claimStartsAt: null,
    claimEndsAt: null,
    validFrom: null,
    validUntil: null,
    validDays: null,
    status: 'live',
    ...overrides,
  };
}

async function product(minPriceFen = 1_000): Promise<{ id: string; price_fen: number; shop_name: string }> {
  return firstOf(
    await host.store.query<{ id: string; price_fen: number; shop_name: string }>(
      'select id, price_fen, shop_name from products where price_fen >= $1 order by price_fen, id limit 1',
      [minPriceFen],
    ),
  );
}

function deal(productId: string, overrides: Partial<DealInputJson> = {}): DealInputJson {
  return {
    campaignId,
    productId,
    groupPriceFen: 500,
    leaderPriceFen: null,
    size: 3,
    timeLimitHours: 24,
    virtualCompletion: false,
    perUserLimit: null,
    openingsTotal: null,
    status: 'live',
    ...overrides,
  };
}

async function auditOf(
  action: string,
): Promise<Array<{ detail: { before: unknown; after: Record<string, unknown> }; actor_name: string }>> {
  return host.store.query(`select detail, actor_name from audit_log where action = $1 order by id desc`, [action]);
}

const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: number }).code);

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock });
  initSdk(host);
  mona = await login('mona');
  alice = await login('alice');
  campaignId = (await runAs(alice, 'listCoupons', {})).campaignId!;
  shoppers = await newShoppers('merch', 34);
});
afterAll(async () => {
  await host?.stop();
});

const shopper = (k: number) => at(shoppers, k);

describe(`merchandising: who may call (${testEngine()})`, () => {
  it('answers 206 without a login, 119 without the marketer role, and serves a marketer and the master key', async () => {
    const p = await product();
    const calls: Array<[FunctionName, unknown]> = [
      ['saveCoupon', { coupon: coupon({ status: 'draft' }) }],
      ['listCouponTemplates', {}],
      ['saveDeal', { deal: deal(p.id, { status: 'stopped' }) }],
      ['listGroupBuyDeals', {}],
      [
        'saveProduct',
        {
          product: {
            link: '700000000101',
            title: '权限测试',
            shopName: '测试店',
            priceFen: 100,
            category: '测试',
            images: [],
            stock: null,
          },
        },
      ],
      ['listCatalog', { limit: 1 }],
      ['importCatalog', { csv: 'productId,title,shopName,priceFen,category\n700000000102,权限测试,测试店,100,测试' }],
    ];
    for (const [name, params] of calls) {
      const anonymous = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params });
      expect({ name, status: anonymous.status, code: anonymous.body.code }).toEqual({ name, status: 401, code: 206 });
      const shopperAnswer = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params, session: alice });
      expect({ name, status: shopperAnswer.status, code: shopperAnswer.body.code }).toEqual({ name, status: 403, code: 119 });
      const marketer = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params, session: mona });
      expect({ name, status: marketer.status }).toEqual({ name, status: 200 });
    }
    const master = await runAsMaster('listCatalog', { limit: 1 });
    expect(master.products).toHaveLength(1);
    const byMaster = await runAsMaster('saveCoupon', { coupon: coupon({ status: 'draft', title: '主密钥建的券' }) });
    expect(byMaster.coupon.title).toBe('主密钥建的券');
  });
});

describe(`coupon templates (${testEngine()})`, () => {
  it('creates and edits with the audit entry of each, before and after', async () => {
    const { coupon: created } = await runAs(mona, 'saveCoupon', { coupon: coupon({ capFen: 3_000, validDays: 7 }) });
    expect(created).toMatchObject({
      campaignId,
      kind: 'cross_store',
      thresholdFen: 10_000,
      discountFen: 1_000,
      capFen: 3_000,
      stockTotal: 100,
      stockLeft: 100,
      claimedCount: 0,
      usedCount: 0,
      validDays: 7,
      status: 'live',
    });
    const [createdAudit] = await auditOf('coupon.create');
    expect(createdAudit).toMatchObject({ actor_name: 'mona', detail: { before: null, after: created } });

    const { coupon: edited } = await runAs(mona, 'saveCoupon', {
      coupon: coupon({ couponId: created.couponId, title: '改过的券', capFen: 3_000, validDays: 7, stockTotal: 150 }),
    });
    expect(edited).toMatchObject({ couponId: created.couponId, title: '改过的券', stockTotal: 150, stockLeft: 150 });
    const [updatedAudit] = await auditOf('coupon.update');
    expect(updatedAudit!.detail.before).toEqual(created);
    expect(updatedAudit!.detail.after).toEqual(edited);
    expect((await sdkError(runAs(mona, 'saveCoupon', { coupon: coupon({ couponId: newObjectId() }) }))).code).toBe(101);
    expect((await sdkError(runAs(mona, 'saveCoupon', { coupon: coupon({ campaignId: newObjectId() }) }))).code).toBe(101);
  });

  it('refuses what does not fit with a 142 naming each field in Chinese, changing nothing', async () => {
    const before = await host.store.query<{ n: number }>('select count(*)::int as n from coupon_templates');
    expect(await issuesOf('saveCoupon', { coupon: coupon({ thresholdFen: 1_000, discountFen: 1_000 }) })).toEqual({
      'coupon.thresholdFen': '跨店满减券的门槛（每满多少）必须大于减免金额',
    });
    expect(await issuesOf('saveCoupon', { coupon: coupon({ kind: 'percent', thresholdFen: 0, discountFen: 0, percentOff: 10 }) })).toEqual({
      'coupon.capFen': '折扣券要有封顶金额（例如最多减 2000 分）',
    });
    expect(await issuesOf('saveCoupon', { coupon: coupon({ kind: 'shop', shopName: '没有这家店' }) })).toEqual({
      'coupon.shopName': '商品库里没有"没有这家店"的商品，请检查店铺名称',
    });
    const windows = await issuesOf('saveCoupon', {
      coupon: coupon({
        claimStartsAt: '2025-11-06T00:00:00+08:00',
        claimEndsAt: '2025-11-05T00:00:00+08:00',
        validDays: 3,
        validUntil: '2025-12-01T00:00:00+08:00',
      }),
    });
    expect(windows).toEqual({
      'coupon.claimEndsAt': '领取结束时间必须晚于开始时间',
      'coupon.validDays': '有效期二选一：固定起止时间，或领取后若干天，不能同时填写',
    });
    const fields = await issuesOf('saveCoupon', { coupon: coupon({ percentOff: 120, stockTotal: -1, title: ' ' }) });
    expect(fields).toEqual({
      'coupon.title': '券名称不能为空',
      'coupon.percentOff': '折扣（减百分之几）应在 1-99 之间',
      'coupon.stockTotal': '发放总量应在 0-10000000 之间',
    });
    expect(await host.store.query('select count(*)::int as n from coupon_templates')).toEqual(before);
  });

  it('lists a campaign’s templates a page at a time, newest first', async () => {
    const made: string[] = [];
    for (let k = 0; k < 3; k++) {
      made.push((await runAs(mona, 'saveCoupon', { coupon: coupon({ title: `分页券 ${k}`, status: 'stopped' }) })).coupon.couponId);
      clock.advance(1000);
    }
    const first = await runAs(mona, 'listCouponTemplates', { campaignId, status: 'stopped', limit: 2 });
    expect(first.coupons.map((c) => c.couponId)).toEqual([made[2], made[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await runAs(mona, 'listCouponTemplates', { campaignId, status: 'stopped', limit: 2, cursor: first.nextCursor! });
    expect(second.coupons.map((c) => c.couponId)).toContain(made[0]);
    expect(second.coupons.map((c) => c.couponId)).not.toContain(made[1]);
    expect((await runAs(mona, 'listCouponTemplates', { campaignId: newObjectId() })).coupons).toEqual([]);
    expect(await issuesOf('listCouponTemplates', { cursor: 'not-a-cursor' })).toEqual({ cursor: '必须是上一页返回的 nextCursor' });
  });

  it('shows shoppers only live templates in their claim window, and refuses claims outside it', async () => {
    const now = clock.now().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const save = async (title: string, o: Partial<CouponTemplateInputJson>) =>
      (await runAs(mona, 'saveCoupon', { coupon: coupon({ title, ...o }) })).coupon.couponId;
    const open = await save('窗口内', { claimStartsAt: iso(-HOUR), claimEndsAt: iso(HOUR) });
    const draft = await save('草稿', { status: 'draft' });
    const stopped = await save('已停', { status: 'stopped' });
    const early = await save('未开抢', { claimStartsAt: iso(2 * HOUR) });
    const late = await save('已结束领取', { claimStartsAt: iso(-3 * HOUR), claimEndsAt: iso(-HOUR) });
    const listed = (await runAs(alice, 'listCoupons', {})).coupons.map((c) => c.templateId);
    expect(listed).toContain(open);
    for (const hidden of [draft, stopped, early, late]) expect(listed).not.toContain(hidden);
    const shown = (await runAs(alice, 'listCoupons', {})).coupons.find((c) => c.templateId === open)!;
    expect(shown).toMatchObject({ claimEndsAt: new Date(now + HOUR).toISOString(), percentOff: null });

    expect((await runAs(alice, 'claimCoupon', { templateId: open, requestId: rid() })).coupon.templateId).toBe(open);
    expect((await sdkError(runAs(alice, 'claimCoupon', { templateId: draft, requestId: rid() }))).code).toBe(101);
    const stoppedRefusal = await sdkError(runAs(alice, 'claimCoupon', { templateId: stopped, requestId: rid() }));
    expect(stoppedRefusal).toMatchObject({ code: 4006, message: expect.stringMatching(/停止发放/) });
    const earlyRefusal = await sdkError(runAs(alice, 'claimCoupon', { templateId: early, requestId: rid() }));
    expect(earlyRefusal).toMatchObject({ code: 4006, message: expect.stringMatching(/还没开始领取/) });
    const lateRefusal = await sdkError(runAs(alice, 'claimCoupon', { templateId: late, requestId: rid() }));
    expect(lateRefusal).toMatchObject({ code: 4006, message: expect.stringMatching(/领取时间已经结束/) });
    expect(
      await host.store.query('select count(*)::int as n from user_coupons where template_id = any($1)', [[draft, stopped, early, late]]),
    ).toEqual([{ n: 0 }]);
  });

  it('keeps the terms of claimed coupons, and the stock never below what is claimed', async () => {
    const { coupon: created } = await runAs(mona, 'saveCoupon', { coupon: coupon({ stockTotal: 5, perUserLimit: 2 }) });
    const input = coupon({ couponId: created.couponId, stockTotal: 5, perUserLimit: 2 });
    await runAs(alice, 'claimCoupon', { templateId: created.couponId, requestId: rid() });
    await runAs(alice, 'claimCoupon', { templateId: created.couponId, requestId: rid() });
    expect(await issuesOf('saveCoupon', { coupon: { ...input, discountFen: 2_000 } })).toEqual({
      'coupon.kind': '已有 2 张被领取，券的类型、门槛、金额、折扣、封顶和店铺都不能再改；可以停止这张券再新建一张',
    });
    expect(await issuesOf('saveCoupon', { coupon: { ...input, stockTotal: 1 } })).toEqual({
      'coupon.stockTotal': '发放总量不能少于已领取的 2 张（可以增加，或停止发放）',
    });
    const exact = await runAs(mona, 'saveCoupon', { coupon: { ...input, stockTotal: 2, title: '改名可以' } });
    expect(exact.coupon).toMatchObject({ stockTotal: 2, stockLeft: 0, claimedCount: 2, title: '改名可以' });
    expect((await sdkError(runAs(shopper(0).token, 'claimCoupon', { templateId: created.couponId, requestId: rid() }))).code).toBe(4020);
  });

  it('raises stock while 32 claims run: never oversold, never below what is claimed', async () => {
    const { coupon: created } = await runAs(mona, 'saveCoupon', {
      coupon: coupon({ title: '并发加库存', stockTotal: 10, perUserLimit: 5 }),
    });
    const input = coupon({ couponId: created.couponId, title: '并发加库存', perUserLimit: 5 });
    const claims = shoppers.slice(0, 32).map((s) => runAs(s.token, 'claimCoupon', { templateId: created.couponId, requestId: rid() }));
    // Raises and a cut below what may be claimed by then, all while the claims run.
    const edits = [
      runAs(mona, 'saveCoupon', { coupon: { ...input, stockTotal: 20 } }),
      runAs(mona, 'saveCoupon', { coupon: { ...input, stockTotal: 24 } }),
      runAs(mona, 'saveCoupon', { coupon: { ...input, stockTotal: 3 } }),
    ];
    const claimResults = await Promise.allSettled(claims);
    const editResults = await Promise.allSettled(edits);
    const won = claimResults.filter((r) => r.status === 'fulfilled').length;
    expect(codes(claimResults).every((c) => c === 4020)).toBe(true);
    // The cut is refused once more than three are claimed; before that it stands until a raise.
    for (const e of editResults) if (e.status === 'rejected') expect((e.reason as { code: number }).code).toBe(142);
    const [row] = await host.store.query<{ stock_total: number; stock: number; claimed: number }>(
      `select t.stock_total, t.stock, (select count(*)::int from user_coupons u where u.template_id = t.id) as claimed
       from coupon_templates t where t.id = $1`,
      [created.couponId],
    );
    expect(row!.claimed).toBe(won);
    expect(row!.stock_total - row!.stock).toBe(won);
    expect(row!.stock).toBeGreaterThanOrEqual(0);
    expect(won).toBeLessThanOrEqual(24);
    expect(won + codes(claimResults).length).toBe(32);
    // Below what is claimed is refused; raising afterwards always works.
    const cut = await answer('saveCoupon', { coupon: { ...input, stockTotal: won - 1 } }, { session: mona });
    expect(cut.body).toMatchObject({ code: 142, issues: [{ path: 'coupon.stockTotal' }] });
    const raised = await runAs(mona, 'saveCoupon', { coupon: { ...input, stockTotal: won + 5 } });
    expect(raised.coupon).toMatchObject({ claimedCount: won, stockLeft: 5 });
  });
});

describe(`coupons in pooled plans (${testEngine()})`, () => {
  let groupId: string;
  let itemId: string;
  let amountFen: number;
  const members = () => shoppers.slice(30, 34);

  beforeAll(async () => {
    const [owner, ...rest] = members();
    const { group } = await runAs(owner!.token, 'createGroup', { name: '折扣券测试群', requestId: rid() });
    const { inviteCode } = await runAs(owner!.token, 'createInvite', { groupId: group.groupId });
    for (const m of rest) await runAs(m.token, 'joinGroup', { inviteCode });
    groupId = group.groupId;
    const p = await product(15_000);
    amountFen = p.price_fen;
    itemId = (await runAs(owner!.token, 'addWishlistItem', { groupId, productId: p.id, requestId: rid() })).item.itemId;
  });

  async function pooledWith(templateId: string, holder: Shopper): Promise<string> {
    await runAs(holder.token, 'claimCoupon', { templateId, requestId: rid() });
    const owner = at(members(), 0);
    const deadline = new Date(clock.now().getTime() + 6 * HOUR).toISOString();
    const { pooledOrder } = await runAs(owner.token, 'startPooledOrder', { groupId, deadline, requestId: rid() });
    await runAs(owner.token, 'addPooledLine', { pooledOrderId: pooledOrder.pooledOrderId, itemId, qty: 1 });
    return pooledOrder.pooledOrderId;
  }

  it('prices a percentage coupon (9折 up to ¥20) in the plan, frozen and paid at that', async () => {
    const { coupon: pct } = await runAs(mona, 'saveCoupon', {
      coupon: coupon({ kind: 'percent', title: '全场9折 最高减20', thresholdFen: 0, discountFen: 0, percentOff: 10, capFen: 2_000 }),
    });
    expect(pct).toMatchObject({ kind: 'percent', percentOff: 10, capFen: 2_000 });
    const holder = at(members(), 1);
    const pooledOrderId = await pooledWith(pct.couponId, holder);
    const view = await runAs(holder.token, 'getPooledOrder', { pooledOrderId });
    const expected = Math.min(2_000, Math.floor(amountFen / 10));
    expect(view.plan!.totalDiscountFen).toBe(expected);
    expect(at(view.plan!.orders, 0).crossStoreCouponId).toBe(view.planCoupons[0]!.couponId);
    expect(view.planCoupons).toMatchObject([{ title: '全场9折 最高减20', holderId: holder.userId }]);
    const owner = at(members(), 0);
    const paid = await runAs(owner.token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() });
    expect(paid.paidFen).toBe(amountFen - expected);
    const mine = await runAs(holder.token, 'myCoupons', {});
    expect(mine.coupons.find((c) => c.templateId === pct.couponId)).toMatchObject({ status: 'used', percentOff: 10, kind: 'percent' });
  });

  it('leaves a coupon out of plans once it has expired, and one not yet valid', async () => {
    const now = clock.now().getTime();
    const { coupon: soon } = await runAs(mona, 'saveCoupon', {
      coupon: coupon({
        title: '一小时后过期',
        validUntil: new Date(now + HOUR).toISOString(),
        claimEndsAt: new Date(now + HOUR).toISOString(),
      }),
    });
    const { coupon: later } = await runAs(mona, 'saveCoupon', {
      coupon: coupon({ title: '明天才生效', validFrom: new Date(now + 24 * HOUR).toISOString() }),
    });
    const holder = at(members(), 2);
    await runAs(holder.token, 'claimCoupon', { templateId: later.couponId, requestId: rid() });
    const pooledOrderId = await pooledWith(soon.couponId, holder);
    const held = (await runAs(holder.token, 'myCoupons', {})).coupons.find((c) => c.templateId === soon.couponId)!;
    expect(held.expiresAt).toBe(new Date(now + HOUR).toISOString());
    const before = await runAs(holder.token, 'getPooledOrder', { pooledOrderId });
    expect(before.planCoupons.map((c) => c.couponId)).toEqual([held.couponId]);
    expect(before.plan!.totalDiscountFen).toBe(Math.floor(amountFen / 10_000) * 1_000);

    clock.advance(2 * HOUR);
    const after = await runAs(holder.token, 'getPooledOrder', { pooledOrderId });
    expect(after.planCoupons).toEqual([]);
    expect(after.plan!.totalDiscountFen).toBe(0);
    const refused = await sdkError(runAs(at(members(), 0).token, 'confirmPooledOrder', { pooledOrderId, requestId: rid() }));
    expect(refused.code).toBe(4022);
  });

  it('gives a coupon valid for some days after the claim its own expiry', async () => {
    const { coupon: days } = await runAs(mona, 'saveCoupon', { coupon: coupon({ title: '领后3天有效', validDays: 3 }) });
    const { coupon: claimed } = await runAs(alice, 'claimCoupon', { templateId: days.couponId, requestId: rid() });
    expect(claimed.expiresAt).toBe(new Date(clock.now().getTime() + 3 * 24 * HOUR).toISOString());
    expect(claimed.validFrom).toBeNull();
  });
});

describe(`deals (${testEngine()})`, () => {
  it('creates, edits in place before any group buy, versions after one, and audits each save', async () => {
    const p = await product(2_000);
    const { deal: created } = await runAs(mona, 'saveDeal', { deal: deal(p.id, { groupPriceFen: 1_000, leaderPriceFen: 800 }) });
    expect(created).toMatchObject({
      version: 1,
      versionId: created.dealId,
      groupPriceFen: 1_000,
      leaderPriceFen: 800,
      openingsUsed: 0,
      openGroupBuys: 0,
    });
    expect((await auditOf('deal.create'))[0]).toMatchObject({ detail: { before: null, after: created } });
    const inPlace = await runAs(mona, 'saveDeal', {
      deal: deal(p.id, { dealId: created.dealId, groupPriceFen: 900, leaderPriceFen: 800 }),
    });
    expect(inPlace.deal).toMatchObject({ version: 1, versionId: created.dealId, groupPriceFen: 900 });
    expect((await auditOf('deal.update'))[0]!.detail).toEqual({ before: created, after: inPlace.deal });

    // The leader pays the leader's price.
    const leader = shopper(0);
    const { groupBuy } = await runAs(leader.token, 'openGroupBuy', { dealId: created.dealId, requestId: rid() });
    expect(groupBuy.members).toMatchObject([{ userId: leader.userId, paidFen: 800, role: 'leader' }]);
    expect(groupBuy.deal.leaderPriceFen).toBe(800);

    const versioned = await runAs(mona, 'saveDeal', {
      deal: deal(p.id, { dealId: created.dealId, groupPriceFen: 700, leaderPriceFen: null }),
    });
    expect(versioned.deal).toMatchObject({
      dealId: created.dealId,
      version: 2,
      groupPriceFen: 700,
      leaderPriceFen: null,
      openingsUsed: 1,
      openGroupBuys: 1,
    });
    expect(versioned.deal.versionId).not.toBe(created.dealId);
    const shown = (await runAs(alice, 'listDeals', {})).deals.map((d) => d.dealId);
    expect(shown).toContain(versioned.deal.versionId);
    expect(shown).not.toContain(created.dealId);
    // The open buy keeps its terms; the old version opens no more.
    const kept = (await runAs(leader.token, 'getGroupBuy', { groupBuyId: groupBuy.groupBuyId })).groupBuy;
    expect(kept.deal).toMatchObject({ dealId: created.dealId, groupPriceFen: 900, leaderPriceFen: 800 });
    const stale = await sdkError(runAs(shopper(1).token, 'openGroupBuy', { dealId: created.dealId, requestId: rid() }));
    expect(stale).toMatchObject({ code: 4030, message: expect.stringMatching(/刷新/) });
    const joined = await runAs(shopper(1).token, 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() });
    expect(joined.groupBuy.members.find((m) => m.userId === shopper(1).userId)).toMatchObject({ paidFen: 900 });

    const listed = await runAs(mona, 'listGroupBuyDeals', { campaignId, limit: 100 });
    expect(listed.deals.filter((d) => d.dealId === created.dealId)).toEqual([versioned.deal]);
  });

  it('holds openings, the per-user limit and the status', async () => {
    const p = await product(2_000);
    const { deal: d } = await runAs(mona, 'saveDeal', { deal: deal(p.id, { openingsTotal: 2, perUserLimit: 1, size: 2 }) });
    const first = await runAs(shopper(2).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() });
    const again = await sdkError(runAs(shopper(2).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() }));
    expect(again).toMatchObject({ code: 4008, message: expect.stringMatching(/每人最多参加 1 个团/) });
    await runAs(shopper(3).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() });
    const full = await sdkError(runAs(shopper(4).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() }));
    expect(full).toMatchObject({ code: 4030, message: expect.stringMatching(/名额已经用完/) });
    expect(
      (await sdkError(runAs(shopper(3).token, 'joinGroupBuy', { groupBuyId: first.groupBuy.groupBuyId, requestId: rid() }))).code,
    ).toBe(4008);
    expect(await issuesOf('saveDeal', { deal: deal(p.id, { dealId: d.dealId, openingsTotal: 1, perUserLimit: 1, size: 2 }) })).toEqual({
      'deal.openingsTotal': '可开团总数不能少于已开的 2 个团',
    });
    const stopped = await runAs(mona, 'saveDeal', {
      deal: deal(p.id, { dealId: d.dealId, openingsTotal: 5, perUserLimit: 1, size: 2, status: 'stopped' }),
    });
    expect(stopped.deal).toMatchObject({ status: 'stopped', version: 1, openingsTotal: 5 });
    expect((await runAs(alice, 'listDeals', {})).deals.map((x) => x.dealId)).not.toContain(d.versionId);
    const refused = await sdkError(runAs(shopper(5).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() }));
    expect(refused).toMatchObject({ code: 4030, message: expect.stringMatching(/停止开团/) });
  });

  it('refuses what does not fit with field messages', async () => {
    const p = await product(2_000);
    expect(await issuesOf('saveDeal', { deal: deal(p.id, { groupPriceFen: p.price_fen }) })).toEqual({
      'deal.groupPriceFen': `拼团价必须低于商品原价（${p.price_fen} 分）`,
    });
    expect(await issuesOf('saveDeal', { deal: deal(p.id, { leaderPriceFen: 600 }) })).toEqual({
      'deal.leaderPriceFen': '团长价不能高于拼团价',
    });
    expect(await issuesOf('saveDeal', { deal: deal('700000009999') })).toEqual({
      'deal.productId': '商品库里没有商品 700000009999，请先添加商品',
    });
    expect(await issuesOf('saveDeal', { deal: deal(p.id, { size: 1, timeLimitHours: 0 }) })).toEqual({
      'deal.size': '成团人数应在 2-50 之间',
      'deal.timeLimitHours': '成团时限（小时）应在 1-168 之间',
    });
    expect((await sdkError(runAs(mona, 'saveDeal', { deal: deal(p.id, { dealId: newObjectId() }) }))).code).toBe(101);
  });

  it('keeps the terms each payer saw while the deal is edited during concurrent joins', async () => {
    const p = await product(5_000);
    const { deal: d } = await runAs(mona, 'saveDeal', { deal: deal(p.id, { groupPriceFen: 3_000, size: 12 }) });
    const { groupBuy } = await runAs(shopper(6).token, 'openGroupBuy', { dealId: d.versionId, requestId: rid() });
    const joiners = shoppers.slice(7, 17);
    const joins = joiners.map((s) => runAs(s.token, 'joinGroupBuy', { groupBuyId: groupBuy.groupBuyId, requestId: rid() }));
    // Three edits one after another while the joins run: the first makes version 2 (the buy is
    // on version 1), the next change version 2 in place (nothing opened on it yet).
    const edits = (async () => {
      for (const [k, groupPriceFen] of [2_500, 2_000, 1_500].entries())
        await runAs(mona, 'saveDeal', { deal: deal(p.id, { dealId: d.dealId, groupPriceFen, size: 12 - k }) });
    })();
    const joinResults = await Promise.allSettled(joins);
    await edits;
    expect(codes(joinResults)).toEqual([]);
    const buy = (await runAs(shopper(6).token, 'getGroupBuy', { groupBuyId: groupBuy.groupBuyId })).groupBuy;
    expect(buy).toMatchObject({ size: 12, seatsTaken: 11, paidCount: 11, status: 'open' });
    expect(buy.deal).toMatchObject({ dealId: d.versionId, groupPriceFen: 3_000, size: 12 });
    for (const m of buy.members) expect(m.paidFen).toBe(3_000);
    const escrow = await host.store.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [
      `escrow:${groupBuy.groupBuyId}`,
    ]);
    expect(escrow).toEqual([{ balance_fen: 11 * 3_000 }]);
    const current = (await runAs(mona, 'listGroupBuyDeals', { campaignId, limit: 100 })).deals.find((x) => x.dealId === d.dealId)!;
    expect(current).toMatchObject({ version: 2, groupPriceFen: 1_500, size: 10, openGroupBuys: 1 });
    const opened = await runAs(shopper(17).token, 'openGroupBuy', { dealId: current.versionId, requestId: rid() });
    expect(opened.groupBuy).toMatchObject({ size: 10, deal: { groupPriceFen: 1_500 } });
  });
});

describe(`catalog (${testEngine()})`, () => {
  it('adds a product from a link shoppers can paste, edits it, and audits both', async () => {
    const input = {
      title: '营销新品 保温杯',
      shopName: '营销测试店',
      priceFen: 6_900,
      category: '家居',
      images: ['https://img.example.com/a.jpg'],
      stock: 50,
    };
    const { product: created } = await runAs(mona, 'saveProduct', {
      product: { ...input, link: '快来看 https://item.taobao.com/item.htm?id=700000000201&spm=a1 这个杯子' },
    });
    expect(created).toMatchObject({ productId: '700000000201', ...input, imageUrl: 'https://img.example.com/a.jpg' });
    expect((await auditOf('product.create'))[0]).toMatchObject({ detail: { before: null, after: created } });
    const again = await issuesOf('saveProduct', { product: { ...input, link: '700000000201' } });
    expect(again).toEqual({ 'product.link': '商品库里已经有这个商品（700000000201），请直接编辑它' });
    const { product: edited } = await runAs(mona, 'saveProduct', {
      product: { ...input, productId: '700000000201', priceFen: 5_900, images: [], stock: null },
    });
    expect(edited).toMatchObject({ priceFen: 5_900, images: [], stock: null, imageUrl: '/images/products/700000000201.svg' });
    expect((await auditOf('product.update'))[0]!.detail).toEqual({ before: created, after: edited });
    // A shopper pasting the item's link gets this product.
    const groupOwner = shopper(18);
    const { group } = await runAs(groupOwner.token, 'createGroup', { name: '商品测试群', requestId: rid() });
    const { item } = await runAs(groupOwner.token, 'addWishlistItem', {
      groupId: group.groupId,
      link: 'https://detail.tmall.com/item.htm?id=700000000201',
      requestId: rid(),
    });
    expect(item).toMatchObject({ productId: '700000000201', title: '营销新品 保温杯' });
    expect(await issuesOf('saveProduct', { product: { ...input, link: 'https://example.com/x', images: ['http://x'] } })).toEqual({
      'product.images.0': '图片地址必须以 https:// 开头',
    });
    const unrecognised = await issuesOf('saveProduct', { product: { ...input, link: 'https://example.com/x' } });
    expect(unrecognised['product.link']).toMatch(/没认出这个商品/);
    expect((await sdkError(runAs(mona, 'saveProduct', { product: { ...input, productId: '700000000999' } }))).code).toBe(101);
  });

  it('imports a catalog CSV with a report per row, by productId or link', async () => {
    const csv = [
      'link,title,shopName,priceFen,category,images,stock',
      'https://item.taobao.com/item.htm?id=700000000301,导入一,营销导入店,1000,食品,https://img.example.com/1.jpg|https://img.example.com/2.jpg,12',
      '700000000302,导入二,营销导入店,2000,食品,,',
      'https://example.com/nothing,坏链接,营销导入店,100,食品,,',
      '700000000303,价格不对,营销导入店,12.5,食品,,',
      '700000000301,重复,营销导入店,100,食品,,',
      '700000000304,库存不对,营销导入店,100,食品,,-1',
    ].join('\n');
    const report = await runAs(mona, 'importCatalog', { csv });
    expect(report).toMatchObject({ received: 6, created: 2, updated: 0 });
    expect(report.rejected.map((r) => [r.row, r.productId])).toEqual([
      [3, null],
      [4, '700000000303'],
      [5, '700000000301'],
      [6, '700000000304'],
    ]);
    expect(at(report.rejected, 0).reason).toMatch(/没认出这个商品/);
    expect(at(report.rejected, 2).reason).toBe('商品 id 重复（第 1 行已有）');
    const page = await runAs(mona, 'listCatalog', { query: '营销导入店', limit: 1 });
    expect(page.products).toMatchObject([
      { productId: '700000000301', images: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'], stock: 12 },
    ]);
    const next = await runAs(mona, 'listCatalog', { query: '营销导入店', limit: 1, cursor: page.nextCursor! });
    expect(next.products).toMatchObject([{ productId: '700000000302', stock: null }]);
    expect(next.nextCursor).toBeNull();
    const updated = await runAs(mona, 'importCatalog', {
      csv: 'productId,title,shopName,priceFen,category\n700000000302,导入二改,营销导入店,2100,食品',
    });
    expect(updated).toMatchObject({ received: 1, created: 0, updated: 1, rejected: [] });
    expect((await auditOf('product.import'))[0]!.detail).toEqual({
      before: null,
      after: { created: [], updated: ['700000000302'], rejected: 0 },
    });
    const header = await answer('importCatalog', { csv: 'name,price\na,1' }, { session: mona });
    expect(header.body).toMatchObject({ code: 142, issues: [{ path: 'csv' }] });
    expect(header.body.error).toMatch(/缺少/);
  });
});
