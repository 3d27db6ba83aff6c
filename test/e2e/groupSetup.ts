import type { GroupJson } from '../../contract/types';
import { login, runAs } from '../support/sdk';
import { at, firstOf } from '../support/at';

export interface ActiveGroup {
  group: GroupJson;
  /** Session tokens by demo username. */
  tokens: Record<string, string>;
}

/**
 * An active group made through the API (fast, and the UI for it has its own test): the first
 * user creates it, the others join with an invitation. Rewards only flow in active groups (4+).
 */
export async function createActiveGroup(name: string, usernames: string[]): Promise<ActiveGroup> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await login(username);
  const owner = firstOf(usernames);
  const friends = usernames.slice(1);
  const { group } = await runAs(at(tokens, owner), 'createGroup', {
    name,
    requestId: `setup-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  const invite = await runAs(at(tokens, owner), 'createInvite', { groupId: group.groupId });
  let joined = group;
  for (const friend of friends) joined = (await runAs(tokens[friend], 'joinGroup', { inviteCode: invite.inviteCode })).group;
  return { group: joined, tokens };
}
