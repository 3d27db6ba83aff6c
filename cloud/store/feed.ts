import type { Queryable } from './store';

/**
 * Feed event types. Membership events come from the group functions; item events from the shared
 * list (cloud/functions/wishlist), with `subjectId` the member who added the item.
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
  | 'item_bought';

/** What an item event carries, so the feed can show the item without another call. */
export interface ItemEventData {
  itemId: string;
  list: 'group' | 'double11';
  title: string;
  productId: string | null;
  shareId?: string;
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

/** An item event: the actor did something to an item that `addedBy` put on a list. */
export async function appendItemEvent(
  db: Queryable,
  event: {
    groupId: string;
    type: 'item_added' | 'item_wanted' | 'item_shared' | 'item_bought';
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
 * next `limit` events after that id (polling and paging forward).
 */
export async function listEvents(db: Queryable, groupId: string, afterId: number | null, limit: number): Promise<EventRow[]> {
  // The page is cut from the group's events first and only then joined to the names: the embedded
  // engine never gathers statistics, and without them the planner would join every event first.
  const page =
    afterId === null
      ? 'select * from group_events where group_id = $1 order by id desc limit $2'
      : 'select * from group_events where group_id = $1 and id > $3 order by id limit $2';
  return db.query<EventRow>(
    `select e.id, e.type, e.actor_id, a.nickname as actor_nickname, e.subject_id, s.nickname as subject_nickname,
            e.data, e.created_at
     from (${page}) e
     left join users a on a.id = e.actor_id
     left join users s on s.id = e.subject_id
     order by e.id`,
    afterId === null ? [groupId, limit] : [groupId, limit, afterId],
  );
}
