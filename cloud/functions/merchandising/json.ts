/** The marketers' wire shapes of coupon templates, deals and products (contract/merchandising.ts), built from store rows. */
import type { CouponTemplateAdminJson, DealAdminJson, ProductAdminJson } from '../../../contract/merchandising';
import type { CouponTemplateRow } from '../../store/coupons';
import type { DealRow } from '../../store/groupBuys';
import { generatedImagePath, type ProductRow } from '../../store/products';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function couponAdminJson(row: CouponTemplateRow, usedCount: number): CouponTemplateAdminJson {
  return {
    couponId: row.id,
    campaignId: row.campaign_id,
    kind: row.kind,
    title: row.title,
    shopName: row.shop_name,
    thresholdFen: row.threshold_fen,
    discountFen: row.discount_fen,
    percentOff: row.percent_off,
    capFen: row.cap_fen,
    stockTotal: row.stock_total,
    stockLeft: row.stock,
    claimedCount: row.stock_total - row.stock,
    usedCount,
    perUserLimit: row.per_user_limit,
    claimStartsAt: iso(row.claim_starts_at),
    claimEndsAt: iso(row.claim_ends_at),
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    validDays: row.valid_days,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function dealAdminJson(row: DealRow, extra: { openGroupBuys: number; seriesCreatedAt: Date }): DealAdminJson {
  if (row.status === 'superseded') throw new Error(`deal ${row.id} is an old version`);
  return {
    dealId: row.series_id,
    versionId: row.id,
    version: row.version,
    campaignId: row.campaign_id,
    productId: row.product_id,
    product: {
      productId: row.product_id,
      title: row.title,
      shopName: row.shop_name,
      priceFen: row.price_fen,
      imageUrl: row.image_url ?? generatedImagePath(row.product_id),
    },
    groupPriceFen: row.group_price_fen,
    leaderPriceFen: row.leader_price_fen,
    size: row.size,
    timeLimitHours: row.time_limit_hours,
    virtualCompletion: row.virtual_completion,
    perUserLimit: row.per_user_limit,
    openingsTotal: row.openings_total,
    openingsUsed: row.openings_used,
    openGroupBuys: extra.openGroupBuys,
    status: row.status,
    createdAt: extra.seriesCreatedAt.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function productAdminJson(row: ProductRow): ProductAdminJson {
  return {
    productId: row.id,
    title: row.title,
    shopName: row.shop_name,
    priceFen: row.price_fen,
    category: row.category,
    images: row.images,
    imageUrl: row.image_url ?? generatedImagePath(row.id),
    stock: row.stock,
    shareCode: row.share_code,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
