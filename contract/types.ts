/**
 * Shapes that cross the wire, shared by the app (types only, so nothing lands in the bundle) and
 * the cloud functions. Money is integer fen; times are ISO 8601 strings with an offset.
 */
export type Gender = 'female' | 'male' | 'unknown';
export type Role = 'marketer' | 'operator';

export interface UserJson {
  objectId: string;
  username: string;
  nickname: string;
  avatarUrl: string;
  gender: Gender;
  taoqi: number;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
  sessionToken?: string;
}

export type GroupStatus = 'forming' | 'active' | 'dissolved';

export interface GroupJson {
  groupId: string;
  name: string;
  ownerId: string;
  memberCount: number;
  status: GroupStatus;
  createdAt: string;
  minMembers: number;
  maxMembers: number;
}

export interface MemberJson {
  userId: string;
  nickname: string;
  avatarUrl: string;
  role: 'owner' | 'member';
  joinedAt: string;
}

export interface FeedEventJson {
  eventId: string;
  type: string;
  actorId: string | null;
  actorNickname: string | null;
  subjectId: string | null;
  subjectNickname: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}
