import type { Queryable } from './store';

/**
 * Feed event types. Membership events come from the group functions; item events from the shared
 * list (cloud/functions/wishlist), with `subjectId` the member who added the item — except
 * `item_purchased` (a paid order bought the item through a groupmate's share: `subjectId` is the
 * sharer). Commerce events: pooled orders started, placed or expired (actor: the starter, or
 * none), group buys opened in the group, succeeded or failed (actor: the leader), and each pool
 * split (no actor; `subjectId` the member who got the most, for a random split). Each is written
 * in the transaction of the change it reports.
 */
export type FeedEventType =
  | 'group_created'
  | 'member_joined'
  | 'member_left'
  | 'member_removed'
  | 'owner_changed'
  | 'group_dissolved'
  | 'item_added'
  | 'item_wanted'
  | 'item_shared'
  | 'item_bought'
  | 'item_removed'
  | 'item_purchased'
  | 'pooled_started'
  | 'pooled_placed'
  | 'pooled_expired'
  | 'group_buy_opened'
  | 'group_buy_succeeded'
  | 'group_buy_failed'
  | 'pool_split';

/** What an item event carries, so the feed can show the item without another call. */
export interface ItemEventData {
  itemId: string;
  list: 'group' | 'double11';
  title: string;
  productId: string | null;
  shareId?: string;
  /** item_purchased: the order that bought it. */
  orderId?: string;
}

export async function appendEvent(
  db: Queryable,
  event: { groupId: string; type: FeedEventType; actorId: string | null; subjectId?: string | null; data?: object; now: Date },
): Promise<void> {
  await db.query('insert into group_events (group_id, type, actor_id, subject_id, data, created_at) values ($1, $2, $3, $4, $5, $6)', [
    event.groupId,
    event.type,
    event.actorId,
    event.subjectId ?? null,
    JSON.stringify(event.data ?? {}),
    event.now,
  ]);
}

/** Several events in one statement (a split chunk's groups). */
export async function appendEvents(
  db: Queryable,
  events: ReadonlyArray<{ groupId: string; type: FeedEventType; actorId: string | null; subjectId?: string | null; data?: object }>,
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `insert into group_events (group_id, type, actor_id, subject_id, data, created_at)
     select g, t, a, s, d::jsonb, $6 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as e(g, t, a, s, d)`,
    [
      events.map((e) => e.groupId),
      events.map((e) => e.type),
      events.map((e) => e.actorId),
      events.map((e) => e.subjectId ?? null),
      events.map((e) => JSON.stringify(e.data ?? {})),
      now,
    ],
  );
}

/** An item event: the actor did something to an item that `addedBy` put on a list. */
export async function appendItemEvent(
  db: Queryable,
  event: {
    groupId: string;
    type: 'item_added' | 'item_wanted' | 'item_shared' | 'item_bought' | 'item_removed';
    actorId: string;
    addedBy: string;
    data: ItemEventData;
    now: Date;
  },
): Promise<void> {
  await appendEvent(db, {
    groupId: event.groupId,
    type: event.type,
    actorId: event.actorId,
    subjectId: event.addedBy,
    data: event.data,
    now: event.now,
  });
}

/** An event with the names of the member who acted and the member it concerns. */
export interface EventRow {
  id: number;
  type: string;
  actor_id: string | null;
  actor_nickname: string | null;
  subject_id: string | null;
  subject_nickname: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

/**
 * Events oldest first. Without `afterId`: the newest `limit` events (a first load); with it: the
 * next `limit` events after that id (polling and paging forward). Only for a member (`memberId`):
 * for anyone else the page is empty, so that the common call is one statement.
 */
export async function listEvents(
  db: Queryable,
  groupId: string,
  memberId: string,
  afterId: number | null,
  limit: number,
): Promise<EventRow[]> {
  // The page is cut from the group's events first and only then joined to the names: the embedded
  // engine never gathers statistics, and without them the planner would join every event first.
  const member = 'exists (select 1 from group_members m where m.group_id = $1 and m.user_id = $3)';
  const page =
    afterId === null
      ? `select * from group_events where group_id = $1 and ${member} order by id desc limit $2`
      : `select * from group_events where group_id = $1 and ${member} and id > $4 order by id limit $2`;
  return db.query<EventRow>(
    `select e.id, e.type, e.actor_id, a.nickname as actor_nickname, e.subject_id, s.nickname as subject_nickname,
            e.data, e.created_at
     from (${page}) e
     left join users a on a.id = e.actor_id
     left join users s on s.id = e.subject_id
     order by e.id`,
    afterId === null ? [groupId, limit, memberId] : [groupId, limit, memberId, afterId],
  );
}

/** The newest event of each group, with its names (the Messages tab's latest line); groups without events are absent. */
export async function latestEventsOf(db: Queryable, groupIds: readonly string[]): Promise<Map<string, EventRow>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.query<EventRow & { group_id: string }>(
    `select e.group_id, e.id, e.type, e.actor_id, a.nickname as actor_nickname, e.subject_id, s.nickname as subject_nickname,
            e.data, e.created_at
     from unnest($1::text[]) as g(id)
     cross join lateral (select * from group_events where group_id = g.id order by id desc limit 1) e
     left join users a on a.id = e.actor_id
     left join users s on s.id = e.subject_id`,
    [groupIds],
  );
  return new Map(rows.map((row) => [row.group_id, row]));
}
