import { ErrorCode } from '../../contract/errors';
import { isRunning, type Campaign } from '../domain/campaign';
import { linePaidFen, refundedPartFen, refundFen } from '../domain/money/orderLines';
import { accountIds, transfer } from '../domain/money/posting';
import { purchaseUnlocksAt, refundWindowDaysOf } from '../domain/money/purchaseUnlock';
import { purchaseRewardFen, purchaseRewardRefusal, sharedProductIds } from '../domain/money/rewards';
import { CloudError, notFound } from '../errors';
import { newObjectId } from '../ids';
import { findCampaignAt } from '../store/campaigns';
import { ensureAccounts, post, tryWithFunds } from '../store/ledger';
import {
  addRefundToOrder,
  claimRefund,
  insertPaidOrder,
  lockOrder,
  markOrderCompleted,
  orderLinesOf,
  setLineRefundedQty,
  setRefundAmount,
} from '../store/orders';
import {
  insertPurchasePacket,
  lockPendingPacketOfLine,
  purchasePacketsOfOrder,
  shrinkPendingPacket,
  unlockPacketsOfOrder,
  type PurchasePacket,
} from '../store/redPackets';
import { notify } from '../store/notifications';
import { appendEvent } from '../store/feed';
import { findProduct } from '../store/products';
import { findShareForPurchase, type ShareForPurchase } from '../store/shareItem';
import { markItemBought } from '../store/wishlist';
import type { Queryable, Store } from '../store/store';
import { findUserById } from '../store/users';

/*
 * Recording orders: a paid order with the purchase packets it earns, a refund, a completion.
 * The host's order webhook, demo mode's checkout and the orders a pooled order or a group buy
 * places all come through here. The events' shapes are checked by the webhook's schema
 * (functions/money/orderEvents.ts) before they get here.
 */

export type { PurchasePacket };

export interface PaidOrderLine {
  productId: string;
  priceFen: number;
  qty: number;
  shareId?: string;
  /** What the buyer paid for the whole line after the order's discounts; default priceFen × qty. */
  paidFen?: number;
}

export interface PaidEvent {
  type: 'paid';
  orderId: string;
  userId: string;
  timestamp: number;
  lines: PaidOrderLine[];
}

export interface RefundEvent {
  type: 'refunded';
  orderId: string;
  userId: string;
  timestamp: number;
  refundId?: string;
  /** Lines by their 1-based position in the paid event, each once, with the quantity refunded. */
  lines: Array<{ lineNo: number; qty: number }>;
}

export interface CompletedEvent {
  type: 'completed';
  orderId: string;
  userId: string;
  timestamp: number;
}

/**
 * The purchase packets a buyer's order earned, in line order (what a retried checkout answers
 * again).
 */
export async function purchasePacketsOf(db: Queryable, orderId: string, buyerId: string): Promise<PurchasePacket[]> {
  return purchasePacketsOfOrder(db, orderId, buyerId);
}

/** Code 137 (LeanCloud's "duplicate value"): this event was processed already; nothing changed. */
export const duplicateEvent = (what: string) =>
  new CloudError(ErrorCode.DUPLICATE_EVENT, `${what} was already processed; nothing changed.`, 409);

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
  if (!(await findUserById(tx, event.userId))) throw notFound(`user ${event.userId} not found`);
  const totalFen = event.lines.reduce((sum, l) => sum + linePaidFen(l), 0);
  const lines = event.lines.map((l) => ({
    productId: l.productId,
    priceFen: l.priceFen,
    qty: l.qty,
    shareId: l.shareId ?? null,
    paidFen: linePaidFen(l),
  }));
  if (!(await insertPaidOrder(tx, { orderId: event.orderId, userId: event.userId, totalFen, source, lines }, now))) {
    throw duplicateEvent(`order ${event.orderId}`);
  }
  const redPackets: PurchasePacket[] = [];
  if (!event.lines.some((l) => l.shareId)) return { orderId: event.orderId, totalFen, redPackets };
  const found = await findCampaignAt(tx, now);
  const campaign = found && isRunning(found, now) ? found : null;
  const reported = new Set<string>();
  for (const [index, orderLine] of event.lines.entries()) {
    if (!orderLine.shareId) continue;
    const share = await findShareForPurchase(tx, orderLine.shareId, event.userId);
    if (!share) continue;
    await reportPurchaseThroughShare(tx, event, orderLine, share, reported, now);
    if (!campaign) continue;
    const packet = await reservePurchasePacket(tx, campaign, event, index + 1, orderLine, orderLine.shareId, share, now);
    if (packet) redPackets.push(packet);
  }
  return { orderId: event.orderId, totalFen, redPackets };
}

/**
 * A paid line that bought the very item a groupmate shared into a group the buyer is in: the item
 * shows bought (by the first buyer, as a member's own mark does) and the group's feed says who
 * bought it through whose share, once per order and item. Own shares and other products say nothing.
 */
async function reportPurchaseThroughShare(
  tx: Queryable,
  event: PaidEvent,
  orderLine: PaidOrderLine,
  share: ShareForPurchase,
  reported: Set<string>,
  now: Date,
): Promise<void> {
  if (!share.buyer_member || share.user_id === event.userId || share.status === 'dissolved') return;
  if (!sharedProductIds({ productId: share.product_id, refKind: share.ref_kind, itemRef: share.item_ref }).includes(orderLine.productId))
    return;
  if (reported.has(share.item_id)) return;
  reported.add(share.item_id);
  await markItemBought(tx, share.item_id, event.userId, now);
  const title = share.title ?? (await findProduct(tx, orderLine.productId))?.title ?? '';
  await appendEvent(tx, {
    groupId: share.group_id,
    type: 'item_purchased',
    actorId: event.userId,
    subjectId: share.user_id,
    data: {
      itemId: share.item_id,
      list: share.list,
      title,
      productId: orderLine.productId,
      shareId: orderLine.shareId,
      orderId: event.orderId,
    },
    now,
  });
}

async function reservePurchasePacket(
  tx: Queryable,
  campaign: Pick<Campaign, 'id' | 'config'>,
  event: PaidEvent,
  lineNo: number,
  orderLine: PaidOrderLine,
  shareId: string,
  share: ShareForPurchase,
  now: Date,
): Promise<PurchasePacket | null> {
  const refusal = purchaseRewardRefusal({
    shareUserId: share.user_id,
    sharedProductIds: sharedProductIds({ productId: share.product_id, refKind: share.ref_kind, itemRef: share.item_ref }),
    lineProductId: orderLine.productId,
    buyerId: event.userId,
    buyerInShareGroup: share.buyer_member,
    groupActive: share.status === 'active',
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
    const claimed = await insertPurchasePacket(
      tx,
      {
        id: redPacketId,
        campaignId,
        groupId: share.group_id,
        userId: event.userId,
        amountFen,
        shareId,
        orderId: event.orderId,
        lineNo,
        unlocksAt,
      },
      now,
    );
    if (!claimed) return null;
    await ensureAccounts(tx, [accountIds.pool(share.group_id)]);
    await post(
      tx,
      transfer(`reserve:${redPacketId}`, 'purchase_reserve', accountIds.budget(campaignId), accountIds.reserve(campaignId), amountFen),
      now,
    );
    await notify(
      tx,
      [
        {
          userId: event.userId,
          kind: 'red_packet_arrived',
          effectKey: `packet-arrived:${redPacketId}`,
          payload: { groupId: share.group_id, amountFen, redPacketId },
          groupId: share.group_id,
        },
      ],
      now,
    );
    return { redPacketId, amountFen, groupId: share.group_id, lineNo };
  });
}

/**
 * The order can no longer be refunded: its pending purchase packets unlock now, so the next
 * split takes them. Once per order (a repeat is refused with 137 and changes nothing).
 */
export async function recordCompleted(store: Store, event: CompletedEvent, now: Date): Promise<{ orderId: string; unlockedFen: number }> {
  return store.transaction(async (tx) => {
    const order = await lockOrder(tx, event.orderId);
    if (!order) throw notFound(`order ${event.orderId} not found: a completion needs its paid event first`);
    if (order.user_id !== event.userId) throw new CloudError(ErrorCode.INVALID_PARAMS, `order ${event.orderId} belongs to another user`);
    if (order.completed_at) throw duplicateEvent(`completion of order ${event.orderId}`);
    await markOrderCompleted(tx, event.orderId, now);
    return { orderId: event.orderId, unlockedFen: await unlockPacketsOfOrder(tx, event.orderId, event.userId, now) };
  });
}

/**
 * A refund, once per refund id (or body digest): quantities go back, the order's status follows,
 * and each pending packet on a refunded line is recomputed on the line's net amount — reduced
 * (the difference returns to the budget) or voided when nothing is left. Packets stay pending
 * until the order can no longer be refunded, so a refund within the window always finds them;
 * a packet already split (after completion or the window) stays where it is.
 */
export async function recordRefund(
  store: Store,
  event: RefundEvent,
  refundKey: string,
  now: Date,
): Promise<{ orderId: string; refundedFen: number; voidedFen: number }> {
  return store.transaction(async (tx) => {
    const order = await lockOrder(tx, event.orderId);
    if (!order) throw notFound(`order ${event.orderId} not found: a refund needs its paid event first`);
    if (order.user_id !== event.userId) throw new CloudError(ErrorCode.INVALID_PARAMS, `order ${event.orderId} belongs to another user`);
    // A replay is recognised before anything else is judged (and rolled back with the rest if a
    // later check fails).
    if (!(await claimRefund(tx, refundKey, event.orderId, now))) throw duplicateEvent(`refund ${refundKey}`);
    let refundedFen = 0;
    let voidedFen = 0;
    const byNo = new Map((await orderLinesOf(tx, event.orderId)).map((l) => [l.line_no, l]));
    for (const refund of event.lines) {
      const orderLine = byNo.get(refund.lineNo);
      if (!orderLine) throw new CloudError(ErrorCode.INVALID_PARAMS, `lines: order ${event.orderId} has no line ${refund.lineNo}`);
      if (orderLine.refunded_qty + refund.qty > orderLine.qty) {
        throw new CloudError(
          ErrorCode.INVALID_PARAMS,
          `lines: line ${refund.lineNo} would refund ${orderLine.refunded_qty + refund.qty} of ${orderLine.qty}`,
        );
      }
    }
    for (const refund of event.lines) {
      const orderLine = byNo.get(refund.lineNo)!;
      refundedFen += refundFen(orderLine.paid_fen, orderLine.qty, orderLine.refunded_qty, refund.qty);
      orderLine.refunded_qty += refund.qty;
      await setLineRefundedQty(tx, event.orderId, refund.lineNo, orderLine.refunded_qty);
      const netFen = orderLine.paid_fen - refundedPartFen(orderLine.paid_fen, orderLine.qty, orderLine.refunded_qty);
      voidedFen += await shrinkLinePacket(tx, event.orderId, refund.lineNo, netFen, refundKey, now);
    }
    await addRefundToOrder(tx, event.orderId, refundedFen);
    await setRefundAmount(tx, refundKey, refundedFen);
    return { orderId: event.orderId, refundedFen, voidedFen };
  });
}

/** Recomputes a line's pending packet on its net amount; answers what went back to the budget. */
async function shrinkLinePacket(
  tx: Queryable,
  orderId: string,
  lineNo: number,
  netFen: number,
  refundKey: string,
  now: Date,
): Promise<number> {
  const packet = await lockPendingPacketOfLine(tx, orderId, lineNo);
  if (!packet) return 0;
  const keep = Math.min(packet.amount_fen, purchaseRewardFen(packet.purchaseReward, netFen));
  const giveBack = packet.amount_fen - keep;
  if (giveBack === 0) return 0;
  await post(
    tx,
    transfer(
      `unreserve:${packet.id}:${refundKey}`,
      'purchase_void',
      accountIds.reserve(packet.campaign_id),
      accountIds.budget(packet.campaign_id),
      giveBack,
    ),
    now,
  );
  await shrinkPendingPacket(tx, packet.id, packet.amount_fen, keep, now);
  return giveBack;
}
