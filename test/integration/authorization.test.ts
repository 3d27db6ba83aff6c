import type { FunctionName } from '../../contract/functions';
import { cloudFunctions } from '../../cloud/functions';
import { testEngine } from '../support/database';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, rawRequest, runAs, runAsMaster } from '../support/sdk';

/**
 * Who may call what, per docs/API.md: every registered function against seven callers. The
 * expected table is explicit and must name every registered function. "ok" means the call got
 * past every access and ownership check (it may still fail on its own rules: 101, 142, 4xxx);
 * 119 / 206 are the refusals. Calls that would change what later rows depend on send params
 * that fail after the access check (an unknown id, an empty name), which access-before-params
 * makes possible.
 */

type Caller = 'anonymous' | 'unrelated' | 'member' | 'owner' | 'viewer' | 'marketer' | 'master';
const CALLERS: Caller[] = ['anonymous', 'unrelated', 'member', 'owner', 'viewer', 'marketer', 'master'];
type Outcome = 'ok' | 119 | 206;

let host: TestHost;
const tokens = new Map<string, string>();
let seq = 0;
const rid = () => `authz-req-${String(++seq).padStart(6, '0')}`;
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

interface World {
  groupId: string;
  /** A second group (owner emma, member fiona) that dissolveGroup may dissolve. */
  group2Id: string;
  /** A third group (owner ivy, member lily) that leaveGroup may empty. */
  group3Id: string;
  itemId: string;
  ownersItemId: string;
  inviteCode: string;
  ownersInviteCode: string;
  productId: string;
  campaignId: string;
  pooledOrderId: string | null;
}
let world: World;

/** Which user plays each caller, for the group a function's params name. */
const PLAYERS: Record<1 | 2 | 3, Record<'unrelated' | 'member' | 'owner' | 'viewer' | 'marketer', string>> = {
  1: { unrelated: 'cathy', member: 'bella', owner: 'alice', viewer: 'nina', marketer: 'mona' },
  2: { unrelated: 'cathy', member: 'fiona', owner: 'emma', viewer: 'nina', marketer: 'mona' },
  3: { unrelated: 'cathy', member: 'lily', owner: 'ivy', viewer: 'nina', marketer: 'mona' },
};

const PUBLIC: Outcome[] = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const USER: Outcome[] = [206, 'ok', 'ok', 'ok', 'ok', 'ok', 206];
const MEMBERS: Outcome[] = [206, 119, 'ok', 'ok', 119, 119, 206];
const OWNER: Outcome[] = [206, 119, 119, 'ok', 119, 119, 206];
/** The dashboard and the audit log: a viewer, a marketer or the master key. */
const VIEWER: Outcome[] = [206, 119, 119, 119, 'ok', 'ok', 'ok'];
/** Changes to campaigns, coupons, deals and products: a marketer or the master key (a viewer gets 119). */
const MARKETER: Outcome[] = [206, 119, 119, 119, 119, 'ok', 'ok'];
const MASTER: Outcome[] = [119, 119, 119, 119, 119, 119, 'ok'];

interface Row {
  /** Outcomes for anonymous, unrelated, member, owner, viewer, marketer, master (in that order). */
  expect: Outcome[];
  params: () => unknown;
  group?: 1 | 2 | 3;
}

const TABLE: Record<FunctionName, Row> = {
  ping: { expect: PUBLIC, params: () => ({}) },
  me: { expect: USER, params: () => ({}) },
  importUsers: { expect: MASTER, params: () => ({ users: [] }) },
  // Invalid params: an allowed caller gets 142 (and keeps the session the rest of the table needs).
  logout: { expect: USER, params: () => ({ bogus: 1 }) },
  logoutEverywhere: { expect: USER, params: () => ({ bogus: 1 }) },
  createGroup: { expect: USER, params: () => ({ name: '', requestId: rid() }) },
  getGroup: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  listMyGroups: { expect: USER, params: () => ({}) },
  createInvite: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  // The member who made it or the owner: bella did not make the owner's invitation.
  revokeInvite: { expect: OWNER, params: () => ({ inviteCode: world.ownersInviteCode }) },
  previewInvite: { expect: PUBLIC, params: () => ({ inviteCode: world.inviteCode }) },
  inviteWxaCode: { expect: MEMBERS, params: () => ({ inviteCode: world.inviteCode }) },
  joinGroup: { expect: USER, params: () => ({ inviteCode: 'ZZZZZZZZZZ' }) },
  leaveGroup: { expect: MEMBERS, params: () => ({ groupId: world.group3Id }), group: 3 },
  removeMember: { expect: OWNER, params: () => ({ groupId: world.groupId, userId: UNKNOWN_ID }) },
  dissolveGroup: { expect: OWNER, params: () => ({ groupId: world.group2Id }), group: 2 },
  groupFeed: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  listProducts: { expect: USER, params: () => ({}) },
  importProducts: { expect: MASTER, params: () => ({ format: 'json', data: [] }) },
  addWishlistItem: { expect: MEMBERS, params: () => ({ groupId: world.groupId, productId: world.productId, requestId: rid() }) },
  listWishlist: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  getWishlistItem: { expect: MEMBERS, params: () => ({ itemId: world.itemId }) },
  wantItem: { expect: MEMBERS, params: () => ({ itemId: world.itemId, on: true }) },
  markBought: { expect: MEMBERS, params: () => ({ itemId: world.itemId }) },
  // The adder or the owner: bella did not add the owner's item.
  removeWishlistItem: { expect: OWNER, params: () => ({ itemId: world.ownersItemId }) },
  shareItem: { expect: MEMBERS, params: () => ({ groupId: world.groupId, itemId: world.itemId, requestId: rid() }) },
  simulateCheckout: { expect: USER, params: () => ({ lines: [{ productId: world.productId, qty: 1 }], requestId: rid() }) },
  myWallet: { expect: USER, params: () => ({}) },
  groupPool: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  listSplits: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  runPoolSplit: { expect: MASTER, params: () => ({ slot: 'not a time' }) },
  ledgerCheck: { expect: MASTER, params: () => ({}) },
  commitGrandPrize: { expect: MASTER, params: () => ({ campaignId: UNKNOWN_ID }) },
  drawGrandPrize: { expect: MASTER, params: () => ({ campaignId: UNKNOWN_ID }) },
  grandPrize: { expect: PUBLIC, params: () => ({ campaignId: world.campaignId }) },
  saveCampaign: { expect: MARKETER, params: () => ({ campaign: {} }) },
  getCampaign: { expect: VIEWER, params: () => ({ campaignId: world.campaignId }) },
  listCampaigns: { expect: VIEWER, params: () => ({}) },
  publishCampaign: { expect: MARKETER, params: () => ({ campaignId: UNKNOWN_ID }) },
  pauseCampaign: { expect: MARKETER, params: () => ({ campaignId: UNKNOWN_ID }) },
  resumeCampaign: { expect: MARKETER, params: () => ({ campaignId: UNKNOWN_ID }) },
  endCampaign: { expect: MARKETER, params: () => ({ campaignId: UNKNOWN_ID }) },
  previewEndCampaign: { expect: MARKETER, params: () => ({ campaignId: UNKNOWN_ID }) },
  getCampaignPage: { expect: PUBLIC, params: () => ({}) },
  campaignStats: { expect: VIEWER, params: () => ({ campaignId: world.campaignId }) },
  listAuditLog: { expect: VIEWER, params: () => ({}) },
  importUsersCsv: { expect: MARKETER, params: () => ({ csv: '' }) },
  setUserRoles: { expect: MASTER, params: () => ({ username: 'nobody_here', roles: [] }) },
  listCoupons: { expect: USER, params: () => ({}) },
  claimCoupon: { expect: USER, params: () => ({ templateId: UNKNOWN_ID, requestId: rid() }) },
  myCoupons: { expect: USER, params: () => ({}) },
  // A deadline a month away is refused by the handler's own rule (at most 7 days), after membership.
  startPooledOrder: {
    expect: MEMBERS,
    params: () => ({
      groupId: world.groupId,
      deadline: new Date(host.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      requestId: rid(),
    }),
  },
  addPooledLine: { expect: MEMBERS, params: () => ({ pooledOrderId: world.pooledOrderId, itemId: world.itemId, qty: 1 }) },
  removePooledLine: { expect: MEMBERS, params: () => ({ pooledOrderId: world.pooledOrderId, lineId: UNKNOWN_ID }) },
  getPooledOrder: { expect: MEMBERS, params: () => ({ pooledOrderId: world.pooledOrderId }) },
  listPooledOrders: { expect: MEMBERS, params: () => ({ groupId: world.groupId }) },
  confirmPooledOrder: { expect: MEMBERS, params: () => ({ pooledOrderId: world.pooledOrderId, requestId: rid() }) },
  listDeals: { expect: USER, params: () => ({}) },
  openGroupBuy: { expect: USER, params: () => ({ dealId: UNKNOWN_ID, requestId: rid() }) },
  joinGroupBuy: { expect: USER, params: () => ({ groupBuyId: UNKNOWN_ID, requestId: rid() }) },
  getGroupBuy: { expect: USER, params: () => ({ groupBuyId: UNKNOWN_ID }) },
  myGroupBuys: { expect: USER, params: () => ({}) },
  leaveGroupBuy: { expect: USER, params: () => ({ groupBuyId: UNKNOWN_ID }) },
  runCommerceExpiry: { expect: MASTER, params: () => ({}) },
  getPayment: { expect: USER, params: () => ({ paymentId: UNKNOWN_ID }) },
  myPayments: { expect: USER, params: () => ({}) },
  myNotifications: { expect: USER, params: () => ({}) },
  markNotificationsRead: { expect: USER, params: () => ({ all: true }) },
  unreadCount: { expect: USER, params: () => ({}) },
  subscribeTemplates: { expect: PUBLIC, params: () => ({}) },
  acceptSubscriptions: { expect: USER, params: () => ({ templateIds: ['tmpl-unknown'], results: { 'tmpl-unknown': 'accept' } }) },
  myOrders: { expect: USER, params: () => ({}) },
  getMyOrder: { expect: USER, params: () => ({ kind: 'checkout', id: UNKNOWN_ID }) },
  reconcilePayments: { expect: MASTER, params: () => ({}) },
  withdraw: { expect: USER, params: () => ({ amountFen: 100, requestId: rid() }) },
  myWithdrawals: { expect: USER, params: () => ({}) },
  listPayments: { expect: MARKETER, params: () => ({ campaignId: world.campaignId, kind: 'payments' }) },
  paymentDays: { expect: MARKETER, params: () => ({ campaignId: world.campaignId }) },
  saveCoupon: { expect: MARKETER, params: () => ({ coupon: {} }) },
  listCouponTemplates: { expect: MARKETER, params: () => ({}) },
  saveDeal: { expect: MARKETER, params: () => ({ deal: {} }) },
  listGroupBuyDeals: { expect: MARKETER, params: () => ({}) },
  saveProduct: { expect: MARKETER, params: () => ({ product: {} }) },
  listCatalog: { expect: MARKETER, params: () => ({}) },
  importCatalog: { expect: MARKETER, params: () => ({ csv: '' }) },
};

async function call(caller: Caller, name: string, params: unknown, group: 1 | 2 | 3) {
  const session = caller === 'anonymous' || caller === 'master' ? undefined : tokens.get(PLAYERS[group][caller]);
  return rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: params, session, master: caller === 'master' });
}

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  initSdk(host);
  // nina is granted the viewer role (only the master key grants roles).
  await runAsMaster('setUserRoles', { username: 'nina', roles: ['viewer'] });
  for (const name of ['alice', 'bella', 'cathy', 'emma', 'fiona', 'ivy', 'lily', 'mona', 'nina']) tokens.set(name, await login(name));
  const t = (name: string) => tokens.get(name)!;
  const group = async (owner: string, member: string) => {
    const { group: created } = await runAs(t(owner), 'createGroup', { name: `${owner} 的群`, requestId: rid() });
    const { inviteCode } = await runAs(t(owner), 'createInvite', { groupId: created.groupId });
    await runAs(t(member), 'joinGroup', { inviteCode });
    return created.groupId;
  };
  const groupId = await group('alice', 'bella');
  const group2Id = await group('emma', 'fiona');
  const group3Id = await group('ivy', 'lily');
  const { products } = await runAs(t('alice'), 'listProducts', { limit: 2 });
  const productId = products[0]!.productId;
  const { item } = await runAs(t('bella'), 'addWishlistItem', { groupId, productId, requestId: rid() });
  const { item: ownersItem } = await runAs(t('alice'), 'addWishlistItem', { groupId, productId: products[1]!.productId, requestId: rid() });
  const { inviteCode } = await runAs(t('bella'), 'createInvite', { groupId });
  const { inviteCode: ownersInviteCode } = await runAs(t('alice'), 'createInvite', { groupId });
  const page = await runAs(t('alice'), 'getCampaignPage', {});
  let pooledOrderId: string | null = null;
  try {
    const pooled = await runAs(t('alice'), 'startPooledOrder', {
      groupId,
      deadline: new Date(host.clock.now().getTime() + 3 * 3600_000).toISOString(),
      requestId: rid(),
    });
    pooledOrderId = (pooled as unknown as { pooledOrder: { pooledOrderId: string } }).pooledOrder.pooledOrderId;
  } catch (error) {
    throw new Error(`the fixture's pooled order could not be started: ${String(error)}`);
  }
  world = {
    groupId,
    group2Id,
    group3Id,
    itemId: item.itemId,
    ownersItemId: ownersItem.itemId,
    inviteCode,
    ownersInviteCode,
    productId,
    campaignId: page.campaignId,
    pooledOrderId,
  };
});
afterAll(async () => {
  await host?.stop();
});

describe(`authorization matrix over every function (${testEngine()})`, () => {
  it('has an expected row for every registered function', () => {
    const missing = [...cloudFunctions.keys()].filter((name) => !(name in TABLE));
    expect(missing).toEqual([]);
  });

  it('allows and refuses each caller as docs/API.md says', async () => {
    const mismatches: string[] = [];
    for (const [name, row] of Object.entries(TABLE) as Array<[FunctionName, Row]>) {
      for (const [i, caller] of CALLERS.entries()) {
        const answer = await call(caller, name, row.params(), row.group ?? 1);
        const code = answer.status < 300 ? 'ok' : (answer.body as { code: number }).code;
        const got: Outcome | string =
          code === 'ok' || (code !== 119 && code !== 206 && code !== 211 && answer.status !== 500)
            ? 'ok'
            : code === 119 || code === 206
              ? code
              : `${answer.status}/${code}`;
        if (got !== row.expect[i])
          mismatches.push(`${name} as ${caller}: expected ${row.expect[i]}, got ${got} (${JSON.stringify(answer.body).slice(0, 160)})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("shows nobody another group's or another user's data", async () => {
    const t = (name: string) => tokens.get(name)!;
    const { groups } = await runAs(t('cathy'), 'listMyGroups', {});
    expect(groups.map((g) => g.groupId)).not.toContain(world.groupId);
    // The wallet lists the caller's own entries only: cathy has none, whatever others earned.
    const wallet = await runAs(t('cathy'), 'myWallet', {});
    expect(wallet).toMatchObject({ balanceFen: 0, entries: [] });
    // A marketer is not a member of anyone's group: the role opens campaigns, not groups.
    for (const name of ['getGroup', 'listWishlist', 'groupFeed', 'groupPool', 'listSplits', 'listPooledOrders'] as const) {
      for (const user of ['cathy', 'mona']) {
        const answer = await rawRequest(host, 'POST', `/1.1/functions/${name}`, { body: { groupId: world.groupId }, session: t(user) });
        expect({ name, user, status: answer.status, body: answer.body }).toMatchObject({ name, user, status: 403, body: { code: 119 } });
        expect(JSON.stringify(answer.body)).not.toContain(world.itemId);
      }
    }
  });

  it('lets only the master key grant roles: a marketer or a viewer granting gets 119 and changes nothing', async () => {
    for (const user of ['mona', 'nina']) {
      for (const roles of [['marketer'], ['viewer'], []]) {
        const answer = await rawRequest(host, 'POST', '/1.1/functions/setUserRoles', {
          body: { username: 'cathy', roles },
          session: tokens.get(user),
        });
        expect({ user, roles, status: answer.status, body: answer.body }).toMatchObject({ user, roles, status: 403, body: { code: 119 } });
      }
    }
    const cathy = await rawRequest(host, 'GET', '/1.1/users/me', { session: tokens.get('cathy') });
    expect((cathy.body as { roles: string[] }).roles).toEqual([]);
    // A viewer reads the dashboard and the audit log but changes nothing.
    const stats = await rawRequest(host, 'POST', '/1.1/functions/campaignStats', {
      body: { campaignId: world.campaignId },
      session: tokens.get('nina'),
    });
    expect(stats.status).toBe(200);
    const pause = await rawRequest(host, 'POST', '/1.1/functions/pauseCampaign', {
      body: { campaignId: world.campaignId },
      session: tokens.get('nina'),
    });
    expect(pause).toMatchObject({ status: 403, body: { code: 119 } });
    const campaign = await runAsMaster('getCampaign', { campaignId: world.campaignId });
    expect(campaign.campaign.status).toBe('published');
  });

  it('checks the role before the params, and a bad session before the role', async () => {
    const bad = await rawRequest(host, 'POST', '/1.1/functions/saveCampaign', {
      body: { campaign: 'not a campaign' },
      session: tokens.get('cathy'),
    });
    expect(bad).toMatchObject({ status: 403, body: { code: 119 } });
    const anonymous = await rawRequest(host, 'POST', '/1.1/functions/saveCampaign', { body: { campaign: 'not a campaign' } });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 206 } });
    const stale = await rawRequest(host, 'POST', '/1.1/functions/saveCampaign', { body: {}, session: 'not-a-real-session-token' });
    expect(stale).toMatchObject({ status: 401, body: { code: 211 } });
    const marketer = await rawRequest(host, 'POST', '/1.1/functions/saveCampaign', {
      body: { campaign: 'not a campaign' },
      session: tokens.get('mona'),
    });
    expect(marketer).toMatchObject({ status: 400, body: { code: 142 } });
  });
});
