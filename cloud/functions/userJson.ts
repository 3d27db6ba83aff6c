import type { UserJson } from '../../contract/types';
import type { UserRow } from '../store/users';

/** A user as clients see it (login, signup, `me`); the session token only where one was just issued or used. */
export function userJson(row: UserRow, sessionToken?: string): UserJson {
  return {
    objectId: row.id,
    username: row.username,
    nickname: row.nickname,
    avatarUrl: row.avatar_url,
    gender: row.gender,
    taoqi: row.taoqi,
    roles: row.roles,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(sessionToken ? { sessionToken } : {}),
  };
}
