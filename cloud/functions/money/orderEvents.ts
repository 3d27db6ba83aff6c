import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { isRunning, type Campaign } from '../../domain/campaign';
import { accountIds, transfer } from '../../domain/money/posting';
import { linePaidFen, refundedPartFen, refundFen } from '../../domain/money/orderLines';
import { purchaseUnlocksAt, refundWindowDaysOf } from '../../domain/money/purchaseUnlock';
import { purchaseRewardFen, purchaseRewardRefusal, sharedProductIds } from '../../domain/money/rewards';
import { CloudError, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { findCampaignAt } from '../../store/campaigns';
import { ensureAccounts, post, tryWithFunds } from '../../store/ledger';
import { completeOrder } from '../../store/purchasePackets';
import type { Queryable, Store } from '../../store/store';

export const MAX_LINES_PER_ORDER = 100;
export const MAX_LINE_QTY = 999;
export const MAX_PRICE_FEN = 100_000_000; // one million yuan per unit

const line = z
  .object({
    productId: z.string().min(1).max(32),
    priceFen: z.number().int('priceFen must be whole fen').min(0).max(MAX_PRICE_FEN),
    qty: z.number().int().min(1).max(MAX_LINE_QTY),
    shareId: z.string().regex(/^[0-9a-f]{24}$/, 'shareId must be a 24-character id').optional(),
    /** What the buyer paid for the whole line after the order's discounts; default priceFen × qty. */
    paidFen: z.number().int('paidFen must be whole fen').min(0).optional(),
  })
  .strict()
  .refine((l) => l.paidFen === undefined || l.paidFen <= l.priceFen * l.qty, { message: 'paidFen must be at most priceFen × qty', path: ['paidFen'] });

export const orderEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('paid'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 of A-Z a-z 0-9 _ -'),
      userId: z.string().regex(/^[0-9a-f]{24}$/, 'userId must be a 24-character user id'),
      timestamp: z.number().int(),
      lines: z.array(line).min(1).max(MAX_LINES_PER_ORDER),
    })
    .strict(),
  z
    .object({
      type: z.literal('refunded'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      userId: z.string().regex(/^[0-9a-f]{24}$/),
      timestamp: z.number().int(),
      refundId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
      /** Lines by their 1-based position in the paid event, with the quantity refunded. */
      lines: z
        .array(z.object({ lineNo: z.number().int().min(1).max(MAX_LINES_PER_ORDER), qty: z.number().int().min(1).max(MAX_LINE_QTY) }).strict())
        .min(1)
        .max(MAX_LINES_PER_ORDER)
        // Each line once: its quantity is checked against what is left of the line, once.
        .refine((lines) => new Set(lines.map((l) => l.lineNo)).size === lines.length, 'each lineNo may appear once in a refund; give its whole quantity in one entry'),
    })
    .strict(),
  // The order can no longer be refunded (delivered and the return period over, or closed by the
  // order system): its purchase packets unlock for the next split.
  z
    .object({
      type: z.literal('completed'),
      orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'orderId must be 1-64 of A-Z a-z 0-9 _ -'),
      userId: z.string().regex(/^[0-9a-f]{24}$/, 'userId must be a 24-character user id'),
      timestamp: z.number().int(),
    })
    .strict(),
]);

export type OrderEvent = z.infer<typeof orderEventSchema>;
export type PaidEvent = Extract<OrderEvent, { type: 'paid' }>;
export type RefundEvent = Extract<OrderEvent, { type: 'refunded' }>;
export type CompletedEvent = Extract<OrderEvent, { type: 'completed' }>;

export interface PurchasePacket {
  redPacketId: string;
  amountFen: number;
  groupId: string;
  lineNo: number;
}

/**
 * The purchase packets a buyer's order earned, in line order (what a retried checkout answers
 * again). Looked up by buyer first: her purchase packets are few, and indexed.
 */
export async function purchasePacketsOf(db: Queryable, orderId: string, buyerId: string): Promise<PurchasePacket[]> {
  const rows = await db.query<{ id: string; amount_fen: number; group_id: string; line_no: number }>(
    `select id, amount_fen, group_id, line_no from red_packets where kind = 'purchase' and user_id = $2 and order_id = $1 order by line_no`,
    [orderId, buyerId],
  );
  return rows.map((p) => ({ redPacketId: p.id, amountFen: p.amount_fen, groupId: p.group_id, lineNo: p.line_no }));
}

/** Code 137 (LeanCloud's "duplicate value"): this event was processed already; nothing changed. */
export const duplicateEvent = (what: string) => new CloudError(ErrorCode.DUPLICATE_EVENT, `${what} was already processed; nothing changed.`, 409);

/**
 * A paid order: recorded once by order id; each line that buys the very product a groupmate
 * shared reserves the buyer's guaranteed red packet, paid from the running campaign's budget
 * while it lasts. The packet stays pending, out of every split, until the order can no longer be
 * refunded (completed, or the campaign's refund window over); a refund before then voids it.
 */
export async function recordPaidOrder(store: Store, event: PaidEvent, source: 'webhook' | 'demo', now: Date): Promise<PaidOrderResult> {
  return store.transaction((tx) => recordPaidOrderIn(tx, event, source, now));
}

export interface PaidOrderResult {
  orderId: string;
  totalFen: number;
  redPackets: PurchasePacket[];
}

/** recordPaidOrder inside the caller's transaction (demo orders placed by a pooled order or a group buy). */
export async function recordPaidOrderIn(tx: Queryable, event: PaidEvent, source: 'webhook' | 'demo', now: Date): Promise<PaidOrderResult> {
  const [user] = await tx.query('select id from users where id = $1', [event.userId]);
  if (!user) throw notFound(`user ${event.userId} not found`);
  const totalFen = event.lines.reduce((sum, l) => sum + linePaidFen(l), 0);
  const inserted = await tx.query(
    `insert into orders (id, user_id, status, total_fen, paid_at, source) values ($1, $2, 'paid', $3, $4, $5)
     on conflict (id) do nothing returning id`,
    [event.orderId, event.userId, totalFen, now, source],
  );
  if (inserted.length === 0) throw duplicateEvent(`order ${event.orderId}`);
  await tx.query(
    `insert into order_lines (order_id, line_no, product_id, price_fen, qty, share_id, paid_fen)
     select $1, n, p, f, q, s, d from unnest($2::int[], $3::text[], $4::bigint[], $5::int[], $6::text[], $7::bigint[]) as t(n, p, f, q, s, d)`,
    [
      event.orderId,
      event.lines.map((_, i) => i + 1),
      event.lines.map((l) => l.productId),
      event.lines.map((l) => l.priceFen),
      event.lines.map((l) => l.qty),
      event.lines.map((l) => l.shareId ?? null),
      event.lines.map(linePaidFen),
    ],
  );
  const redPackets: PurchasePacket[] = [];
  const campaign = await findCampaignAt(tx, now);
  if (!campaign || !isRunning(campaign, now)) return { orderId: event.orderId, totalFen, redPackets };
  for (const [index, orderLine] of event.lines.entries()) {
    if (!orderLine.shareId) continue;
    const packet = await reservePurchasePacket(tx, campaign, event, index + 1, orderLine, now);
    if (packet) redPackets.push(packet);
  }
  return { orderId: event.orderId, totalFen, redPackets };
}

async function reservePurchasePacket(
  tx: Queryable,
  campaign: Pick<Campaign, 'id' | 'config'>,
  event: PaidEvent,
  lineNo: number,
  orderLine: PaidEvent['lines'][number],
  now: Date,
): Promise<PurchasePacket | null> {
  const [share] = await tx.query<{ user_id: string; group_id: string; status: string; buyer_member: boolean; product_id: string | null; ref_kind: string; item_ref: string }>(
    `select s.user_id, s.group_id, g.status, w.product_id, w.ref_kind, w.item_ref,
            exists (select 1 from group_members m where m.group_id = s.group_id and m.user_id = $2) as buyer_member
     from item_shares s join groups g on g.id = s.group_id join wishlist_items w on w.id = s.item_id where s.id = $1`,
    [orderLine.shareId, event.userId],
  );
  const refusal = purchaseRewardRefusal({
    shareUserId: share?.user_id ?? null,
    sharedProductIds: share ? sharedProductIds({ productId: share.product_id, refKind: share.ref_kind, itemRef: share.item_ref }) : [],
    lineProductId: orderLine.productId,
    buyerId: event.userId,
    buyerInShareGroup: share?.buyer_member ?? false,
    groupActive: share?.status === 'active',
  });
  if (refusal) return null;
  // On what was paid for this line, after the order's discounts.
  const amountFen = purchaseRewardFen(campaign.config.purchaseReward, linePaidFen(orderLine));
  if (amountFen <= 0) return null;
  const campaignId = campaign.id;
  const unlocksAt = purchaseUnlocksAt(now, refundWindowDaysOf(campaign.config));
  const redPacketId = newObjectId();
  return tryWithFunds(tx, async () => {
    // One guaranteed packet per buyer and share: a second purchase through the same share earns none.
    const claimed = await tx.query(
      `insert into red_packets (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, order_id, line_no, created_at, unlocks_at)
       values ($1, 'purchase', $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10)
       on conflict (user_id, share_id) where kind = 'purchase' do nothing returning id`,
      [redPacketId, campaignId, share.group_id, event.userId, amountFen, orderLine.shareId, event.orderId, lineNo, now, unlocksAt],
    );
    if (claimed.length === 0) return null;
    await ensureAccounts(tx, [accountIds.pool(share.group_id)]);
    await post(tx, transfer(`reserve:${redPacketId}`, 'purchase_reserve', accountIds.budget(campaignId), accountIds.reserve(campaignId), amountFen), now);
    return { redPacketId, amountFen, groupId: share.group_id, lineNo };
  });
}

/**
 * The order can no longer be refunded: its pending purchase packets unlock now, so the next
 * split takes them. Once per order (a repeat is refused with 137 and changes nothing).
 */
export async function recordCompleted(store: Store, event: CompletedEvent, now: Date): Promise<{ orderId: string; unlockedFen: number }> {
  return store.transaction(async (tx) => {
    const outcome = await completeOrder(tx, event.orderId, event.userId, now);
    if (outcome.status === 'not_found') throw notFound(`order ${event.orderId} not found: a completion needs its paid event first`);
    if (outcome.status === 'other_user') throw new CloudError(ErrorCode.INVALID_PARAMS, `order ${event.orderId} belongs to another user`);
    if (outcome.status !== 'completed') throw duplicateEvent(`completion of order ${event.orderId}`);
    return { orderId: event.orderId, unlockedFen: outcome.unlockedFen };
  });
}

/**
 * A refund, once per refund id (or body digest): quantities go back, the order's status follows,
 * and each pending packet on a refunded line is recomputed on the line's net amount — reduced
 * (the difference returns to the budget) or voided when nothing is left. Packets stay pending
 * until the order can no longer be refunded, so a refund within the window always finds them;
 * a packet already split (after completion or the window) stays where it is.
 */
export async function recordRefund(store: Store, event: RefundEvent, refundKey: string, now: Date): Promise<{ orderId: string; refundedFen: number; voidedFen: number }> {
  return store.transaction(async (tx) => {
    const [order] = await tx.query<{ user_id: string }>('select user_id from orders where id = $1 for update', [event.orderId]);
    if (!order) throw notFound(`order ${event.orderId} not found: a refund needs its paid event first`);
    if (order.user_id !== event.userId) throw new CloudError(ErrorCode.INVALID_PARAMS, `order ${event.orderId} belongs to another user`);
    // A replay is recognised before anything else is judged (and rolled back with the rest if a
    // later check fails).
    const inserted = await tx.query(
      `insert into order_refunds (refund_key, order_id, amount_fen, created_at) values ($1, $2, 0, $3) on conflict do nothing returning refund_key`,
      [refundKey, event.orderId, now],
    );
    if (inserted.length === 0) throw duplicateEvent(`refund ${refundKey}`);
    let refundedFen = 0;
    let voidedFen = 0;
    const lines = await tx.query<{ line_no: number; paid_fen: number; qty: number; refunded_qty: number }>(
      'select line_no, coalesce(paid_fen, price_fen * qty) as paid_fen, qty, refunded_qty from order_lines where order_id = $1 order by line_no',
      [event.orderId],
    );
    const byNo = new Map(lines.map((l) => [l.line_no, l]));
    for (const refund of event.lines) {
      const orderLine = byNo.get(refund.lineNo);
      if (!orderLine) throw new CloudError(ErrorCode.INVALID_PARAMS, `lines: order ${event.orderId} has no line ${refund.lineNo}`);
      if (orderLine.refunded_qty + refund.qty > orderLine.qty) {
        throw new CloudError(ErrorCode.INVALID_PARAMS, `lines: line ${refund.lineNo} would refund ${orderLine.refunded_qty + refund.qty} of ${orderLine.qty}`);
      }
    }
    for (const refund of event.lines) {
      const orderLine = byNo.get(refund.lineNo)!;
      refundedFen += refundFen(orderLine.paid_fen, orderLine.qty, orderLine.refunded_qty, refund.qty);
      orderLine.refunded_qty += refund.qty;
      await tx.query('update order_lines set refunded_qty = $3 where order_id = $1 and line_no = $2', [event.orderId, refund.lineNo, orderLine.refunded_qty]);
      const netFen = orderLine.paid_fen - refundedPartFen(orderLine.paid_fen, orderLine.qty, orderLine.refunded_qty);
      voidedFen += await shrinkPendingPacket(tx, event.orderId, refund.lineNo, netFen, refundKey, now);
    }
    await tx.query(
      `update orders set refunded_fen = refunded_fen + $2::bigint,
         status = case when refunded_fen + $2::bigint >= total_fen then 'refunded' else 'partially_refunded' end
       where id = $1`,
      [event.orderId, refundedFen],
    );
    await tx.query('update order_refunds set amount_fen = $2 where refund_key = $1', [refundKey, refundedFen]);
    return { orderId: event.orderId, refundedFen, voidedFen };
  });
}

async function shrinkPendingPacket(tx: Queryable, orderId: string, lineNo: number, netFen: number, refundKey: string, now: Date): Promise<number> {
  const [packet] = await tx.query<{ id: string; campaign_id: string; amount_fen: number; config: { purchaseReward: Parameters<typeof purchaseRewardFen>[0] } }>(
    `select r.id, r.campaign_id, r.amount_fen, c.config from red_packets r join campaigns c on c.id = r.campaign_id
     where r.order_id = $1 and r.line_no = $2 and r.kind = 'purchase' and r.status = 'pending' for update of r`,
    [orderId, lineNo],
  );
  if (!packet) return 0;
  const keep = Math.min(packet.amount_fen, purchaseRewardFen(packet.config.purchaseReward, netFen));
  const giveBack = packet.amount_fen - keep;
  if (giveBack === 0) return 0;
  await post(tx, transfer(`unreserve:${packet.id}:${refundKey}`, 'purchase_void', accountIds.reserve(packet.campaign_id), accountIds.budget(packet.campaign_id), giveBack), now);
  // A voided packet keeps its amount as the record of what was voided.
  await tx.query(
    `update red_packets set amount_fen = $2::bigint, status = case when $4::boolean then 'voided' else status end,
       settled_at = case when $4::boolean then $3 else settled_at end where id = $1`,
    [packet.id, keep === 0 ? packet.amount_fen : keep, now, keep === 0],
  );
  return giveBack;
}
