import type { WishlistItemJson } from '../../../contract/types';
import { PRODUCT_VIEWS } from '../../domain/productImages';
import { generatedImagePath } from '../../store/products';

/**
 * The product page's gallery: a product's own picture (a real image address, kept as imported),
 * or the host's drawings of it from each of its views; nothing for an item outside the catalog.
 */
export function itemImages(item: Pick<WishlistItemJson, 'productId' | 'imageUrl'>): string[] {
  if (!item.imageUrl) return [];
  if (!item.productId || item.imageUrl !== generatedImagePath(item.productId)) return [item.imageUrl];
  return Array.from({ length: PRODUCT_VIEWS }, (_, i) => (i === 0 ? item.imageUrl! : item.imageUrl!.replace(/\.svg$/, `-${i + 1}.svg`)));
}
