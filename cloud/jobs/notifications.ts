import { alipayMessenger } from '../messaging/alipaySubscribe';
import { weappMessenger } from '../messaging/weappSubscribe';
import type { Services } from '../services';
import { runNotifications, type NotificationRunResult } from '../workflows/notificationOutbox';
import { periodSlot, runLeased, type LeasedOutcome } from './leases';

/**
 * The timed run of the notices (reminders before pooled orders close, the outbox's subscribe
 * messages), at every check on one host of all (the lease). Each platform's messenger (WeChat,
 * Alipay) is used only when the deployment has subscribe templates for it; without them no
 * acceptance is recorded for that platform, so nothing is queued for it.
 */
export function runNotificationJob(deps: Pick<Services, 'store' | 'clock' | 'config'>): Promise<LeasedOutcome<NotificationRunResult>> {
  const now = deps.clock.now();
  const { weapp, alipay, alipaySubscribeTemplates } = deps.config;
  const messengers = {
    weapp: weapp.subscribeTemplates.length > 0 ? weappMessenger(weapp) : null,
    alipay: alipaySubscribeTemplates.length > 0 ? alipayMessenger(alipay, () => deps.clock.now()) : null,
  };
  return runLeased(deps.store, 'notifications', periodSlot(now, deps.config.jobs.checkMs), deps.config.jobs.leaseMs, () =>
    runNotifications({ store: deps.store, messengers, timeZone: deps.config.tzCampaign }, now),
  );
}
