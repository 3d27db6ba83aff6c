import { z } from 'zod';
import {
  MARK_READ_IDS_MAX,
  NOTIFICATIONS_PAGE,
  NOTIFICATIONS_PAGE_MAX,
  SUBSCRIBE_PLATFORMS,
  type NotificationJson,
  type SubscribePlatform,
  type SubscribeTopic,
} from '../../contract/notifications';
import { addSubscriptions, countUnread, listNotifications, markRead, type NotificationRow } from '../store/notifications';
import { platformIdsOf } from '../store/users';
import { readKey, readUserScreen } from './cachedReads';
import { defineFunction, type CallContext } from './define';
import { fields } from './validation';

/** Template ids one acceptSubscriptions may report (wx.requestSubscribeMessage takes at most 3 at a time). */
export const SUBSCRIBE_IDS_MAX = 10;

function notificationJson(row: NotificationRow): NotificationJson {
  return {
    notificationId: row.id,
    kind: row.kind,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  } as NotificationJson;
}

export const myNotifications = defineFunction({
  name: 'myNotifications',
  access: 'user',
  params: z
    .object({
      cursor: fields.objectId('cursor').optional(),
      limit: z
        .number({ invalid_type_error: 'limit must be a number' })
        .int('limit must be a whole number')
        .min(1, `limit must be 1-${NOTIFICATIONS_PAGE_MAX}`)
        .max(NOTIFICATIONS_PAGE_MAX, `limit must be 1-${NOTIFICATIONS_PAGE_MAX}`)
        .optional(),
    })
    .strict(),
  handler: async (ctx, { cursor, limit }) => {
    const pageSize = limit ?? NOTIFICATIONS_PAGE;
    return readUserScreen(ctx, 'notices', readKey('myNotifications', cursor, pageSize), async () => {
      const rows = await listNotifications(ctx.store, ctx.user.id, cursor, pageSize + 1);
      const page = rows.slice(0, pageSize);
      return {
        notifications: page.map(notificationJson),
        unreadCount: await countUnread(ctx.store, ctx.user.id),
        nextCursor: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null,
      };
    });
  },
});

export const markNotificationsRead = defineFunction({
  name: 'markNotificationsRead',
  access: 'user',
  params: z
    .object({
      ids: z
        .array(fields.objectId('ids[]'), { invalid_type_error: 'ids must be an array of notification ids' })
        .min(1, 'ids must name at least one notification')
        .max(MARK_READ_IDS_MAX, `ids may name at most ${MARK_READ_IDS_MAX} notifications`)
        .optional(),
      all: z.literal(true, { invalid_type_error: 'all must be true when given' }).optional(),
    })
    .strict()
    .refine((p) => (p.ids === undefined) !== (p.all === undefined), { message: 'give either ids or all: true', path: ['ids'] }),
  handler: async (ctx, { ids }) => ({ unreadCount: await markRead(ctx.store, ctx.user.id, ids ?? null, ctx.clock.now()) }),
});

export const unreadCount = defineFunction({
  name: 'unreadCount',
  access: 'user',
  params: fields.none,
  // The badge is polled: while her notices' version stands still, the count is the stored one.
  handler: async (ctx) =>
    readUserScreen(ctx, 'notices', 'unreadCount', async () => ({ unreadCount: await countUnread(ctx.store, ctx.user.id) })),
});

const platformParam = z.enum(SUBSCRIBE_PLATFORMS, { message: `platform must be ${SUBSCRIBE_PLATFORMS.join(' or ')}` }).optional();

function templatesOf(ctx: Pick<CallContext, 'config'>, platform: SubscribePlatform) {
  return platform === 'alipay' ? ctx.config.alipaySubscribeTemplates : ctx.config.weapp.subscribeTemplates;
}

/**
 * The platform a call is about: the one the app names (it knows whether it runs in WeChat or
 * Alipay), else the one she logged in through — Alipay only when that is her only mini-program
 * login — else WeChat (what apps that name none are).
 */
async function platformOf(ctx: CallContext, named: SubscribePlatform | undefined): Promise<SubscribePlatform> {
  if (named) return named;
  if (!ctx.user) return 'weapp';
  const ids = await platformIdsOf(ctx.store, ctx.user.id);
  return ids.lc_alipay && !ids.lc_weapp ? 'alipay' : 'weapp';
}

/** Public: template ids are no secret (the mini-program shows them to the platform), and the app loads them before a login. */
export const subscribeTemplates = defineFunction({
  name: 'subscribeTemplates',
  access: 'public',
  params: z.object({ platform: platformParam }).strict(),
  handler: async (ctx, { platform }) => {
    const provider = await platformOf(ctx, platform);
    const templates = templatesOf(ctx, provider);
    return { provider: templates.length > 0 ? provider : null, templates };
  },
});

export const acceptSubscriptions = defineFunction({
  name: 'acceptSubscriptions',
  access: 'user',
  params: z
    .object({
      templateIds: z
        .array(z.string().min(1, 'templateIds[] must not be empty').max(128, 'templateIds[] must be at most 128 characters'), {
          invalid_type_error: 'templateIds must be an array of template ids',
        })
        .min(1, 'templateIds must name at least one template')
        .max(SUBSCRIBE_IDS_MAX, `templateIds may name at most ${SUBSCRIBE_IDS_MAX} templates`),
      results: z.record(
        z.enum(['accept', 'reject', 'ban', 'filter'], { message: "results values must be 'accept', 'reject', 'ban' or 'filter'" }),
        {
          invalid_type_error: 'results must map each template id to what the platform answered',
        },
      ),
      platform: platformParam,
    })
    .strict()
    .refine((p) => Object.keys(p.results).length <= SUBSCRIBE_IDS_MAX, {
      message: `results may hold at most ${SUBSCRIBE_IDS_MAX} answers`,
      path: ['results'],
    }),
  handler: async (ctx, { templateIds, results, platform }) => {
    // Only this deployment's templates of that platform count: an id it does not use is ignored.
    const provider = await platformOf(ctx, platform);
    const accepted = templatesOf(ctx, provider).filter((t) => templateIds.includes(t.templateId) && results[t.templateId] === 'accept');
    await addSubscriptions(ctx.store, ctx.user.id, provider, accepted, ctx.clock.now());
    return { accepted: accepted.map((t): SubscribeTopic => t.topic) };
  },
});

export const notificationFunctions = [
  myNotifications,
  markNotificationsRead,
  unreadCount,
  subscribeTemplates,
  acceptSubscriptions,
] as const;
