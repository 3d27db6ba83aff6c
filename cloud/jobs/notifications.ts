import { weappMessenger } from '../messaging/weappSubscribe';
import type { Services } from '../services';
import { runNotifications, type NotificationRunResult } from '../workflows/notificationOutbox';
import { periodSlot, runLeased, type LeasedOutcome } from './leases';

/**
 * The timed run of the notices (reminders before pooled orders close, the outbox's subscribe
 * messages), at every check on one host of all (the lease). The WeChat messenger is used only
 * when the deployment has subscribe templates; without them the outbox stays empty anyway.
 */
export function runNotificationJob(deps: Pick<Services, 'store' | 'clock' | 'config'>): Promise<LeasedOutcome<NotificationRunResult>> {
  const now = deps.clock.now();
  const { weapp } = deps.config;
  const messenger = weapp.subscribeTemplates.length > 0 ? weappMessenger(weapp) : null;
  return runLeased(deps.store, 'notifications', periodSlot(now, deps.config.jobs.checkMs), deps.config.jobs.leaseMs, () =>
    runNotifications({ store: deps.store, messenger, timeZone: deps.config.tzCampaign }, now),
  );
}
