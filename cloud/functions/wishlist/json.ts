import type { ProductJson, ShareJson, WishlistItemJson } from '../../../contract/types';
import { canonicalItemLink, canonicalShortLink } from '../../domain/productLink';
import { generatedImagePath, type ProductRow } from '../../store/products';
import type { ItemViewRow, ShareRow } from '../../store/wishlist';

/**
 * The title shown for a recognised item that is not in the catalog and came without a 「」
 * title. The share_item function (store/migrations/023_pasted_titles.sql) writes the same title
 * into its feed event.
 */
function unresolvedTitle(refKind: ItemViewRow['ref_kind'], ref: string): string {
  if (refKind === 'item_id') return `淘宝宝贝（商品 ID ${ref}）`;
  return refKind === 'share_code' ? `淘口令宝贝（${ref}）` : `淘宝分享宝贝（${ref}）`;
}

/** The link shown: rebuilt from the id or token, never the pasted text; a share code has none. */
function itemLink(refKind: ItemViewRow['ref_kind'], ref: string): string | null {
  if (refKind === 'item_id') return canonicalItemLink(ref);
  return refKind === 'short_link' ? canonicalShortLink(ref) : null;
}

export function itemJson(row: ItemViewRow): WishlistItemJson {
  const resolved = row.product_id !== null;
  return {
    itemId: row.id,
    groupId: row.group_id,
    list: row.list,
    productId: row.product_id,
    refKind: row.ref_kind,
    itemRef: row.item_ref,
    resolved,
    link: itemLink(row.ref_kind, row.item_ref),
    title: row.title ?? row.pasted_title ?? unresolvedTitle(row.ref_kind, row.item_ref),
    shopName: row.shop_name ?? '',
    priceFen: row.price_fen,
    imageUrl: row.product_id !== null ? (row.image_url ?? generatedImagePath(row.product_id)) : null,
    note: row.note,
    addedBy: { userId: row.added_by, nickname: row.added_by_nickname },
    wantCount: row.want_count,
    wantedByMe: row.wanted_by_me,
    bought: row.bought_by !== null,
    boughtBy: row.bought_by ? { userId: row.bought_by, nickname: row.bought_by_nickname ?? '' } : null,
    boughtAt: row.bought_at ? row.bought_at.toISOString() : null,
    shareCount: row.share_count,
    lastShare: row.last_share_id
      ? { shareId: row.last_share_id, sharedBy: { userId: row.last_shared_by!, nickname: row.last_shared_by_nickname ?? '' } }
      : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function shareJson(row: ShareRow, sharerNickname: string): ShareJson {
  return {
    shareId: row.id,
    groupId: row.group_id,
    itemId: row.item_id,
    sharedBy: { userId: row.user_id, nickname: sharerNickname },
    createdAt: row.created_at.toISOString(),
  };
}

export function productJson(row: ProductRow): ProductJson {
  return {
    productId: row.id,
    title: row.title,
    shopName: row.shop_name,
    priceFen: row.price_fen,
    imageUrl: row.image_url ?? generatedImagePath(row.id),
    category: row.category,
  };
}
