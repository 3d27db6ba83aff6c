import { addWishlistItem } from './addWishlistItem';
import { getWishlistItem } from './getWishlistItem';
import { importProducts } from './importProducts';
import { listProducts } from './listProducts';
import { listWishlist } from './listWishlist';
import { markBought } from './markBought';
import { removeWishlistItem } from './removeWishlistItem';
import { shareItem } from './shareItem';
import { wantItem } from './wantItem';

export const wishlistFunctions = [
  listProducts,
  importProducts,
  addWishlistItem,
  listWishlist,
  getWishlistItem,
  wantItem,
  markBought,
  removeWishlistItem,
  shareItem,
] as const;
