import { z } from 'zod';
import { listEvents } from '../../store/feed';
import { defineFunction } from '../define';
import { fields } from '../validation';
import { memberGroup } from './access';
import { readGroupScreen, readKey } from '../cachedReads';
import { feedEventJson } from './json';

export const FEED_PAGE_DEFAULT = 30;
export const FEED_PAGE_MAX = 100;

export const groupFeed = defineFunction({
  name: 'groupFeed',
  access: 'user',
  params: z
    .object({
      groupId: fields.objectId('groupId'),
      after: z
        .string()
        .regex(/^\d{1,18}$/, 'after must be the cursor from an earlier groupFeed reply')
        .optional(),
      limit: z.number().int().min(1, `limit must be 1-${FEED_PAGE_MAX}`).max(FEED_PAGE_MAX, `limit must be 1-${FEED_PAGE_MAX}`).optional(),
    })
    .strict(),
  handler: async (ctx, { groupId, after, limit }) => {
    const pageSize = limit ?? FEED_PAGE_DEFAULT;
    // The same for every member: one stored answer per page, whoever asks.
    const { value } = await readGroupScreen(ctx, groupId, readKey('groupFeed', groupId, after, pageSize), async () => {
      const rows = await listEvents(ctx.store, groupId, ctx.user.id, after === undefined ? null : Number(after), pageSize);
      // The feed's statement answers only members: an empty page may instead mean no group (101) or no membership (119).
      if (rows.length === 0) await memberGroup(ctx.store, groupId, ctx.user.id);
      const events = rows.map(feedEventJson);
      const cursor = events.length > 0 ? events[events.length - 1]!.eventId : (after ?? null);
      return { events, cursor };
    });
    return value;
  },
});
