/**
 * Merchandising: what marketers create and edit — coupon templates, group-buy deals and catalog
 * products (marketer role or master key). Amounts in fen; times ISO 8601 with an offset.
 * A save without an id creates; with its id, edits. Every save is in the audit log as
 * `coupon.create` / `coupon.update` / `deal.create` / `deal.update` / `product.create` /
 * `product.update` (and `product.import`) with `detail: { before, after }` (before null on create).
 */

/**
 * cross_store: 跨店满减, every full thresholdFen of an order earns discountFen, up to capFen.
 * shop: 店铺券, discountFen off one shop's lines once they reach thresholdFen.
 * percent: 折扣券, percentOff % off the whole order (10 = 9折), at most capFen; no threshold.
 */
export type CouponTemplateKind = 'cross_store' | 'shop' | 'percent';

/** draft: not shown, not claimable; live: shown and claimable in its claim window; stopped: no more claims (claimed coupons stay usable). */
export type CouponTemplateStatus = 'draft' | 'live' | 'stopped';

/** What a marketer edits. Fields a kind does not use are null (or 0 for thresholdFen/discountFen of a percent coupon). */
export interface CouponTemplateInputJson {
  /** Absent: create. */
  couponId?: string;
  campaignId: string;
  kind: CouponTemplateKind;
  title: string;
  /** shop: the shop it applies to (the catalog's shopName); null for cross_store and percent (every shop). */
  shopName: string | null;
  /** cross_store: the repeating step; shop: the threshold (0 = 无门槛); percent: 0. */
  thresholdFen: number;
  /** cross_store and shop: fen off; percent: 0. */
  discountFen: number;
  /** percent: 1-99 (% off); null otherwise. */
  percentOff: number | null;
  /** cross_store: optional cap per order; percent: required; shop: null. */
  capFen: number | null;
  /** Coupons in all. Can be raised any time; never below what has been claimed. */
  stockTotal: number;
  perUserLimit: number;
  /** The claim window; null ends are open (the campaign's own window still applies). */
  claimStartsAt: string | null;
  claimEndsAt: string | null;
  /** Validity, fixed: usable from validFrom (null: at once) until validUntil (null: no end) … */
  validFrom: string | null;
  validUntil: string | null;
  /** … or for validDays days after claiming (then validFrom and validUntil are null). */
  validDays: number | null;
  status: CouponTemplateStatus;
}

export interface CouponTemplateAdminJson
  extends Required<Pick<CouponTemplateInputJson, 'couponId'>>, Omit<CouponTemplateInputJson, 'couponId'> {
  stockLeft: number;
  claimedCount: number;
  /** Claimed coupons already used in a placed or confirming pooled order. */
  usedCount: number;
  createdAt: string;
  updatedAt: string;
}

/** live: shoppers can open group buys; stopped: no new openings (open group buys run to their end). */
export type DealStatus = 'live' | 'stopped';

export interface DealInputJson {
  /** Absent: create. The deal's id stays the same across versions. */
  dealId?: string;
  campaignId: string;
  productId: string;
  groupPriceFen: number;
  /** 团长优惠: what the one who opens a group buy pays (at most groupPriceFen); null: the group price. */
  leaderPriceFen: number | null;
  /** Seats per group buy (2-50). */
  size: number;
  /** Hours a group buy has to fill (1-168). */
  timeLimitHours: number;
  /** 模拟成团: at the deadline a group buy with at least one payer succeeds anyway. */
  virtualCompletion: boolean;
  /** Group buys of this deal one shopper may hold a seat in at once; null: no limit. */
  perUserLimit: number | null;
  /** Group buys that may be opened on this deal in all (never below those opened); null: no limit. */
  openingsTotal: number | null;
  status: DealStatus;
}

export interface DealAdminJson extends Required<Pick<DealInputJson, 'dealId'>>, Omit<DealInputJson, 'dealId'> {
  /**
   * The id shoppers open group buys with (listDeals' dealId): the current version's. Editing the
   * terms of a deal with group buys makes a new version; group buys keep the version they opened on.
   */
  versionId: string;
  version: number;
  product: { productId: string; title: string; shopName: string; priceFen: number; imageUrl: string | null };
  openingsUsed: number;
  /** Group buys still open, on any version. */
  openGroupBuys: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProductInputJson {
  /** Absent: create (then `link` names the item). */
  productId?: string;
  /**
   * Create only: the Taobao/Tmall item link, or its numeric item id, or any text the app reads as
   * one (the same rules as a pasted link), so that shoppers' pasted links resolve to this product.
   */
  link?: string;
  title: string;
  shopName: string;
  priceFen: number;
  category: string;
  /** https pictures, the first is the main one; empty: the host draws one. At most 9. */
  images: string[];
  /** Units the shop has; null: not tracked. */
  stock: number | null;
}

export interface ProductAdminJson {
  productId: string;
  title: string;
  shopName: string;
  priceFen: number;
  category: string;
  images: string[];
  /** images[0], or the generated picture. */
  imageUrl: string;
  stock: number | null;
  shareCode: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One page of an admin list; `nextCursor` null on the last page. */
export interface AdminPage {
  cursor?: string;
  /** 1-100, default 50. */
  limit?: number;
}

export interface MerchandisingFunctions {
  /** 142 with field-level messages; stock below what is claimed is a 142 on coupon.stockTotal. */
  saveCoupon: { params: { coupon: CouponTemplateInputJson }; result: { coupon: CouponTemplateAdminJson } };
  saveDeal: { params: { deal: DealInputJson }; result: { deal: DealAdminJson } };
  saveProduct: { params: { product: ProductInputJson }; result: { product: ProductAdminJson } };
  /** A campaign's coupon templates (all campaigns without one), newest first. */
  listCouponTemplates: {
    params: AdminPage & { campaignId?: string; status?: CouponTemplateStatus };
    result: { coupons: CouponTemplateAdminJson[]; nextCursor: string | null };
  };
  /** Deals (their current versions), newest first. */
  listGroupBuyDeals: {
    params: AdminPage & { campaignId?: string; status?: DealStatus };
    result: { deals: DealAdminJson[]; nextCursor: string | null };
  };
  /** The catalog in product-id order, optionally filtered by a substring of title or shop, and by category. */
  listCatalog: {
    params: AdminPage & { query?: string; category?: string };
    result: { products: ProductAdminJson[]; nextCursor: string | null };
  };
  /**
   * Catalog rows from CSV text with a header. Columns: productId or link (an item link or id as
   * the app reads pasted text), title, shopName, priceFen, category; optional images (separated by
   * `|`), stock, shareCode. Rows are checked one by one: good rows are created or updated, bad ones
   * reported with their reason (row numbers count data rows from 1).
   */
  importCatalog: {
    params: { csv: string };
    result: {
      received: number;
      created: number;
      updated: number;
      rejected: Array<{ row: number; productId: string | null; reason: string }>;
    };
  };
}
