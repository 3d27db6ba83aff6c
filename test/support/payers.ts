import crypto from 'node:crypto';
import type AV from 'leancloud-storage';
import type { PaymentJson, WechatPayParams } from '../../contract/payments';
import type { PaymentRow } from '../../cloud/store/payments';
import type { PaymentRefundRow } from '../../cloud/store/paymentRefunds';
import type { WithdrawalRow } from '../../cloud/store/withdrawals';
import { at, firstOf } from './at';
import type { TestHost } from './host';
import { login, runAs, runAsMaster } from './sdk';

/**
 * Shoppers who pay for real: logged in through the mini-program logins (WeChat or Alipay, as
 * the real SDK does it), so that their payments go to that platform's provider, and the reads
 * a payment test makes of what the host recorded.
 */
export interface Payer {
  name: string;
  token: string;
  userId: string;
  /** The id the provider knows her by: the WeChat openid, the Alipay user id, or null for a password login. */
  platformId: string | null;
}

let codes = 0;

/** A shopper who logged in inside the WeChat mini-program (lc_weapp): she pays with WeChat Pay. */
export async function weappPayer(host: TestHost, sdk: typeof AV, name: string): Promise<Payer> {
  const openid = `o-${name}-${crypto.randomBytes(6).toString('hex')}`;
  const code = `wx-code-${++codes}`;
  host.fakeWeixin.register(code, openid);
  const user = await sdk.User.loginWithAuthData({ code } as never, 'lc_weapp');
  return { name, token: user.getSessionToken(), userId: user.id!, platformId: openid };
}

/** A shopper who logged in inside the Alipay mini-program (lc_alipay): she pays with Alipay. */
export async function alipayPayer(host: TestHost, sdk: typeof AV, name: string): Promise<Payer> {
  const alipayUserId = `2088${String(crypto.randomInt(0, 1e12)).padStart(12, '0')}`;
  const code = `ali-code-${++codes}`;
  host.fakeAlipay.register(code, alipayUserId);
  const user = await sdk.User.loginWithAuthData({ code } as never, 'lc_alipay');
  return { name, token: user.getSessionToken(), userId: user.id!, platformId: alipayUserId };
}

/** A demo user of the seed (password login): she pays with the demo provider where it is enabled. */
export async function demoPayer(name: string): Promise<Payer> {
  const token = await login(name);
  return { name, token, userId: (await runAs(token, 'me', {})).user.objectId, platformId: null };
}

/** The cashier's signature checks out with the merchant's public key, over WeChat's four lines. */
export function paySignVerifies(params: WechatPayParams, appId: string, merchantPublicKeyPem: string): boolean {
  const message = `${appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  return crypto.verify('sha256', Buffer.from(message, 'utf8'), merchantPublicKeyPem, Buffer.from(params.paySign, 'base64'));
}

export function wechatParams(payment: PaymentJson): WechatPayParams {
  const params = payment.params as WechatPayParams | null;
  if (!params || !('paySign' in params)) throw new Error(`payment ${payment.paymentId} has no WeChat cashier params`);
  return params;
}

export async function balanceOf(host: TestHost, accountId: string): Promise<number> {
  const [row] = await host.store.query<{ balance_fen: number }>('select balance_fen from accounts where id = $1', [accountId]);
  return Number(row?.balance_fen ?? 0);
}

export const wallet = (host: TestHost, payer: Payer) => balanceOf(host, `wallet:${payer.userId}`);

export async function paymentRow(host: TestHost, paymentId: string): Promise<PaymentRow> {
  return firstOf(await host.store.query<PaymentRow>('select * from payments where id = $1', [paymentId]));
}

export async function refundRows(host: TestHost, paymentId: string): Promise<PaymentRefundRow[]> {
  return host.store.query<PaymentRefundRow>('select * from payment_refunds where payment_id = $1 order by created_at, id', [paymentId]);
}

export async function withdrawalRow(host: TestHost, withdrawalId: string): Promise<WithdrawalRow> {
  return firstOf(await host.store.query<WithdrawalRow>('select * from withdrawals where id = $1', [withdrawalId]));
}

/** The ledger movements keyed by a payment's effects, as `effect_key → kind`. */
export async function postingsOf(host: TestHost, like: string): Promise<Record<string, string>> {
  const rows = await host.store.query<{ effect_key: string; kind: string }>(
    'select effect_key, kind from ledger_transactions where effect_key like $1 order by effect_key',
    [like],
  );
  return Object.fromEntries(rows.map((r) => [r.effect_key, r.kind]));
}

export async function expectLedgerBalanced(): Promise<void> {
  expect(await runAsMaster('ledgerCheck', {})).toMatchObject({
    balanced: true,
    sumFen: 0,
    unbalancedTransactions: 0,
    accountsOffByEntries: 0,
    negativeAccounts: 0,
    orphanEntries: 0,
  });
}

/**
 * Red-packet money the way shoppers earn it: the campaign pays every share a fixed packet into the
 * group's pool and splits pools equally (set by `rewardEveryShare`), so a share by one member
 * and a split put `fenEach` into the wallet of every member of a four-member group. A host keeps
 * the running campaign for a second, so a file sets one packet for all its shares.
 */
export async function rewardEveryShare(host: TestHost, packetFen: number): Promise<void> {
  await host.store.query(
    `update campaigns set config = jsonb_set(jsonb_set(config, '{shareReward}', $1::jsonb), '{split,policy}', '"equal"')`,
    [JSON.stringify({ probability: 1, minFen: packetFen, maxFen: packetFen, dailyCapPerUser: 10 })],
  );
}

export interface PacketGroup {
  groupId: string;
  /** The sharer (a seeded user who may create groups), then the three payers. */
  sharer: Payer;
  members: Payer[];
}

let shares = 0;

/** A four-member group around a seeded creator, in which shares earn packets. */
export async function packetGroup(sharer: Payer, members: readonly Payer[]): Promise<PacketGroup> {
  if (members.length !== 3) throw new Error('a packet group has the sharer and three members');
  const { group } = await runAs(sharer.token, 'createGroup', { name: '红包群', requestId: `packet-group-${++shares}` });
  const { inviteCode } = await runAs(sharer.token, 'createInvite', { groupId: group.groupId });
  for (const m of members) await runAs(m.token, 'joinGroup', { inviteCode });
  return { groupId: group.groupId, sharer, members: [...members] };
}

/**
 * The sharer shares one more product (its packet goes into the pool), and the pool is split at
 * the clock's next second: each of the four members gets a quarter. Answers what each got.
 */
export async function shareAndSplit(host: TestHost, group: PacketGroup, advance: () => void): Promise<number> {
  const products = await host.store.query<{ id: string }>('select id from products order by id');
  const productId = at(products, shares++ % products.length).id;
  const { item } = await runAs(group.sharer.token, 'addWishlistItem', {
    groupId: group.groupId,
    productId,
    requestId: `packet-wish-${shares}`,
  });
  const shared = await runAs(group.sharer.token, 'shareItem', {
    groupId: group.groupId,
    itemId: item.itemId,
    requestId: `packet-share-${shares}`,
  });
  if (!shared.redPacket) throw new Error(`the share earned no packet: ${shared.noRewardReason ?? 'unknown'}`);
  advance();
  const split = await runAsMaster('runPoolSplit', { slot: host.clock.now().toISOString() });
  expect(split.totalFen).toBe(shared.redPacket.amountFen);
  return shared.redPacket.amountFen / 4;
}
