import Taro from '@tarojs/taro';
import type { SubscribeResult, SubscribeTopic } from '../../contract/notifications';
import { callFunction } from './api';

/** WeChat asks about at most three templates at a time. */
const IDS_PER_REQUEST = 3;
const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

let templates: Map<SubscribeTopic, string> | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads this deployment's templates (the server's WEAPP_SUBSCRIBE_TEMPLATES) once, ahead of the
 * tap: `wx.requestSubscribeMessage` must be called within the tap itself, before any wait.
 */
export function loadSubscribeTemplates(): void {
  if (templates || loading) return;
  loading = callFunction('subscribeTemplates', {})
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
export function askToSubscribe(topics: readonly SubscribeTopic[]): Promise<void> {
  // Not loaded (yet, or the load failed): no request this time, and a new load for the next tap.
  if (!templates) loadSubscribeTemplates();
  const ids = topics
    .map((topic) => templates?.get(topic))
    .filter((id): id is string => !!id)
    .slice(0, IDS_PER_REQUEST);
  if (ids.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      void Taro.requestSubscribeMessage({
        tmplIds: ids,
        entityIds: [],
        success: (answer) => {
          const record = answer as unknown as Record<string, string>;
          const results: Record<string, SubscribeResult> = {};
          for (const id of ids) if (RESULTS.includes(record[id] ?? '')) results[id] = record[id] as SubscribeResult;
          if (Object.values(results).includes('accept')) {
            void callFunction('acceptSubscriptions', { templateIds: ids, results }).catch(() => undefined);
          }
          resolve();
        },
        fail: () => resolve(),
      });
    } catch {
      resolve();
    }
  });
}
