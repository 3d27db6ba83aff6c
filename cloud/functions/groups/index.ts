import { createGroup } from './createGroup';
import { getGroup } from './getGroup';
import { groupFeed } from './groupFeed';
import { createInvite, previewInvite, revokeInvite } from './invites';
import { inviteWxaCode } from './inviteWxaCode';
import { joinGroup } from './joinGroup';
import { listMyGroups } from './listMyGroups';
import { dissolveGroup, leaveGroup, removeMember } from './membership';

export const groupFunctions = [
  createGroup,
  getGroup,
  listMyGroups,
  createInvite,
  revokeInvite,
  previewInvite,
  inviteWxaCode,
  joinGroup,
  leaveGroup,
  removeMember,
  dissolveGroup,
  groupFeed,
] as const;
