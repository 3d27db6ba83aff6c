import type { PooledPlan } from '../domain/coupons';
import { paidGroupBuyPurchases } from '../store/orders';
import { purchasePacketFenOfOrders } from '../store/redPackets';
import { latestGroupmateShares } from '../store/shareItem';
import type { Queryable } from '../store/store';
import { recordPaidOrderIn, type PaidEvent, type PurchasePacket } from './orders';

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
  lines: ReadonlyArray<{
    lineId: string;
    userId: string;
    itemId: string;
    productId: string;
    unitPriceFen: number;
    qty: number;
  }>,
  now: Date,
): Promise<Map<string, PurchasePacket[]>> {
  const payFen = new Map(plan.lines.map((l) => [l.lineId, l.payFen]));
  const packets = new Map<string, PurchasePacket[]>();
  const buyers = [...new Set(lines.map((l) => l.userId))].sort();
  for (const userId of buyers) {
    const own = lines.filter((l) => l.userId === userId);
    // The share that led her to each item: the latest one into this group by someone else (the
    // demo checkout on the shared list picks the same one). Items nobody else shared earn no packet.
    const shares = await latestGroupmateShares(
      tx,
      order.group_id,
      userId,
      own.map((l) => l.itemId),
    );
    const event: PaidEvent = {
      type: 'paid',
      orderId: pooledOrderIdOf(order.id, userId),
      userId,
      timestamp: now.getTime(),
      lines: own.map((l) => {
        const paid = payFen.get(l.lineId);
        if (paid === undefined) throw new Error(`pooled line ${l.lineId} is not in the frozen plan`);
        const shareId = shares.get(l.itemId);
        return {
          productId: l.productId,
          priceFen: l.unitPriceFen,
          qty: l.qty,
          paidFen: paid,
          ...(shareId ? { shareId } : {}),
        };
      }),
    };
    packets.set(userId, (await recordPaidOrderIn(tx, event, 'demo', now)).redPackets);
  }
  return packets;
}

/** One order per paid member (groupBuyOrderIdOf): the deal's product at the price she paid. */
export async function recordGroupBuyOrders(tx: Queryable, groupBuyId: string, now: Date): Promise<void> {
  for (const member of await paidGroupBuyPurchases(tx, groupBuyId)) {
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
  return purchasePacketFenOfOrders(
    db,
    userIds,
    userIds.map((userId) => pooledOrderIdOf(pooledOrderId, userId)),
  );
}
