import type { SubscribeResult } from '../../contract/notifications';
import { subscribeHelper } from './subscribeFlow';

/** What `my.requestSubscribeMessage` answers (the ids subscribed by this request, those refused). */
interface AlipaySubscribeAnswer {
  result?: { subscribeEntityIds?: string[]; unsubscribedEntityIds?: string[] };
  [entityId: string]: unknown;
}

interface AlipayMy {
  requestSubscribeMessage?(options: {
    entityIds: string[];
    success?: (answer: AlipaySubscribeAnswer) => void;
    fail?: (error: { error?: number; errorMessage?: string }) => void;
  }): void;
}

declare const my: AlipayMy;

/**
 * Alipay's one-time subscribe messages (消息订阅): `my.requestSubscribeMessage` takes the template
 * ids as `entityIds` and lists those she subscribed to in `result.subscribeEntityIds` (an id
 * answered `accept` counts too). Older Alipay clients without it: no request, no message.
 */
export const { loadSubscribeTemplates, askToSubscribe } = subscribeHelper('alipay', (ids, done) => {
  if (typeof my === 'undefined' || typeof my.requestSubscribeMessage !== 'function') {
    done({});
    return;
  }
  my.requestSubscribeMessage({
    entityIds: ids,
    success: (answer) => {
      const subscribed = answer.result?.subscribeEntityIds ?? [];
      const refused = answer.result?.unsubscribedEntityIds ?? [];
      const results: Record<string, SubscribeResult> = {};
      for (const id of ids) {
        if (subscribed.includes(id) || answer[id] === 'accept') results[id] = 'accept';
        else if (refused.includes(id) || answer[id] === 'reject') results[id] = 'reject';
      }
      done(results);
    },
    fail: () => done({}),
  });
});
