import { NOTIFY_CLOSING_MINUTES, noticeTarget, noticeText, type Notice } from '../../contract/notifications';
import type { WeappMessenger } from '../messaging/weappSubscribe';
import { dueOutbox, recordOutboxAttempt, remindClosingPooledOrders, spendSubscription, type OutboxMessage } from '../store/notifications';
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
/** WeChat's limit on a `thing` value. */
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
 * The subscribe message of a notice: the template's keywords `thing1` (title), `thing2` (the
 * detail, cut to WeChat's 20 characters) and `time3` (when it happened); the card opens the
 * notice's page, or the message centre when it has none.
 */
export function messageOf(message: OutboxMessage, timeZone: string): { page: string; data: Record<string, { value: string }> } {
  const notice = { kind: message.kind, payload: message.payload } as Notice;
  const text = noticeText(notice);
  const page = (noticeTarget(notice) ?? '/packages/notices/list/index').replace(/^\//, '');
  return { page, data: { thing1: thing(text.title), thing2: thing(text.body), time3: timeValue(message.created_at, timeZone) } };
}

/**
 * The notices' timed work: reminders for pooled orders closing within NOTIFY_CLOSING_MINUTES
 * (each member once per order), then the outbox's due messages, each sent after its notice
 * committed, outside any transaction. A message spends one of the user's acceptances before its
 * first try; a failed try is retried later with a doubling wait, a refused one is given up. A
 * failed send changes nothing else: the notice stays in the message centre.
 */
export async function runNotifications(
  deps: { store: Store; messenger: WeappMessenger | null; timeZone: string },
  now: Date,
): Promise<NotificationRunResult> {
  const { store } = deps;
  const result: NotificationRunResult = { reminded: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  result.reminded = await store.transaction((tx) => remindClosingPooledOrders(tx, now, NOTIFY_CLOSING_MINUTES * 60_000, REMINDERS_PER_RUN));
  for (const message of await dueOutbox(store, now, OUTBOX_BATCH)) {
    if (!deps.messenger || !message.openid || !(await spendSubscription(store, message, now))) {
      await recordOutboxAttempt(store, message.notification_id, { status: 'skipped', error: skipReason(deps.messenger, message) }, now);
      result.skipped++;
      continue;
    }
    const outcome = await deps.messenger.send({
      openid: message.openid,
      templateId: message.template_id,
      ...messageOf(message, deps.timeZone),
    });
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

function skipReason(messenger: WeappMessenger | null, message: OutboxMessage): string {
  if (!messenger) return 'no WeChat app configured';
  if (!message.openid) return 'the user has no WeChat openid';
  return 'no accepted subscription left';
}
