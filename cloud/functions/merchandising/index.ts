import { listCouponTemplates, saveCoupon } from './coupons';
import { listGroupBuyDeals, saveDeal } from './deals';
import { importCatalog, listCatalog, saveProduct } from './products';

/** Marketers' merchandising: coupon templates, group-buy deals and the catalog. */
export const merchandisingFunctions = [
  saveCoupon,
  listCouponTemplates,
  saveDeal,
  listGroupBuyDeals,
  saveProduct,
  listCatalog,
  importCatalog,
] as const;
