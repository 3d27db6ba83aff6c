import { z } from 'zod';
import { forbidden } from '../../errors';
import { appendItemEvent } from '../../store/feed';
import { removeItem } from '../../store/wishlist';
import { defineFunction } from '../define';
import { itemEventData, memberItem } from './itemAccess';
import { wishlistFields } from './params';

/** Takes an item off its list: the member who added it, or the group owner. Removing twice is fine. */
export const removeWishlistItem = defineFunction({
  name: 'removeWishlistItem',
  access: 'user',
  params: z.object({ itemId: wishlistFields.itemId }).strict(),
  handler: async (ctx, { itemId }) => {
    const userId = ctx.user.id;
    await ctx.store.transaction(async (tx) => {
      const { item, group } = await memberItem(tx, itemId, userId, { includeRemoved: true });
      if (item.added_by !== userId && group.owner_id !== userId) {
        throw forbidden('只有添加这件宝贝的人或群主可以把它移出清单');
      }
      const now = ctx.clock.now();
      if (await removeItem(tx, itemId, userId, now)) {
        await appendItemEvent(tx, {
          groupId: item.group_id,
          type: 'item_removed',
          actorId: userId,
          addedBy: item.added_by,
          data: itemEventData(item),
          now,
        });
      }
    });
    return { removed: true as const, itemId };
  },
});
