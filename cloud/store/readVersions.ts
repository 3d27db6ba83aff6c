import type { Queryable } from './store';

/**
 * The checks cached screens need (cloud/readCache.ts), many in one statement: the versions of
 * the scopes an answer shows (migration 024), and for a group screen whether the caller is a
 * member and the pool's balance, which changes with every red packet and so is read live rather
 * than versioned. A version is read before the answer it vouches for: an answer read after it can
 * only be newer, never older, than the version it is stored under.
 */
export interface GroupReadState {
  /** `<group version>.<shared version>`; '0.0' before anything was written. */
  version: string;
  member: boolean;
  /** 0 when no pool account was asked for or the pool has none yet. */
  poolFen: number;
}

export interface GroupReadQuestion {
  groupId: string;
  userId: string;
  /** The pool's account, for the screens that show the pool; null for the others. */
  poolAccountId: string | null;
}

/** The states of several group screens, in the order asked. */
export async function groupReadStates(db: Queryable, questions: readonly GroupReadQuestion[]): Promise<GroupReadState[]> {
  const rows = await db.query<{ i: number; version: string; member: boolean; pool_fen: number | null }>(
    `select q.i::int as i,
            coalesce(g.version, 0) || '.' || coalesce((select version from read_versions where scope = 'shared'), 0) as version,
            exists (select 1 from group_members m where m.group_id = q.group_id and m.user_id = q.user_id) as member,
            (select balance_fen from accounts a where a.id = q.pool_id) as pool_fen
     from unnest($1::text[], $2::text[], $3::text[]) with ordinality as q(group_id, user_id, pool_id, i)
     left join read_versions g on g.scope = 'group:' || q.group_id`,
    [questions.map((q) => q.groupId), questions.map((q) => q.userId), questions.map((q) => q.poolAccountId)],
  );
  const states: GroupReadState[] = questions.map(() => ({ version: '0.0', member: false, poolFen: 0 }));
  for (const row of rows) states[row.i - 1] = { version: row.version, member: row.member, poolFen: row.pool_fen ?? 0 };
  return states;
}

/** What a user's own screens show: her message centre, her order history. */
export type UserScope = 'notices' | 'orders';

export interface UserReadQuestion {
  scope: UserScope;
  userId: string;
}

/** `<her scope's version>.<shared version>` for each question, in the order asked; '0.0' before anything was written. */
export async function userReadVersions(db: Queryable, questions: readonly UserReadQuestion[]): Promise<string[]> {
  const rows = await db.query<{ i: number; version: string }>(
    `select q.i::int as i,
            coalesce(v.version, 0) || '.' || coalesce((select version from read_versions where scope = 'shared'), 0) as version
     from unnest($1::text[], $2::text[]) with ordinality as q(scope, user_id, i)
     left join read_versions v on v.scope = q.scope || ':' || q.user_id`,
    [questions.map((q) => q.scope), questions.map((q) => q.userId)],
  );
  const versions = questions.map(() => '0.0');
  for (const row of rows) versions[row.i - 1] = row.version;
  return versions;
}
