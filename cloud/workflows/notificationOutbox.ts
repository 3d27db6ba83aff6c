import { NOTIFY_CLOSING_MINUTES, noticeTarget, noticeText, type Notice } from '../../contract/notifications';
import type { AlipayMessenger } from '../messaging/alipaySubscribe';
import type { SendOutcome, WeappMessenger } from '../messaging/weappSubscribe';
import {
  claimOutboxMessage,
  dueOutbox,
  recordOutboxAttempt,
  remindClosingPooledOrders,
  spendSubscription,
  type OutboxMessage,
} from '../store/notifications';
import type { Store } from '../store/store';

/** Messages sent per run at most; the next run takes the rest. */
export const OUTBOX_BATCH = 200;
/** Pooled-order reminders written per run at most. */
export const REMINDERS_PER_RUN = 2000;
/** Tries of one message before it is given up (failed). */
export const OUTBOX_MAX_ATTEMPTS = 6;
/** The wait after the first failed try; it doubles after each, up to OUTBOX_MAX_BACKOFF_MS. */
export const OUTBOX_BASE_BACKOFF_MS = 60_000;
export const OUTBOX_MAX_BACKOFF_MS = 60 * 60 * 1000;
/**
 * How long a run holds a message it took (longer than a whole batch of slow sends): another run
 * leaves it alone meanwhile, and takes it after this only when the first died before recording it.
 */
export const OUTBOX_CLAIM_MS = 60 * 60 * 1000;
/** The senders of each platform; null where the deployment has no templates for it. */
export interface Messengers {
  weapp: WeappMessenger | null;
  alipay: AlipayMessenger | null;
}

/** WeChat's limit on a `thing` value (Alipay's keywords are cut the same way). */
const THING_MAX = 20;

export interface NotificationRunResult {
  reminded: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** When the next try of a message that failed `attempts` times (this one included) is due. */
export function nextTryAt(now: Date, attempts: number): Date {
  const wait = Math.min(OUTBOX_BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), OUTBOX_MAX_BACKOFF_MS);
  return new Date(now.getTime() + wait);
}

function thing(text: string): { value: string } {
  const chars = [...text];
  return { value: chars.length > THING_MAX ? `${chars.slice(0, THING_MAX - 1).join('')}…` : text };
}

/** `2026-12-05 18:30` in the campaign's time zone. */
function timeValue(at: Date, timeZone: string): { value: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { value: `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}` };
}

/**
 * The subscribe message of a notice: three keywords — the title, the detail (cut to WeChat's 20
 * characters) and when it happened — named `thing1`, `thing2`, `time3` in the WeChat template and
 * `keyword1`, `keyword2`, `keyword3` in the Alipay one; the card opens the notice's page, or the
 * message centre when it has none.
 */
export function messageOf(
  message: OutboxMessage,
  timeZone: string,
  platform: OutboxMessage['provider'] = 'weapp',
): { page: string; data: Record<string, { value: string }> } {
  const notice = { kind: message.kind, payload: message.payload } as Notice;
  const text = noticeText(notice);
  const page = (noticeTarget(notice) ?? '/packages/notices/list/index').replace(/^\//, '');
  const [title, detail, time] = [thing(text.title), thing(text.body), timeValue(message.created_at, timeZone)];
  if (platform === 'alipay') return { page, data: { keyword1: title, keyword2: detail, keyword3: time } };
  return { page, data: { thing1: title, thing2: detail, time3: time } };
}

/** One message through its platform's sender. */
function sendThrough(messengers: Messengers, message: OutboxMessage & { recipient: string }, timeZone: string): Promise<SendOutcome> {
  const { page, data } = messageOf(message, timeZone, message.provider);
  if (message.provider === 'alipay')
    return messengers.alipay!.send({ userId: message.recipient, templateId: message.template_id, page, data });
  return messengers.weapp!.send({ openid: message.recipient, templateId: message.template_id, page, data });
}

/**
 * The notices' timed work: reminders for pooled orders closing within NOTIFY_CLOSING_MINUTES
 * (each member once per order), then the outbox's due messages, each sent after its notice
 * committed, outside any transaction, through the platform she accepted it on (WeChat or Alipay,
 * to her id there). A run takes each message before sending it, so runs that overlap never both
 * send one. A message spends one of the user's acceptances before its first try; a failed try is
 * retried later with a doubling wait, a refused one is given up. A failed send changes nothing
 * else: the notice stays in the message centre.
 */
export async function runNotifications(
  deps: { store: Store; messengers: Messengers; timeZone: string },
  now: Date,
): Promise<NotificationRunResult> {
  const { store } = deps;
  const result: NotificationRunResult = { reminded: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  result.reminded = await store.transaction((tx) => remindClosingPooledOrders(tx, now, NOTIFY_CLOSING_MINUTES * 60_000, REMINDERS_PER_RUN));
  for (const message of await dueOutbox(store, now, OUTBOX_BATCH)) {
    const { recipient } = message;
    const sendable = !!deps.messengers[message.provider] && !!recipient;
    // Taken by a run going at the same time: that run sends it (never both).
    if (sendable && !(await claimOutboxMessage(store, message, now, OUTBOX_CLAIM_MS))) continue;
    if (!sendable || !(await spendSubscription(store, message, now))) {
      await recordOutboxAttempt(store, message.notification_id, { status: 'skipped', error: skipReason(deps.messengers, message) }, now);
      result.skipped++;
      continue;
    }
    const outcome = await sendThrough(deps.messengers, { ...message, recipient }, deps.timeZone);
    if (outcome.kind === 'sent') {
      await recordOutboxAttempt(store, message.notification_id, { status: 'sent' }, now);
      result.sent++;
    } else if (outcome.kind === 'final' || message.attempts + 1 >= OUTBOX_MAX_ATTEMPTS) {
      await recordOutboxAttempt(store, message.notification_id, { status: 'failed', error: outcome.error }, now);
      result.failed++;
    } else {
      await recordOutboxAttempt(
        store,
        message.notification_id,
        { status: 'retry', error: outcome.error, retryAt: nextTryAt(now, message.attempts + 1) },
        now,
      );
      result.retried++;
    }
  }
  return result;
}

function skipReason(messengers: Messengers, message: OutboxMessage): string {
  const alipay = message.provider === 'alipay';
  if (!messengers[message.provider]) return alipay ? 'no Alipay subscribe templates configured' : 'no WeChat app configured';
  if (!message.recipient) return alipay ? 'the user has no Alipay user id' : 'the user has no WeChat openid';
  return 'no accepted subscription left';
}
