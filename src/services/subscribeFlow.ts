import type { SubscribePlatform, SubscribeResult, SubscribeTopic } from '../../contract/notifications';
import { callFunction } from './api';

/** WeChat and Alipay ask about at most three templates at a time. */
const IDS_PER_REQUEST = 3;

/**
 * The platform's own request (`wx.requestSubscribeMessage`, `my.requestSubscribeMessage`): asks
 * her about the template ids and answers what she said about each (nothing when it failed).
 */
export type AskPlatform = (ids: string[], done: (results: Record<string, SubscribeResult>) => void) => void;

/**
 * The subscribe-message helper of one mini-program platform (subscribe.weapp.ts,
 * subscribe.alipay.ts): the deployment's templates for it, loaded once ahead of the tap, and the
 * request on her tap, whose acceptances are reported to the server for that platform.
 */
export function subscribeHelper(platform: SubscribePlatform, ask: AskPlatform) {
  let templates: Map<SubscribeTopic, string> | null = null;
  let loading: Promise<void> | null = null;

  /** The request must be made within the tap itself, before any wait: the templates come first. */
  function loadSubscribeTemplates(): void {
    if (templates || loading) return;
    loading = callFunction('subscribeTemplates', { platform })
      .then((answer) => {
        templates = new Map(answer.templates.map((t) => [t.topic, t.templateId]));
      })
      .catch(() => undefined)
      .finally(() => (loading = null));
  }

  /**
   * On her tap (pay, join a group buy, share): asks for one message of each topic whose template
   * this deployment has, and tells the server what she accepted. Never fails: a refusal or an
   * error only means no message, and the action she tapped goes on when she has answered.
   */
  function askToSubscribe(topics: readonly SubscribeTopic[]): Promise<void> {
    // Not loaded (yet, or the load failed): no request this time, and a new load for the next tap.
    if (!templates) loadSubscribeTemplates();
    const ids = topics
      .map((topic) => templates?.get(topic))
      .filter((id): id is string => !!id)
      .slice(0, IDS_PER_REQUEST);
    if (ids.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        ask(ids, (results) => {
          if (Object.values(results).includes('accept')) {
            void callFunction('acceptSubscriptions', { platform, templateIds: ids, results }).catch(() => undefined);
          }
          resolve();
        });
      } catch {
        resolve();
      }
    });
  }

  return { loadSubscribeTemplates, askToSubscribe };
}
