import { firstRow, oneRow, type Queryable } from './store';

export interface GroupRow {
  id: string;
  name: string;
  owner_id: string;
  created_by: string;
  member_count: number;
  min_members: number;
  max_members: number;
  status: 'forming' | 'active' | 'dissolved';
  created_at: Date;
  dissolved_at: Date | null;
}

export async function findGroup(db: Queryable, groupId: string, forUpdate = false): Promise<GroupRow | undefined> {
  const sql = forUpdate ? 'select * from groups where id = $1 for update' : 'select * from groups where id = $1';
  return firstRow(await db.query<GroupRow>(sql, [groupId]));
}

export async function findGroupByRequest(db: Queryable, userId: string, requestId: string): Promise<GroupRow | undefined> {
  return firstRow(await db.query<GroupRow>('select * from groups where created_by = $1 and create_request_id = $2', [userId, requestId]));
}

/**
 * Serialises a user's group operations (create, join) behind a lock on the user's own row, so
 * per-user limits are counted without a race.
 */
export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.query('select id from users where id = $1 for update', [userId]);
}

export async function countGroupsCreated(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*) as n from groups where created_by = $1 and status <> 'dissolved'`, [userId]);
  return oneRow(rows, 'count of groups created').n;
}

export async function countMemberships(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*) as n from group_members m join groups g on g.id = m.group_id
     where m.user_id = $1 and g.status <> 'dissolved'`,
    [userId],
  );
  return oneRow(rows, 'count of memberships').n;
}

export async function insertGroup(
  db: Queryable,
  group: { id: string; name: string; ownerId: string; requestId: string; minMembers: number; maxMembers: number; now: Date },
): Promise<GroupRow> {
  const rows = await db.query<GroupRow>(
    `insert into groups (id, name, owner_id, created_by, create_request_id, member_count, min_members, max_members, status, created_at)
     values ($1, $2, $3, $3, $4, 1, $5, $6, case when 1 >= $5 then 'active' else 'forming' end, $7) returning *`,
    [group.id, group.name, group.ownerId, group.requestId, group.minMembers, group.maxMembers, group.now],
  );
  await db.query(`insert into group_members (group_id, user_id, role, joined_at) values ($1, $2, 'owner', $3)`, [
    group.id,
    group.ownerId,
    group.now,
  ]);
  return oneRow(rows, `inserted group ${group.id}`);
}

export async function findMembership(
  db: Queryable,
  groupId: string,
  userId: string,
): Promise<{ role: string; joined_at: Date } | undefined> {
  const rows = await db.query<{ role: string; joined_at: Date }>(
    'select role, joined_at from group_members where group_id = $1 and user_id = $2',
    [groupId, userId],
  );
  return firstRow(rows);
}

/** A member with the names the group shows. */
export interface MemberRecord {
  userId: string;
  nickname: string;
  avatarUrl: string;
  role: 'owner' | 'member';
  joinedAt: Date;
}

/** Longest-standing first. */
export async function listMembers(db: Queryable, groupId: string): Promise<MemberRecord[]> {
  return db.query<MemberRecord>(
    `select m.user_id as "userId", u.nickname, u.avatar_url as "avatarUrl", m.role, m.joined_at as "joinedAt"
     from group_members m join users u on u.id = m.user_id
     where m.group_id = $1 order by m.joined_at, m.user_id`,
    [groupId],
  );
}

/**
 * A group, its members (longest-standing first) and one account's balance, in one statement: the
 * group screen's read. Undefined when the group does not exist; the caller checks membership
 * against the members.
 */
export async function groupWithMembers(
  db: Queryable,
  groupId: string,
  accountId: string,
): Promise<{ group: GroupRow; members: MemberRecord[]; balanceFen: number } | undefined> {
  const rows = await db.query<
    GroupRow & {
      m_user_id: string | null;
      m_nickname: string;
      m_avatar_url: string;
      m_role: MemberRecord['role'];
      m_joined_at: Date;
      balance_fen: number | null;
    }
  >(
    `select g.*, m.user_id as m_user_id, u.nickname as m_nickname, u.avatar_url as m_avatar_url, m.role as m_role,
            m.joined_at as m_joined_at, (select balance_fen from accounts where id = $2) as balance_fen
     from groups g
     left join group_members m on m.group_id = g.id
     left join users u on u.id = m.user_id
     where g.id = $1
     order by m.joined_at, m.user_id`,
    [groupId, accountId],
  );
  const first = firstRow(rows);
  if (!first) return undefined;
  const {
    m_user_id: _userId,
    m_nickname: _nickname,
    m_avatar_url: _avatar,
    m_role: _role,
    m_joined_at: _joined,
    balance_fen,
    ...group
  } = first;
  const members = rows.flatMap((row) =>
    row.m_user_id === null
      ? []
      : [{ userId: row.m_user_id, nickname: row.m_nickname, avatarUrl: row.m_avatar_url, role: row.m_role, joinedAt: row.m_joined_at }],
  );
  return { group, members, balanceFen: balance_fen ?? 0 };
}

/** Adds a member to a locked group row; the count and the status move in the same statement. */
export async function addMember(db: Queryable, groupId: string, userId: string, now: Date): Promise<GroupRow> {
  await db.query(`insert into group_members (group_id, user_id, role, joined_at) values ($1, $2, 'member', $3)`, [groupId, userId, now]);
  const rows = await db.query<GroupRow>(
    `update groups set member_count = member_count + 1,
       status = case when member_count + 1 >= min_members then 'active' else 'forming' end
     where id = $1 returning *`,
    [groupId],
  );
  return oneRow(rows, `group ${groupId} joined`);
}

/** Removes a member from a locked group row and hands ownership on when needed. */
export async function dropMember(db: Queryable, groupId: string, userId: string, newOwnerId: string | null): Promise<GroupRow> {
  await db.query('delete from group_members where group_id = $1 and user_id = $2', [groupId, userId]);
  if (newOwnerId) {
    await db.query(`update group_members set role = 'owner' where group_id = $1 and user_id = $2`, [groupId, newOwnerId]);
  }
  const rows = await db.query<GroupRow>(
    `update groups set member_count = member_count - 1, owner_id = coalesce($2, owner_id),
       status = case when member_count - 1 >= min_members then 'active' else 'forming' end
     where id = $1 returning *`,
    [groupId, newOwnerId],
  );
  return oneRow(rows, `group ${groupId} left`);
}

export async function dissolve(db: Queryable, groupId: string, now: Date): Promise<GroupRow> {
  const rows = await db.query<GroupRow>(`update groups set status = 'dissolved', dissolved_at = $2 where id = $1 returning *`, [
    groupId,
    now,
  ]);
  return oneRow(rows, `group ${groupId} dissolved`);
}

export async function recordRemoval(db: Queryable, groupId: string, userId: string, now: Date): Promise<void> {
  await db.query(
    `insert into group_removals (group_id, user_id, removed_at) values ($1, $2, $3)
     on conflict (group_id, user_id) do update set removed_at = excluded.removed_at`,
    [groupId, userId, now],
  );
}

export async function findRemoval(db: Queryable, groupId: string, userId: string): Promise<Date | null> {
  const rows = await db.query<{ removed_at: Date }>('select removed_at from group_removals where group_id = $1 and user_id = $2', [
    groupId,
    userId,
  ]);
  return firstRow(rows)?.removed_at ?? null;
}

export async function listGroupsOf(db: Queryable, userId: string, limit: number): Promise<GroupRow[]> {
  return db.query<GroupRow>(
    `select g.* from group_members m join groups g on g.id = m.group_id
     where m.user_id = $1 and g.status <> 'dissolved' order by m.joined_at desc, g.id limit $2`,
    [userId, limit],
  );
}

export interface InviteRow {
  code: string;
  group_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertInvite(db: Queryable, invite: Omit<InviteRow, 'revoked_at'>): Promise<void> {
  await db.query('insert into invites (code, group_id, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
    invite.code,
    invite.group_id,
    invite.created_by,
    invite.created_at,
    invite.expires_at,
  ]);
}

export async function findInvite(db: Queryable, code: string): Promise<InviteRow | undefined> {
  return firstRow(await db.query<InviteRow>('select * from invites where code = $1', [code]));
}

export async function countLiveInvites(db: Queryable, groupId: string, now: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*) as n from invites where group_id = $1 and revoked_at is null and expires_at > $2',
    [groupId, now],
  );
  return oneRow(rows, 'count of live invites').n;
}

export async function revokeInvite(db: Queryable, code: string, now: Date): Promise<void> {
  await db.query('update invites set revoked_at = coalesce(revoked_at, $2) where code = $1', [code, now]);
}

export async function ownerNickname(db: Queryable, groupId: string): Promise<string> {
  const rows = await db.query<{ nickname: string }>('select u.nickname from groups g join users u on u.id = g.owner_id where g.id = $1', [
    groupId,
  ]);
  return firstRow(rows)?.nickname ?? '';
}
