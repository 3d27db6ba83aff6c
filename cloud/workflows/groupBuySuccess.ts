import { recordGroupBuyOrders } from './placedOrders';
import { closeGroupBuy } from '../store/groupBuys';
import type { Queryable } from '../store/store';
import { settleEscrow } from './escrow';

/**
 * A group buy succeeds, whether its last seat was taken (`full`) or its deadline passed with a
 * virtual completion (`virtual`): it closes, its escrow goes to the merchant, and each paid member's
 * order is recorded. The caller holds the buy's row lock; the escrow posting is keyed by the buy
 * (`gb-settle:<groupBuyId>`), so it happens once.
 */
export async function succeedGroupBuy(
  tx: Queryable,
  groupBuyId: string,
  campaignId: string,
  outcome: 'full' | 'virtual',
  now: Date,
): Promise<void> {
  await closeGroupBuy(tx, groupBuyId, 'succeeded', outcome, now);
  await settleEscrow(tx, `gb-settle:${groupBuyId}`, groupBuyId, campaignId, now);
  await recordGroupBuyOrders(tx, groupBuyId, now);
}
