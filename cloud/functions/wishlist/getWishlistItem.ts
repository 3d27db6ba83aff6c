import { z } from 'zod';
import { notFound } from '../../errors';
import { findItemDetail } from '../../store/wishlist';
import { defineFunction } from '../define';
import { itemImages } from './images';
import { memberItem } from './itemAccess';
import { itemJson } from './json';
import { wishlistFields } from './params';

/**
 * The product page: one item of a group's lists with its pictures, who wants it and who bought
 * it, for members of the group. One statement for a member; anyone else gets the answer memberItem
 * gives (101 no such item, 119 not a member).
 */
export const getWishlistItem = defineFunction({
  name: 'getWishlistItem',
  access: 'user',
  params: z.object({ itemId: wishlistFields.itemId }).strict(),
  handler: async (ctx, { itemId }) => {
    const row = await findItemDetail(ctx.store, itemId, ctx.user.id);
    if (!row) {
      // Throws the reason: no such item (101) or not a member of its group (119).
      await memberItem(ctx.store, itemId, ctx.user.id, { includeRemoved: true });
      throw notFound('找不到这件宝贝（item not found）');
    }
    if (row.removed_at) throw notFound('找不到这件宝贝，可能已被移出清单（item not found）');
    const item = itemJson(row);
    return {
      item,
      images: itemImages(item),
      wanters: row.wanters,
      buyers: item.boughtBy ? [item.boughtBy] : [],
    };
  },
});
