import type { FeedEventJson } from '../../contract/types';

/** The item an item event is about (see ItemEventData in cloud/store/feed.ts). */
function itemTitleOf(event: FeedEventJson): string {
  const title = typeof event.data?.title === 'string' ? event.data.title.trim() : '';
  return title ? `「${title}」` : '一件宝贝';
}

function listNameOf(event: FeedEventJson): string {
  return event.data?.list === 'double11' ? '双11清单' : '共享清单';
}

/**
 * One line of the group timeline, in plain words. Known types (FeedEventType on the server)
 * are matched exactly; other types are matched by their stem so that a renamed or new
 * membership event still reads well, and an unknown type still shows who did something.
 */
export function describeFeedEvent(event: FeedEventJson): string {
  const actor = event.actorNickname || '有人';
  const subject = event.subjectNickname || '一位成员';
  // Item events: the subject is the member who added the item.
  const whose = event.subjectId && event.subjectId === event.actorId ? '' : ` ${subject} 的`;
  switch (event.type) {
    case 'item_added':
      return `${actor} 把${itemTitleOf(event)}加入了${listNameOf(event)}`;
    case 'item_wanted':
      return `${actor} 也想要${whose}${itemTitleOf(event)}`;
    case 'item_shared':
      return `${actor} 把${whose}${itemTitleOf(event)}分享到了群里`;
    case 'item_bought':
      return `${actor} 买了${whose}${itemTitleOf(event)}`;
    case 'owner_changed':
      return `${subject} 成为了新群主`;
    default:
      break;
  }
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
