import { ITEM_ID_PATTERN, SHARE_CODE_PATTERN } from './productLink';

/**
 * One product of the catalog as an operator imports it, and the checks each imported row must
 * pass. A row that fails is reported with its reason; the others are still imported.
 */
export interface CatalogProduct {
  /** The Taobao/Tmall item id, so that pasted item links resolve to this product. */
  productId: string;
  title: string;
  shopName: string;
  priceFen: number;
  category: string;
  /** An https image; null means the host's generated picture. */
  imageUrl: string | null;
  /** A share code known to point at this item, if any. */
  shareCode: string | null;
  /** Every picture (imageUrl first) when the import gives a list; absent: just imageUrl. */
  images?: string[];
  /** Units the shop has (null: not tracked); absent: an existing product keeps its stock. */
  stock?: number | null;
}

export const CATALOG_LIMITS = Object.freeze({
  rowsPerImport: 5000,
  titleMaxLength: 120,
  shopNameMaxLength: 60,
  categoryMaxLength: 20,
  imageUrlMaxLength: 512,
  /** 10 million yuan: far above any real item, low enough to catch a price given in the wrong unit. */
  priceFenMax: 1_000_000_000,
});

export const CATALOG_COLUMNS = ['productId', 'title', 'shopName', 'priceFen', 'category', 'imageUrl', 'shareCode'] as const;
export const REQUIRED_CATALOG_COLUMNS = ['productId', 'title', 'shopName', 'priceFen', 'category'] as const;

// Control characters and zero-width characters have no place in a product title.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/u;

export type RowCheck = { ok: true; product: CatalogProduct } | { ok: false; reason: string };

function text(raw: Record<string, unknown>, key: string, max: number): string | { reason: string } {
  const value = raw[key];
  if (typeof value !== 'string' && typeof value !== 'number') return { reason: `${key} is required` };
  const trimmed = String(value).trim();
  if (trimmed === '') return { reason: `${key} is required` };
  if (INVISIBLE.test(trimmed)) return { reason: `${key} contains control or invisible characters` };
  if ([...trimmed].length > max) return { reason: `${key} must be at most ${max} characters` };
  return trimmed;
}

function optional(raw: Record<string, unknown>, key: string): string | null {
  const value = raw[key];
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** Checks one row (from JSON or from a CSV line keyed by its header). Fields in CATALOG_COLUMNS only. */
export function checkCatalogRow(raw: Record<string, unknown>): RowCheck {
  const unknown = Object.keys(raw).filter((key) => !(CATALOG_COLUMNS as readonly string[]).includes(key));
  if (unknown.length > 0) return { ok: false, reason: `unknown field(s): ${unknown.join(', ')}` };

  const productId = optional(raw, 'productId');
  if (!productId || !ITEM_ID_PATTERN.test(productId)) {
    return { ok: false, reason: 'productId must be the Taobao/Tmall numeric item id (6-19 digits)' };
  }
  const title = text(raw, 'title', CATALOG_LIMITS.titleMaxLength);
  if (typeof title !== 'string') return { ok: false, reason: title.reason };
  const shopName = text(raw, 'shopName', CATALOG_LIMITS.shopNameMaxLength);
  if (typeof shopName !== 'string') return { ok: false, reason: shopName.reason };
  const category = text(raw, 'category', CATALOG_LIMITS.categoryMaxLength);
  if (typeof category !== 'string') return { ok: false, reason: category.reason };

  const priceText = optional(raw, 'priceFen');
  if (priceText === null || !/^[0-9]{1,10}$/.test(priceText) || Number(priceText) > CATALOG_LIMITS.priceFenMax) {
    return { ok: false, reason: `priceFen must be a whole number of fen, 0-${CATALOG_LIMITS.priceFenMax} (e.g. 29900 for ¥299.00)` };
  }

  const imageUrl = optional(raw, 'imageUrl');
  if (imageUrl !== null && (imageUrl.length > CATALOG_LIMITS.imageUrlMaxLength || !/^https:\/\/[^\s<>"']+$/.test(imageUrl))) {
    return { ok: false, reason: `imageUrl must be an https URL of at most ${CATALOG_LIMITS.imageUrlMaxLength} characters, or empty` };
  }
  const shareCode = optional(raw, 'shareCode');
  if (shareCode !== null && !SHARE_CODE_PATTERN.test(shareCode)) {
    return { ok: false, reason: 'shareCode must be 8-16 letters and digits (the code between ￥ signs), or empty' };
  }
  return { ok: true, product: { productId, title, shopName, priceFen: Number(priceText), category, imageUrl, shareCode } };
}
