/**
 * The group rules in one object. Today these are the product defaults; campaigns will let
 * marketers change them, so every rule reads its threshold from here, never from a literal.
 */
export interface GroupRules {
  /** Only users of this gender may create a group (null: any gender). */
  creatorGender: 'female' | 'male' | null;
  creatorMinTaoqi: number;
  minMembers: number;
  maxMembers: number;
  maxGroupsCreatedPerUser: number;
  maxGroupsJoinedPerUser: number;
  inviteTtlDays: number;
  groupNameMaxLength: number;
}

export const DEFAULT_GROUP_RULES: Readonly<GroupRules> = Object.freeze({
  creatorGender: 'female',
  creatorMinTaoqi: 600,
  minMembers: 4,
  maxMembers: 15,
  maxGroupsCreatedPerUser: 3,
  maxGroupsJoinedPerUser: 10,
  inviteTtlDays: 7,
  groupNameMaxLength: 20,
});
