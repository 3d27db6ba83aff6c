import { claimCoupon, listCoupons, myCoupons } from './coupons';
import { getGroupBuy, joinGroupBuy, leaveGroupBuy, listDeals, openGroupBuy } from './groupBuys';
import { runCommerceExpiryFunction } from './operator';
import { addPooledLine, confirmPooledOrder, getPooledOrder, removePooledLine, startPooledOrder } from './pooledOrders';

export const commerceFunctions = [
  listCoupons,
  claimCoupon,
  myCoupons,
  startPooledOrder,
  addPooledLine,
  removePooledLine,
  getPooledOrder,
  confirmPooledOrder,
  listDeals,
  openGroupBuy,
  joinGroupBuy,
  getGroupBuy,
  leaveGroupBuy,
  runCommerceExpiryFunction,
] as const;
