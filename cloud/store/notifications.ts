import {
  TOPIC_OF_KIND,
  UNREAD_COUNT_CAP,
  type NotificationKind,
  type SubscribePlatform,
  type SubscribeTopic,
} from '../../contract/notifications';
import { newObjectId } from '../ids';
import type { Queryable } from './store';

/*
 * The only writer of notifications, notification_subscriptions and notification_outbox. Events
 * write their notices here inside their own transactions (a split, a refund, a removal …); each
 * notice is keyed by its event (effect_key), so a retried or repeated event notifies once. A
 * notice whose topic the user accepted a subscribe message for is enqueued in the outbox by the
 * same statement; the sender job sends it after the commit.
 */

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** The event, once: e.g. `split:<slot>:<group>:<user>`. */
  effectKey: string;
  payload: Record<string, unknown>;
  /** Adds `groupName` (the group's name now) to the payload. */
  groupId?: string;
  /** Adds `title` (the deal's product title) to the payload. */
  groupBuyId?: string;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const KINDS = Object.keys(TOPIC_OF_KIND);
const TOPICS = KINDS.map((kind) => TOPIC_OF_KIND[kind as NotificationKind]);

/**
 * Writes notices (one statement however many), each once by its effect key, moves the version
 * of each notified user's message centre (the read cache's `notices:` scope), and enqueues a
 * platform message for each new one whose topic the user holds an accepted subscription for.
 * Answers how many notices were new.
 */
export async function notify(db: Queryable, notices: readonly NewNotification[], now: Date): Promise<number> {
  if (notices.length === 0) return 0;
  const rows = await db.query<{ added: number }>(
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         as i (id, user_id, kind, effect_key, payload, group_id, group_buy_id)
     ), added as (
       insert into notifications (id, user_id, kind, effect_key, payload, created_at)
       select i.id, i.user_id, i.kind, i.effect_key,
              i.payload::jsonb
                || case when g.id is null then '{}'::jsonb else jsonb_build_object('groupName', g.name) end
                || case when p.id is null then '{}'::jsonb else jsonb_build_object('title', p.title) end,
              $8
       from input i
       left join groups g on g.id = i.group_id
       left join group_buys b on b.id = i.group_buy_id
       left join deals d on d.id = b.deal_id
       left join products p on p.id = d.product_id
       on conflict (effect_key) do nothing
       returning id, user_id, kind
     ), versioned as (
       -- Her message centre's version moves with her new notices (migration 026).
       insert into read_versions as v (scope, version)
       select distinct 'notices:' || a.user_id, 1 from added a order by 1
       on conflict (scope) do update set version = v.version + 1
       where v.xmin <> pg_current_xact_id()::xid
     ), queued as (
       insert into notification_outbox (notification_id, user_id, provider, template_id, next_attempt_at, created_at)
       select a.id, a.user_id, s.provider, s.template_id, $8, $8
       from added a
       join unnest($9::text[], $10::text[]) as t (kind, topic) on t.kind = a.kind
       join notification_subscriptions s on s.user_id = a.user_id and s.topic = t.topic and s.remaining > 0
       returning 1
     )
     select (select count(*) from added)::int as added, (select count(*) from queued)::int as queued`,
    [
      notices.map(() => newObjectId()),
      notices.map((n) => n.userId),
      notices.map((n) => n.kind),
      notices.map((n) => n.effectKey),
      notices.map((n) => JSON.stringify(n.payload)),
      notices.map((n) => n.groupId ?? null),
      notices.map((n) => n.groupBuyId ?? null),
      now,
      KINDS,
      TOPICS,
    ],
  );
  return rows[0]?.added ?? 0;
}

/** A page of her notices, newest first, after the one named by the cursor (her notice's id). */
export async function listNotifications(
  db: Queryable,
  userId: string,
  cursor: string | undefined,
  limit: number,
): Promise<NotificationRow[]> {
  if (!cursor) {
    return db.query<NotificationRow>(
      `select id, user_id, kind, payload, created_at, read_at from notifications
       where user_id = $1 order by created_at desc, id desc limit $2`,
      [userId, limit],
    );
  }
  return db.query<NotificationRow>(
    `select n.id, n.user_id, n.kind, n.payload, n.created_at, n.read_at from notifications n, notifications c
     where c.id = $2 and c.user_id = $1 and n.user_id = $1 and (n.created_at, n.id) < (c.created_at, c.id)
     order by n.created_at desc, n.id desc limit $3`,
    [userId, cursor, limit],
  );
}

/** Her unread notices, counted up to UNREAD_COUNT_CAP (one index range; the badge shows 99+). */
export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from (select 1 from notifications where user_id = $1 and read_at is null limit ${UNREAD_COUNT_CAP}) u`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Marks her notices read (the named ones, or all with null); answers her unread count after. */
export async function markRead(db: Queryable, userId: string, ids: readonly string[] | null, now: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with marked as (
       update notifications set read_at = $3
       where user_id = $1 and read_at is null and ($2::text[] is null or id = any($2::text[]))
       returning id
     )
     select count(*)::int as n from (
       select 1 from notifications n where n.user_id = $1 and n.read_at is null and n.id not in (select id from marked)
       limit ${UNREAD_COUNT_CAP}
     ) u`,
    [userId, ids, now],
  );
  return rows[0]?.n ?? 0;
}

/** Members of open pooled orders closing within the window, not yet reminded: the reminder's notices. */
export async function remindClosingPooledOrders(db: Queryable, now: Date, windowMs: number, limit: number): Promise<number> {
  const due = await db.query<{ id: string; group_id: string; deadline: Date; user_id: string }>(
    `select o.id, o.group_id, o.deadline, m.user_id
     from pooled_orders o
     join lateral (select distinct user_id from pooled_order_lines l where l.pooled_order_id = o.id) m on true
     where o.status in ('open', 'confirming') and o.deadline > $1 and o.deadline <= $2
       and not exists (select 1 from notifications n where n.effect_key = 'po-closing:' || o.id || ':' || m.user_id)
     order by o.deadline, o.id, m.user_id limit $3`,
    [now, new Date(now.getTime() + windowMs), limit],
  );
  return notify(
    db,
    due.map((r) => ({
      userId: r.user_id,
      kind: 'pooled_order_closing',
      effectKey: `po-closing:${r.id}:${r.user_id}`,
      payload: { pooledOrderId: r.id, groupId: r.group_id, deadline: r.deadline.toISOString() },
      groupId: r.group_id,
    })),
    now,
  );
}

/**
 * Records what she accepted on one platform: one more message allowed per accepted topic (at most
 * SUBSCRIPTIONS_HELD_MAX held). An acceptance on the other platform than the one held replaces it
 * (one message allowed, through the new platform): acceptances are counted per platform there.
 */
export async function addSubscriptions(
  db: Queryable,
  userId: string,
  provider: SubscribePlatform,
  accepted: ReadonlyArray<{ topic: SubscribeTopic; templateId: string }>,
  now: Date,
): Promise<void> {
  if (accepted.length === 0) return;
  await db.query(
    `insert into notification_subscriptions (user_id, topic, provider, template_id, remaining, updated_at)
     select $1, t.topic, $5, t.template_id, 1, $4 from unnest($2::text[], $3::text[]) as t (topic, template_id)
     on conflict (user_id, topic) do update
       set remaining = case when notification_subscriptions.provider = excluded.provider
                            then least(notification_subscriptions.remaining + 1, ${SUBSCRIPTIONS_HELD_MAX}) else 1 end,
           provider = excluded.provider, template_id = excluded.template_id, updated_at = excluded.updated_at`,
    [userId, accepted.map((a) => a.topic), accepted.map((a) => a.templateId), now, provider],
  );
}

/** Acceptances one user may hold per topic (WeChat counts them the same way, one message each). */
export const SUBSCRIPTIONS_HELD_MAX = 50;

export interface OutboxMessage {
  notification_id: string;
  user_id: string;
  provider: SubscribePlatform;
  template_id: string;
  attempts: number;
  spent: boolean;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  created_at: Date;
  /**
   * Her id at the message's platform: the WeChat openid (lc_weapp) or the Alipay user id
   * (lc_alipay); null when she never logged in through that mini-program.
   */
  recipient: string | null;
}

/** Messages due to be sent (pending, their next try reached), oldest first. */
export async function dueOutbox(db: Queryable, now: Date, limit: number): Promise<OutboxMessage[]> {
  return db.query<OutboxMessage>(
    `select o.notification_id, o.user_id, o.provider, o.template_id, o.attempts, o.spent, n.kind, n.payload, n.created_at,
            (select a.provider_uid from auth_identities a
             where a.user_id = o.user_id and a.provider = case o.provider when 'alipay' then 'lc_alipay' else 'lc_weapp' end
             order by a.created_at limit 1) as recipient
     from notification_outbox o join notifications n on n.id = o.notification_id
     where o.status = 'pending' and o.next_attempt_at <= $1
     order by o.next_attempt_at, o.notification_id limit $2`,
    [now, limit],
  );
}

/**
 * Takes a due message for one run before it is sent: its next try moves `holdMs` ahead, so a run
 * going at the same time (a slow batch overlapping the next) leaves it alone. True when this run
 * took it; false when another did first, or it changed since it was read (tried, sent, given up).
 */
export async function claimOutboxMessage(db: Queryable, message: OutboxMessage, now: Date, holdMs: number): Promise<boolean> {
  const rows = await db.query(
    `update notification_outbox set next_attempt_at = $3
     where notification_id = $1 and status = 'pending' and attempts = $2 and next_attempt_at <= $4
     returning 1`,
    [message.notification_id, message.attempts, new Date(now.getTime() + holdMs), now],
  );
  return rows.length > 0;
}

/**
 * Spends one of her acceptances of the message's topic, once per message, before the first try:
 * true when it holds one (spent now or before), false when none is left (the message is skipped).
 */
export async function spendSubscription(db: Queryable, message: OutboxMessage, now: Date): Promise<boolean> {
  if (message.spent) return true;
  const rows = await db.query(
    `with spent as (
       update notification_subscriptions set remaining = remaining - 1, updated_at = $3
       where user_id = $1 and topic = $2 and provider = $5 and remaining > 0 returning 1
     )
     update notification_outbox set spent = true where notification_id = $4 and status = 'pending' and exists (select 1 from spent)
     returning 1`,
    [message.user_id, TOPIC_OF_KIND[message.kind], now, message.notification_id, message.provider],
  );
  return rows.length > 0;
}

/** The message's outcome: sent, skipped or failed for good, or another try at `retryAt`. */
export async function recordOutboxAttempt(
  db: Queryable,
  notificationId: string,
  outcome: { status: 'sent' | 'skipped' | 'failed'; error?: string } | { status: 'retry'; error: string; retryAt: Date },
  now: Date,
): Promise<void> {
  await db.query(
    `update notification_outbox
     set status = case when $2 = 'retry' then 'pending' else $2 end,
         attempts = attempts + case when $2 = 'skipped' then 0 else 1 end,
         last_error = $3, next_attempt_at = coalesce($4, next_attempt_at),
         sent_at = case when $2 = 'sent' then $5 else sent_at end
     where notification_id = $1 and status = 'pending'`,
    [notificationId, outcome.status, outcome.error ?? null, outcome.status === 'retry' ? outcome.retryAt : null, now],
  );
}

export interface OutboxStatusRow {
  notification_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** A notice's outbox row (tests and operators). */
export async function outboxOf(db: Queryable, notificationId: string): Promise<OutboxStatusRow | undefined> {
  const rows = await db.query<OutboxStatusRow>(
    'select notification_id, status, attempts, last_error from notification_outbox where notification_id = $1',
    [notificationId],
  );
  return rows[0];
}
