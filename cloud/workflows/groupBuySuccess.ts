import { recordGroupBuyOrders } from './placedOrders';
import { notify } from '../store/notifications';
import { paidGroupBuyPurchases } from '../store/orders';
import type { Queryable } from '../store/store';
import { settleEscrow } from './escrow';
import { endGroupBuy } from './groupFeedEvents';

/**
 * A group buy succeeds, whether its last seat was taken (`full`) or its deadline passed with a
 * virtual completion (`virtual`): it closes, its escrow goes to the merchant, and each paid member's
 * order is recorded (and a buy opened in a group says so in its feed). The caller holds the buy's row lock; the escrow posting is keyed by the buy
 * (`gb-settle:<groupBuyId>`), so it happens once.
 */
export async function succeedGroupBuy(
  tx: Queryable,
  groupBuyId: string,
  campaignId: string,
  outcome: 'full' | 'virtual',
  now: Date,
): Promise<void> {
  await endGroupBuy(tx, groupBuyId, 'succeeded', outcome, now);
  await settleEscrow(tx, `gb-settle:${groupBuyId}`, groupBuyId, campaignId, now);
  await recordGroupBuyOrders(tx, groupBuyId, now);
  await notify(
    tx,
    (await paidGroupBuyPurchases(tx, groupBuyId)).map((member) => ({
      userId: member.user_id,
      kind: 'group_buy_succeeded' as const,
      effectKey: `gb-succeeded:${groupBuyId}:${member.user_id}`,
      payload: { groupBuyId },
      groupBuyId,
    })),
    now,
  );
}
