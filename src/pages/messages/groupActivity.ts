import type { FeedEventJson, GroupJson } from '../../../contract/types';
import { describeFeedEvent } from '../../utils/feedText';

/** One conversation row of the Messages tab: a group and what happened in it last. */
export interface GroupActivityRow {
  group: GroupJson;
  /** The newest event's sentence; null for a group with no events yet. */
  latest: string | null;
  /** When the row's group last saw activity (its newest event, else its creation). */
  at: string;
}

/**
 * The Messages tab lists my groups like conversations: each with its newest event in words,
 * the most recently active group first (ties: by name, so the order does not flicker).
 */
export function groupActivityRows(groups: readonly GroupJson[], newestEventOf: ReadonlyMap<string, FeedEventJson>): GroupActivityRow[] {
  return groups
    .map((group) => {
      const event = newestEventOf.get(group.groupId);
      return { group, latest: event ? describeFeedEvent(event) : null, at: event?.createdAt ?? group.createdAt };
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.group.name.localeCompare(b.group.name)));
}
