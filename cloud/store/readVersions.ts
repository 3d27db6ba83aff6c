import { firstRow, type Queryable } from './store';

/**
 * The check a cached group screen needs, in one statement: the versions of the group and of what
 * every group shows (migration 024), whether `userId` is a member, and the pool's balance, which
 * changes with every red packet and so is read live rather than versioned. The version is read
 * before the answer it vouches for (or in the same statement): an answer read after it can only
 * be newer, never older, than the version it is stored under.
 */
export interface GroupReadState {
  /** `<group version>.<shared version>`; '0.0' before anything was written. */
  version: string;
  member: boolean;
  /** 0 when no pool account was asked for or the pool has none yet. */
  poolFen: number;
}

export async function groupReadState(
  db: Queryable,
  groupId: string,
  userId: string,
  poolAccountId: string | null,
): Promise<GroupReadState> {
  // Without a pool account (the screens that do not show the pool) $3 is null and matches nothing.
  const row = firstRow(
    await db.query<{ version: string; member: boolean; pool_fen: number | null }>(
      `select coalesce((select version from read_versions where scope = 'group:' || $1), 0) || '.' ||
              coalesce((select version from read_versions where scope = 'shared'), 0) as version,
              exists (select 1 from group_members where group_id = $1 and user_id = $2) as member,
              (select balance_fen from accounts where id = $3) as pool_fen`,
      [groupId, userId, poolAccountId],
    ),
  );
  return { version: row?.version ?? '0.0', member: row?.member ?? false, poolFen: row?.pool_fen ?? 0 };
}

/** What a user's own screens show: her message centre, her order history. */
export type UserScope = 'notices' | 'orders';

/** `<her scope's version>.<shared version>` (migration 024); '0.0' before anything was written. */
export async function userReadVersion(db: Queryable, scope: UserScope, userId: string): Promise<string> {
  const row = firstRow(
    await db.query<{ version: string }>(
      `select coalesce((select version from read_versions where scope = $1 || ':' || $2), 0) || '.' ||
              coalesce((select version from read_versions where scope = 'shared'), 0) as version`,
      [scope, userId],
    ),
  );
  return row?.version ?? '0.0';
}
