import type { FeedEventJson } from '../../../../contract/types';

/**
 * One line of the group timeline. Event types are matched by their stem so that the
 * server's naming (`member_joined`, `member.joined`, `joined` …) need not be known exactly;
 * an unknown type still shows who did something and what the server called it.
 */
export function describeFeedEvent(event: FeedEventJson): string {
  const actor = event.actorNickname || '有人';
  const subject = event.subjectNickname || '一位成员';
  const type = event.type.toLowerCase();
  if (type.includes('creat')) return `${actor} 创建了小黑群`;
  if (type.includes('activ')) return '小黑群人齐了，已激活';
  if (type.includes('dissolv')) return `${actor} 解散了小黑群`;
  if (type.includes('remov') || type.includes('kick')) return `${actor} 将 ${subject} 移出了群`;
  if (type.includes('leav') || type.includes('left')) return `${actor} 退出了小黑群`;
  if (type.includes('join')) return `${actor} 加入了小黑群`;
  if (type.includes('invit')) return `${actor} 发出了邀请`;
  if (type.includes('shar')) return `${actor} 分享了一件宝贝`;
  return `${actor}：${event.type}`;
}

/** Adds newly polled events to the timeline without duplicates, newest first. */
export function mergeFeed(current: FeedEventJson[], incoming: FeedEventJson[]): FeedEventJson[] {
  const byId = new Map<string, FeedEventJson>();
  for (const event of current) byId.set(event.eventId, event);
  for (const event of incoming) byId.set(event.eventId, event);
  return Array.from(byId.values()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
