import type { SubscribeTopic } from '../../contract/notifications';

/*
 * Subscribe messages (订阅消息) exist in the WeChat mini-program only (subscribe.weapp.ts). In H5
 * and in the Alipay app, notices reach the shopper through the app's own message centre.
 */

/** Loads this deployment's templates ahead of the tap that will need them. */
export function loadSubscribeTemplates(): void {}

/** Asks her, on her tap, for one message of each topic; resolves when she has answered. */
export function askToSubscribe(_topics: readonly SubscribeTopic[]): Promise<void> {
  return Promise.resolve();
}
