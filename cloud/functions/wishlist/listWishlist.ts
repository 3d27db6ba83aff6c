import { z } from 'zod';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { listItemViews } from '../../store/wishlist';
import { defineFunction } from '../define';
import { memberGroup } from '../groups/access';
import { readGroupScreen, readKey } from '../cachedReads';
import { fields } from '../validation';
import { itemJson } from './json';
import { wishlistFields } from './params';

/**
 * A group's lists, newest first, for its members: both lists, or one; Double 11 lists of one member
 * with ownerId. One statement, or none while the group's version has not moved (the answer differs
 * per member: wantedByMe, and the latest share by someone else).
 */
export const listWishlist = defineFunction({
  name: 'listWishlist',
  access: 'user',
  params: z
    .object({
      groupId: fields.objectId('groupId'),
      list: wishlistFields.list.optional(),
      ownerId: fields.objectId('ownerId').optional(),
      cursor: z
        .string()
        .regex(/^[1-9][0-9]{0,17}$/, 'cursor must be the nextCursor from an earlier listWishlist reply')
        .optional(),
      limit: wishlistFields.limit.optional(),
    })
    .strict(),
  handler: async (ctx, { groupId, list, ownerId, cursor, limit }) => {
    const pageSize = limit ?? WISHLIST_RULES.pageSizeDefault;
    const key = readKey('listWishlist', groupId, ctx.user.id, list, ownerId, cursor, pageSize);
    const { value } = await readGroupScreen(ctx, groupId, key, async () => {
      const rows = await listItemViews(ctx.store, {
        groupId,
        viewerId: ctx.user.id,
        list,
        ownerId,
        beforeSeq: cursor === undefined ? undefined : Number(cursor),
        limit: pageSize,
      });
      // The list's statement answers only members: an empty page may instead mean no group (101) or no membership (119).
      if (rows.length === 0) await memberGroup(ctx.store, groupId, ctx.user.id);
      const page = rows.slice(0, pageSize);
      return { items: page.map(itemJson), nextCursor: rows.length > pageSize ? String(page[page.length - 1]!.seq) : null };
    });
    return value;
  },
});
