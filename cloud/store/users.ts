import { createHash } from 'node:crypto';
import type { Gender, Role } from '../../contract/types';
import { newObjectId } from '../ids';
import { hashPassword } from '../passwords';
import { firstRow, oneRow, type Queryable, type Store } from './store';

export interface UserRow {
  id: string;
  username: string;
  password_hash: string | null;
  nickname: string;
  avatar_url: string;
  gender: Gender;
  taoqi: number;
  roles: Role[];
  created_at: Date;
  updated_at: Date;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  return firstRow(await db.query<UserRow>('select * from users where username = $1', [username]));
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return firstRow(await db.query<UserRow>('select * from users where id = $1', [id]));
}

export interface NewUser {
  username: string;
  passwordHash: string | null;
  nickname: string;
  gender: Gender;
  taoqi: number;
  roles: Role[];
}

export async function insertUser(db: Queryable, user: NewUser, now: Date): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into users (id, username, password_hash, nickname, gender, taoqi, roles, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning *`,
    [newObjectId(), user.username, user.passwordHash, user.nickname, user.gender, user.taoqi, user.roles, now],
  );
  return oneRow(rows, `inserted user ${user.username}`);
}

export async function updateProfile(
  db: Queryable,
  id: string,
  fields: { nickname?: string; avatarUrl?: string },
  now: Date,
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `update users set nickname = coalesce($2, nickname), avatar_url = coalesce($3, avatar_url), updated_at = $4
     where id = $1 returning *`,
    [id, fields.nickname ?? null, fields.avatarUrl ?? null, now],
  );
  return firstRow(rows);
}

export interface SessionRow {
  /** SHA-256 hex of the token (see sessionTokenHash), never the token itself. */
  token: string;
  user_id: string;
  expires_at: Date;
}

/**
 * What the sessions table keeps instead of the token, so that a leaked copy of it logs nobody in.
 * Tokens are 192 random bits: an unsalted hash cannot be reversed by guessing. Migration 010
 * computes the same value in SQL for the rows made before it.
 */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Adds a session and drops the user's oldest ones beyond `keep` (logOut sends nothing, so they pile up).
 * With `passwordHash` (the hash the login was checked against), the session is only added while the
 * user still has that hash: a password change that commits during the login ends the sessions that
 * exist then, and this one must not slip in after it. The user row is locked (for share) for that
 * check, so it waits for a password change in flight. Returns false when the password changed.
 */
export async function insertSession(
  db: Queryable,
  session: { token: string; userId: string; now: Date; expiresAt: Date; passwordHash?: string | null },
  keep: number,
): Promise<boolean> {
  const hash = sessionTokenHash(session.token);
  if (session.passwordHash !== undefined) {
    const inserted = await db.query(
      `with u as (select id from users where id = $2 and password_hash is not distinct from $5::text for share)
       insert into sessions (token, user_id, created_at, expires_at) select $1, u.id, $3, $4 from u returning token`,
      [hash, session.userId, session.now, session.expiresAt, session.passwordHash],
    );
    if (inserted.length === 0) return false;
  } else {
    await db.query('insert into sessions (token, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
      hash,
      session.userId,
      session.now,
      session.expiresAt,
    ]);
  }
  await db.query(
    `delete from sessions where user_id = $1 and token not in
       (select token from sessions where user_id = $1 order by created_at desc, token limit $2)`,
    [session.userId, keep],
  );
  return true;
}

/** The session and its user in one round trip; expired sessions are treated as absent. */
export async function findSessionUser(
  db: Queryable,
  token: string,
  now: Date,
): Promise<(UserRow & { session_expires_at: Date }) | undefined> {
  const rows = await db.query<UserRow & { session_expires_at: Date }>(
    `select u.*, s.expires_at as session_expires_at
     from sessions s join users u on u.id = s.user_id where s.token = $1 and s.expires_at > $2`,
    [sessionTokenHash(token), now],
  );
  return firstRow(rows);
}

/** Ends one session (logout). Returns whether it existed. */
export async function deleteSession(db: Queryable, token: string): Promise<boolean> {
  const rows = await db.query('delete from sessions where token = $1 returning token', [sessionTokenHash(token)]);
  return rows.length > 0;
}

/** Ends every session of a user (logout everywhere, a password change). Returns how many. */
export async function deleteUserSessions(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query('delete from sessions where user_id = $1 returning token', [userId]);
  return rows.length;
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query('delete from sessions where expires_at <= $1 returning token', [now]);
  return rows.length;
}

export async function findIdentity(db: Queryable, provider: string, providerUid: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `select u.* from auth_identities a join users u on u.id = a.user_id where a.provider = $1 and a.provider_uid = $2`,
    [provider, providerUid],
  );
  return firstRow(rows);
}

export async function insertIdentity(db: Queryable, provider: string, providerUid: string, userId: string, now: Date): Promise<void> {
  await db.query('insert into auth_identities (provider, provider_uid, user_id, created_at) values ($1, $2, $3, $4)', [
    provider,
    providerUid,
    userId,
    now,
  ]);
}

/** Adds a login identity to a user unless the identity exists already (it then stays where it is). */
export async function linkIdentity(db: Queryable, provider: string, providerUid: string, userId: string, now: Date): Promise<void> {
  await db.query(
    'insert into auth_identities (provider, provider_uid, user_id, created_at) values ($1, $2, $3, $4) on conflict (provider, provider_uid) do nothing',
    [provider, providerUid, userId, now],
  );
}

/**
 * Replaces a hash of another scheme (LeanCloud's) after a login proved the password. Only if it is
 * still the hash that was checked, so a password set meanwhile is never overwritten; updated_at
 * stays, since nothing the user or a client sees has changed.
 */
export async function replacePasswordHash(db: Queryable, userId: string, checkedHash: string, newHash: string): Promise<void> {
  await db.query('update users set password_hash = $3 where id = $1 and password_hash = $2', [userId, checkedHash, newHash]);
}

/** Grants exactly these roles (the master key's setUserRoles). */
export async function setRoles(db: Queryable, userId: string, roles: Role[], now: Date): Promise<void> {
  await db.query('update users set roles = $2, updated_at = $3 where id = $1', [userId, roles, now]);
}

/** How many users exist (the demo seeds its users into an empty table). */
export async function countUsers(db: Queryable): Promise<number> {
  return oneRow(await db.query<{ n: number }>('select count(*) as n from users'), 'user count').n;
}

export interface ImportedUser {
  username: string;
  password?: string;
  nickname?: string;
  gender: Gender;
  taoqi: number;
  roles?: Role[];
}

/** What an import did, by username; `passwordsChanged` are existing users given a new password. */
export interface ImportOutcome {
  created: string[];
  updated: string[];
  passwordsChanged: string[];
}

/**
 * Upsert by username (master key only: it changes server-held facts of existing users). Fields
 * left out keep their current values on existing users; passwords are hashed before they reach
 * the database. A new password ends every session the user had: in the same transaction, but in
 * a statement after the update, so that it also sees a session a concurrent login committed
 * while the update waited for its lock (insertSession's check covers logins after it).
 */
export async function upsertUsers(store: Store, users: ImportedUser[], now: Date): Promise<ImportOutcome> {
  const hashes = await Promise.all(users.map((u) => (u.password ? hashPassword(u.password) : null)));
  return store.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; username: string; inserted: boolean }>(
      `insert into users (id, username, password_hash, nickname, gender, taoqi, roles, created_at, updated_at)
       select t.id, t.username, t.password_hash, coalesce(t.nickname, t.username), t.gender, t.taoqi,
              coalesce(string_to_array(t.roles, ','), '{}'), $8, $8
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
            as t(id, username, password_hash, nickname, gender, taoqi, roles)
       on conflict (username) do update set
         password_hash = coalesce(excluded.password_hash, users.password_hash),
         nickname = case when $9::text[] @> array[excluded.username] then excluded.nickname else users.nickname end,
         gender = excluded.gender,
         taoqi = excluded.taoqi,
         roles = case when $10::text[] @> array[excluded.username] then excluded.roles else users.roles end,
         updated_at = excluded.updated_at
       returning id, username, (xmax = 0) as inserted`,
      [
        users.map(() => newObjectId()),
        users.map((u) => u.username),
        hashes,
        users.map((u) => u.nickname ?? null),
        users.map((u) => u.gender),
        users.map((u) => u.taoqi),
        users.map((u) => (u.roles ? u.roles.join(',') : null)),
        now,
        users.filter((u) => u.nickname !== undefined).map((u) => u.username),
        users.filter((u) => u.roles !== undefined).map((u) => u.username),
      ],
    );
    const withPassword = new Set(users.filter((u) => u.password).map((u) => u.username));
    const changed = rows.filter((r) => !r.inserted && withPassword.has(r.username));
    if (changed.length > 0) {
      await tx.query('delete from sessions where user_id = any($1::text[])', [changed.map((r) => r.id)]);
    }
    return {
      created: rows.filter((r) => r.inserted).map((r) => r.username),
      updated: rows.filter((r) => !r.inserted).map((r) => r.username),
      passwordsChanged: changed.map((r) => r.username),
    };
  });
}

/**
 * Creates the users whose usernames are free and leaves every existing user untouched (a
 * marketer's import: it may add shoppers, never change an account). Returns the usernames created;
 * the others already existed. A username taken concurrently counts as existing.
 */
export async function insertNewUsers(db: Queryable, users: ImportedUser[], now: Date): Promise<string[]> {
  const hashes = await Promise.all(users.map((u) => (u.password ? hashPassword(u.password) : null)));
  const rows = await db.query<{ username: string }>(
    `insert into users (id, username, password_hash, nickname, gender, taoqi, roles, created_at, updated_at)
     select t.id, t.username, t.password_hash, coalesce(t.nickname, t.username), t.gender, t.taoqi, '{}', $7, $7
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
          as t(id, username, password_hash, nickname, gender, taoqi)
     on conflict (username) do nothing
     returning username`,
    [
      users.map(() => newObjectId()),
      users.map((u) => u.username),
      hashes,
      users.map((u) => u.nickname ?? null),
      users.map((u) => u.gender),
      users.map((u) => u.taoqi),
      now,
    ],
  );
  return rows.map((r) => r.username);
}

/** One user from a LeanCloud export, as importLeanCloudUsers writes it. */
export interface LeanCloudUserRow {
  objectId: string;
  username: string;
  passwordHash: string | null;
  nickname: string;
  avatarUrl: string;
  gender: Gender;
  taoqi: number;
  createdAt: Date;
  updatedAt: Date;
  identities: Array<{ provider: 'lc_weapp' | 'lc_weapp_union' | 'lc_alipay'; uid: string }>;
}

export type LeanCloudImportOutcome =
  | { objectId: string; outcome: 'imported' | 'updated' | 'unchanged'; notes: string[] }
  | { objectId: string; outcome: 'skipped'; reason: string };

/**
 * Writes a batch of LeanCloud users in one transaction, keeping their objectIds, so that clients
 * that cached their user keep working. Idempotent: a record already here changes nothing unless
 * the export is newer than our row (a user who edited her profile here since keeps her edit), a
 * LeanCloud hash never replaces a password set or re-hashed here, and identities are added once.
 * A username held by another account is reported, not taken.
 */
export async function importLeanCloudUsers(db: Queryable, users: LeanCloudUserRow[], now: Date): Promise<LeanCloudImportOutcome[]> {
  const taken = await db.query<{ id: string; username: string }>('select id, username from users where username = any($1::text[])', [
    users.map((u) => u.username),
  ]);
  const holderOf = new Map(taken.map((row) => [row.username, row.id]));
  const outcomes = new Map<string, LeanCloudImportOutcome>();
  const writable = users.filter((u) => {
    const holder = holderOf.get(u.username);
    if (holder === undefined || holder === u.objectId) return true;
    outcomes.set(u.objectId, {
      objectId: u.objectId,
      outcome: 'skipped',
      reason: `username ${u.username} belongs to another account (${holder})`,
    });
    return false;
  });

  if (writable.length > 0) {
    const written = await db.query<{ id: string; inserted: boolean }>(
      `insert into users (id, username, password_hash, nickname, avatar_url, gender, taoqi, roles, created_at, updated_at)
       select t.id, t.username, t.password_hash, t.nickname, t.avatar_url, t.gender, t.taoqi, '{}', t.created_at, t.updated_at
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[], $9::timestamptz[])
            as t(id, username, password_hash, nickname, avatar_url, gender, taoqi, created_at, updated_at)
       on conflict (id) do update set
         username = excluded.username,
         password_hash = case when users.password_hash is null or users.password_hash like 'leancloud$%'
                              then excluded.password_hash else users.password_hash end,
         nickname = excluded.nickname,
         avatar_url = excluded.avatar_url,
         gender = case when excluded.gender <> 'unknown' then excluded.gender else users.gender end,
         taoqi = case when excluded.taoqi > 0 then excluded.taoqi else users.taoqi end,
         updated_at = excluded.updated_at
       where users.updated_at < excluded.updated_at
       returning id, (xmax = 0) as inserted`,
      [
        writable.map((u) => u.objectId),
        writable.map((u) => u.username),
        writable.map((u) => u.passwordHash),
        writable.map((u) => u.nickname),
        writable.map((u) => u.avatarUrl),
        writable.map((u) => u.gender),
        writable.map((u) => u.taoqi),
        writable.map((u) => u.createdAt),
        writable.map((u) => u.updatedAt),
      ],
    );
    const insertedById = new Map(written.map((row) => [row.id, row.inserted]));
    const notesOf = await linkImportedIdentities(db, writable, now);
    for (const u of writable) {
      const inserted = insertedById.get(u.objectId);
      const outcome = inserted === undefined ? 'unchanged' : inserted ? 'imported' : 'updated';
      outcomes.set(u.objectId, { objectId: u.objectId, outcome, notes: notesOf.get(u.objectId) ?? [] });
    }
  }
  return users.map((u) => {
    const outcome = outcomes.get(u.objectId);
    if (!outcome) throw new Error(`no import outcome for ${u.objectId}`);
    return outcome;
  });
}

/** Adds the users' login identities once; one already linked to another account is noted, not moved. */
async function linkImportedIdentities(db: Queryable, users: LeanCloudUserRow[], now: Date): Promise<Map<string, string[]>> {
  const identities = users.flatMap((u) => u.identities.map((identity) => ({ ...identity, userId: u.objectId })));
  const notesOf = new Map<string, string[]>();
  if (identities.length === 0) return notesOf;
  const providers = identities.map((i) => i.provider);
  const uids = identities.map((i) => i.uid);
  await db.query(
    `insert into auth_identities (provider, provider_uid, user_id, created_at)
     select t.provider, t.uid, t.user_id, $4 from unnest($1::text[], $2::text[], $3::text[]) as t(provider, uid, user_id)
     on conflict (provider, provider_uid) do nothing`,
    [providers, uids, identities.map((i) => i.userId), now],
  );
  const holders = await db.query<{ provider: string; provider_uid: string; user_id: string }>(
    `select a.provider, a.provider_uid, a.user_id from auth_identities a
     join unnest($1::text[], $2::text[]) as t(provider, uid) on a.provider = t.provider and a.provider_uid = t.uid`,
    [providers, uids],
  );
  const holderOf = new Map(holders.map((h) => [`${h.provider}:${h.provider_uid}`, h.user_id]));
  for (const identity of identities) {
    const holder = holderOf.get(`${identity.provider}:${identity.uid}`);
    if (holder === identity.userId) continue;
    const notes = notesOf.get(identity.userId) ?? [];
    notes.push(`${identity.provider} login already belongs to account ${holder}; not linked`);
    notesOf.set(identity.userId, notes);
  }
  return notesOf;
}

/** The user's ids at the mini-program platforms she logged in with (openid for lc_weapp, user id for lc_alipay). */
export async function platformIdsOf(db: Queryable, userId: string): Promise<{ lc_weapp?: string; lc_alipay?: string }> {
  const rows = await db.query<{ provider: string; provider_uid: string }>(
    `select provider, provider_uid from auth_identities where user_id = $1 and provider in ('lc_weapp', 'lc_alipay') order by created_at`,
    [userId],
  );
  const ids: { lc_weapp?: string; lc_alipay?: string } = {};
  for (const row of rows) if (row.provider === 'lc_weapp' || row.provider === 'lc_alipay') ids[row.provider] ??= row.provider_uid;
  return ids;
}

/** Accounts an import's audit entry shows before and after, at most (the usernames are all listed beside). */
export const AUDITED_FACTS_MAX = 100;

/** What an import can change of each account (never the password), by username: the audit log's before and after. */
export type UserFacts = Pick<UserRow, 'nickname' | 'gender' | 'taoqi' | 'roles'>;

/** The first AUDITED_FACTS_MAX of `usernames`. */
export async function userFactsByUsername(db: Queryable, usernames: readonly string[]): Promise<Record<string, UserFacts>> {
  if (usernames.length === 0) return {};
  const rows = await db.query<UserFacts & { username: string }>(
    'select username, nickname, gender, taoqi, roles from users where username = any($1::text[]) order by username',
    [usernames.slice(0, AUDITED_FACTS_MAX)],
  );
  return Object.fromEntries(rows.map(({ username, ...facts }) => [username, facts]));
}
