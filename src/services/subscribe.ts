import type { SubscribeTopic } from '../../contract/notifications';

/*
 * Subscribe messages exist in the mini-programs only: WeChat's 订阅消息 (subscribe.weapp.ts) and
 * Alipay's 消息订阅 (subscribe.alipay.ts). In H5, notices reach the shopper through the app's own
 * message centre.
 */

/** Loads this deployment's templates ahead of the tap that will need them. */
export function loadSubscribeTemplates(): void {}

/** Asks her, on her tap, for one message of each topic; resolves when she has answered. */
export function askToSubscribe(_topics: readonly SubscribeTopic[]): Promise<void> {
  return Promise.resolve();
}
