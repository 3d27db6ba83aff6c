import type { FeedEventJson } from '../../contract/types';
import type { Queryable } from './store';

/** Feed event types. Membership events come from the group functions; list and share events later. */
export type FeedEventType = 'group_created' | 'member_joined' | 'member_left' | 'member_removed' | 'owner_changed' | 'group_dissolved';

export async function appendEvent(
  db: Queryable,
  event: { groupId: string; type: FeedEventType; actorId: string | null; subjectId?: string | null; data?: object; now: Date },
): Promise<void> {
  await db.query(
    'insert into group_events (group_id, type, actor_id, subject_id, data, created_at) values ($1, $2, $3, $4, $5, $6)',
    [event.groupId, event.type, event.actorId, event.subjectId ?? null, JSON.stringify(event.data ?? {}), event.now],
  );
}

interface EventRow {
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
export async function listEvents(db: Queryable, groupId: string, afterId: number | null, limit: number): Promise<FeedEventJson[]> {
  const select = `select e.id, e.type, e.actor_id, a.nickname as actor_nickname, e.subject_id, s.nickname as subject_nickname,
                         e.data, e.created_at
                  from group_events e
                  left join users a on a.id = e.actor_id
                  left join users s on s.id = e.subject_id
                  where e.group_id = $1`;
  const rows =
    afterId === null
      ? (await db.query<EventRow>(`${select} order by e.id desc limit $2`, [groupId, limit])).reverse()
      : await db.query<EventRow>(`${select} and e.id > $3 order by e.id limit $2`, [groupId, limit, afterId]);
  return rows.map((r) => ({
    eventId: String(r.id),
    type: r.type,
    actorId: r.actor_id,
    actorNickname: r.actor_nickname,
    subjectId: r.subject_id,
    subjectNickname: r.subject_nickname,
    data: r.data,
    createdAt: r.created_at.toISOString(),
  }));
}
