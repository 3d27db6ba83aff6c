import type { FeedEventJson } from '../../contract/types';
import { formatYuan } from './money';

/** The item an item event is about (see ItemEventData in cloud/store/feed.ts). */
function itemTitleOf(event: FeedEventJson): string {
  const title = typeof event.data?.title === 'string' ? event.data.title.trim() : '';
  return title ? `「${title}」` : '一件宝贝';
}

/** A fen amount an event carries, as money; null when it carries none. */
function yuanOf(event: FeedEventJson, field: string): string | null {
  const fen = event.data?.[field];
  return typeof fen === 'number' && Number.isInteger(fen) ? formatYuan(fen) : null;
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
    case 'item_removed':
      return `${actor} 把${whose}${itemTitleOf(event)}移出了${listNameOf(event)}`;
    case 'item_purchased':
      // The subject of a purchase is the member whose share led to it.
      return `${actor} 通过 ${subject} 的分享买了${itemTitleOf(event)}`;
    case 'pooled_started':
      return `${actor} 发起了拼单，快来一起凑满减`;
    case 'pooled_placed': {
      const saved = yuanOf(event, 'discountFen');
      const count = typeof event.data?.memberCount === 'number' ? `${event.data.memberCount} 人` : '大家';
      return saved ? `拼单已下单，${count}一起省了 ${saved}` : '拼单已下单';
    }
    case 'pooled_expired':
      return `${subject} 发起的拼单到期未成，已付的钱原路退回`;
    case 'group_buy_opened': {
      const price = yuanOf(event, 'groupPriceFen');
      const size = typeof event.data?.size === 'number' ? `${event.data.size} 人团` : '拼团';
      return `${actor} 开了${itemTitleOf(event)}的${size}${price ? `，团购价 ${price}` : ''}`;
    }
    case 'group_buy_succeeded':
      return `${actor} 开的${itemTitleOf(event)}拼团成功了`;
    case 'group_buy_failed':
      return `${actor} 开的${itemTitleOf(event)}拼团没有成团，已付的钱原路退回`;
    case 'pool_split': {
      const total = yuanOf(event, 'totalFen') ?? '';
      const best = yuanOf(event, 'bestFen');
      if (event.subjectId && best) return `群红包池瓜分了 ${total}，${subject} 手气最佳（${best}）`;
      return best ? `群红包池瓜分了 ${total}，每人约 ${best}` : `群红包池瓜分了 ${total}`;
    }
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
