import { z } from 'zod';
import { appendItemEvent } from '../../store/feed';
import { itemView, setWant } from '../../store/wishlist';
import { defineFunction } from '../define';
import { itemEventData, memberItem } from './itemAccess';
import { itemJson } from './json';
import { wishlistFields } from './params';

/** "Want it too" on or off. Only a member's first want of an item goes to the feed. */
export const wantItem = defineFunction({
  name: 'wantItem',
  access: 'user',
  params: z
    .object({
      itemId: wishlistFields.itemId,
      on: z.boolean({ required_error: 'on is required (true or false)', invalid_type_error: 'on must be true or false' }),
    })
    .strict(),
  handler: async (ctx, { itemId, on }) => {
    const now = ctx.clock.now();
    const userId = ctx.user.id;
    await ctx.store.transaction(async (tx) => {
      const { item } = await memberItem(tx, itemId, userId);
      const want = await setWant(tx, itemId, userId, on, now);
      if (want.first) {
        await appendItemEvent(tx, {
          groupId: item.group_id,
          type: 'item_wanted',
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
