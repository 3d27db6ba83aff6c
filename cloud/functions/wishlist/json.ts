import type { ProductJson, ShareJson, WishlistItemJson } from '../../../contract/types';
import { canonicalItemLink } from '../../domain/productLink';
import { generatedImagePath, type ProductRow } from '../../store/products';
import type { ItemViewRow, ShareRow } from '../../store/wishlist';

/**
 * The title shown for a recognised item that is not in the catalog. The share_item function
 * (store/migrations/008_share_item.sql) writes the same title into its feed event.
 */
function unresolvedTitle(refKind: ItemViewRow['ref_kind'], ref: string): string {
  return refKind === 'item_id' ? `淘宝宝贝（商品 ID ${ref}）` : `淘口令宝贝（${ref}）`;
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
    link: row.ref_kind === 'item_id' ? canonicalItemLink(row.item_ref) : null,
    title: row.title ?? unresolvedTitle(row.ref_kind, row.item_ref),
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
