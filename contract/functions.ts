import type { FeedEventJson, Gender, GroupJson, MemberJson, Role, UserJson } from './types';

/**
 * Every cloud function: its params and its result. The app calls them through a typed wrapper
 * around AV.Cloud.run; the cloud registers a handler for each name.
 */
export interface CloudFunctions {
  ping: { params: Record<string, never>; result: { pong: true; time: string } };
  me: {
    params: Record<string, never>;
    result: { user: UserJson; canCreateGroup: boolean; createBlockedReason?: string };
  };
  importUsers: {
    params: {
      users: Array<{
        username: string;
        password?: string;
        nickname?: string;
        gender: Gender;
        taoqi: number;
        roles?: Role[];
      }>;
    };
    result: { created: number; updated: number };
  };
  createGroup: { params: { name: string; requestId: string }; result: { group: GroupJson } };
  getGroup: {
    params: { groupId: string };
    result: { group: GroupJson; members: MemberJson[]; poolFen: number };
  };
  listMyGroups: { params: Record<string, never>; result: { groups: GroupJson[] } };
  createInvite: {
    params: { groupId: string };
    result: { inviteCode: string; expiresAt: string; path: string };
  };
  revokeInvite: { params: { inviteCode: string }; result: { revoked: true } };
  previewInvite: {
    params: { inviteCode: string };
    result: {
      group: { groupId: string; name: string; memberCount: number; maxMembers: number; ownerNickname: string; status: string };
      alreadyMember: boolean;
    };
  };
  joinGroup: { params: { inviteCode: string }; result: { group: GroupJson } };
  leaveGroup: { params: { groupId: string }; result: { group: GroupJson } };
  removeMember: { params: { groupId: string; userId: string }; result: { group: GroupJson } };
  dissolveGroup: { params: { groupId: string }; result: { group: GroupJson } };
  groupFeed: {
    params: { groupId: string; after?: string; limit?: number };
    result: { events: FeedEventJson[]; cursor: string | null };
  };
}

export type FunctionName = keyof CloudFunctions;
export type ParamsOf<N extends FunctionName> = CloudFunctions[N]['params'];
export type ResultOf<N extends FunctionName> = CloudFunctions[N]['result'];
