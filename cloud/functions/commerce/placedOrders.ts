import type { PooledPlan } from '../../domain/coupons';
import type { Queryable } from '../../store/store';
import { recordPaidOrderIn, type PaidEvent, type PurchasePacket } from '../money/orderEvents';

/*
 * The orders a pooled order or a group buy places, recorded as paid orders, the way the host's
 * order system reports an order through POST /hooks/orders: the purchase red packets and the
 * grand prize count them like any other order. Only demo payments get this far (collectPayment
 * refuses the others), so these orders are demo orders. Once the host's checkout takes the
 * payments, its order system reports these orders itself, and this step goes.
 */

/** The order a pooled order places for one payer. */
export const pooledOrderIdOf = (pooledOrderId: string, userId: string) => `pooled-${pooledOrderId}-${userId}`;

/** The order a group buy places for one paid member. */
const groupBuyOrderIdOf = (groupBuyId: string, userId: string) => `groupbuy-${groupBuyId}-${userId}`;

/** One order per payer (pooledOrderIdOf): her lines at what the plan made her pay. */
export async function recordPooledOrders(
  tx: Queryable,
  order: { id: string; group_id: string },
  plan: PooledPlan,
  lines: ReadonlyArray<{ lineId: string; userId: string; itemId: string; productId: string; unitPriceFen: number; qty: number }>,
  now: Date,
): Promise<Map<string, PurchasePacket[]>> {
  const payFen = new Map(plan.lines.map((l) => [l.lineId, l.payFen]));
  const packets = new Map<string, PurchasePacket[]>();
  const buyers = [...new Set(lines.map((l) => l.userId))].sort();
  for (const userId of buyers) {
    const own = lines.filter((l) => l.userId === userId);
    const shares = await groupmateShares(tx, order.group_id, userId, own.map((l) => l.itemId));
    const event: PaidEvent = {
      type: 'paid',
      orderId: pooledOrderIdOf(order.id, userId),
      userId,
      timestamp: now.getTime(),
      lines: own.map((l) => {
        const paid = payFen.get(l.lineId);
        if (paid === undefined) throw new Error(`pooled line ${l.lineId} is not in the frozen plan`);
        const shareId = shares.get(l.itemId);
        return { productId: l.productId, priceFen: l.unitPriceFen, qty: l.qty, paidFen: paid, ...(shareId ? { shareId } : {}) };
      }),
    };
    packets.set(userId, (await recordPaidOrderIn(tx, event, 'demo', now)).redPackets);
  }
  return packets;
}

/** One order per paid member (groupBuyOrderIdOf): the deal's product at the price she paid. */
export async function recordGroupBuyOrders(tx: Queryable, groupBuyId: string, now: Date): Promise<void> {
  const members = await tx.query<{ user_id: string; amount_fen: number; product_id: string }>(
    `select m.user_id, m.amount_fen, d.product_id from group_buy_members m
     join group_buys g on g.id = m.group_buy_id join deals d on d.id = g.deal_id
     where m.group_buy_id = $1 and m.status = 'paid' order by m.user_id`,
    [groupBuyId],
  );
  for (const member of members) {
    await recordPaidOrderIn(
      tx,
      {
        type: 'paid',
        orderId: groupBuyOrderIdOf(groupBuyId, member.user_id),
        userId: member.user_id,
        timestamp: now.getTime(),
        lines: [{ productId: member.product_id, priceFen: member.amount_fen, qty: 1 }],
      },
      'demo',
      now,
    );
  }
}

/** The purchase packets each payer's order of a placed pooled order earned, in fen. */
export async function purchasePacketFenByBuyer(db: Queryable, pooledOrderId: string, userIds: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ user_id: string; fen: number }>(
    `select user_id, sum(amount_fen)::bigint as fen from red_packets
     where kind = 'purchase' and status <> 'voided' and user_id = any($1::text[]) and order_id = any($2::text[]) group by user_id`,
    [userIds, userIds.map((userId) => pooledOrderIdOf(pooledOrderId, userId))],
  );
  return new Map(rows.map((r) => [r.user_id, r.fen]));
}

/**
 * The share that led a buyer to each item: the latest share of it into this group by someone
 * else (the demo checkout on the shared list picks the same one). Items nobody else shared have
 * none, and earn no purchase packet.
 */
async function groupmateShares(tx: Queryable, groupId: string, buyerId: string, itemIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ item_id: string; id: string }>(
    `select distinct on (item_id) item_id, id from item_shares
     where group_id = $1 and user_id <> $2 and item_id = any($3::text[])
     order by item_id, created_at desc, id desc`,
    [groupId, buyerId, itemIds],
  );
  return new Map(rows.map((r) => [r.item_id, r.id]));
}
