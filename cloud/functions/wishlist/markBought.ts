import { z } from 'zod';
import { forbidden } from '../../errors';
import { appendItemEvent } from '../../store/feed';
import { itemView, markItemBought } from '../../store/wishlist';
import { defineFunction } from '../define';
import { itemEventData, memberItem } from './itemAccess';
import { itemJson } from './json';
import { wishlistFields } from './params';

/**
 * Marks an item bought. Any member may mark a group-list item; a Double 11 list belongs to the
 * member who made it, so only she marks its items. Marking twice keeps the first buyer.
 */
export const markBought = defineFunction({
  name: 'markBought',
  access: 'user',
  params: z.object({ itemId: wishlistFields.itemId }).strict(),
  handler: async (ctx, { itemId }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    await ctx.store.transaction(async (tx) => {
      const { item } = await memberItem(tx, itemId, userId);
      if (item.list === 'double11' && item.added_by !== userId) {
        throw forbidden(`这是 ${item.added_by_nickname} 的双十一清单，只有她本人可以标记已买`);
      }
      if (await markItemBought(tx, itemId, userId, now)) {
        await appendItemEvent(tx, {
          groupId: item.group_id,
          type: 'item_bought',
          actorId: userId,
          addedBy: item.added_by,
          data: itemEventData(item),
          now,
        });
      }
    });
    return { item: itemJson(await itemView(ctx.store, itemId, userId)) };
  },
});
