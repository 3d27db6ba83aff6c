import { claimCoupon, listCoupons, myCoupons } from './coupons';
import { getGroupBuy, joinGroupBuy, leaveGroupBuy, listDeals, myGroupBuys, openGroupBuy } from './groupBuys';
import { runCommerceExpiryFunction } from './operator';
import { addPooledLine, confirmPooledOrder, getPooledOrder, listPooledOrders, removePooledLine, startPooledOrder } from './pooledOrders';

export const commerceFunctions = [
  listCoupons,
  claimCoupon,
  myCoupons,
  startPooledOrder,
  addPooledLine,
  removePooledLine,
  getPooledOrder,
  listPooledOrders,
  confirmPooledOrder,
  listDeals,
  openGroupBuy,
  joinGroupBuy,
  getGroupBuy,
  myGroupBuys,
  leaveGroupBuy,
  runCommerceExpiryFunction,
] as const;
