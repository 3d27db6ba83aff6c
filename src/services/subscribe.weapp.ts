import Taro from '@tarojs/taro';
import type { SubscribeResult } from '../../contract/notifications';
import { subscribeHelper } from './subscribeFlow';

const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** WeChat's one-time subscribe messages (订阅消息): `wx.requestSubscribeMessage` answers per template id. */
export const { loadSubscribeTemplates, askToSubscribe } = subscribeHelper('weapp', (ids, done) => {
  void Taro.requestSubscribeMessage({
    tmplIds: ids,
    entityIds: [],
    success: (answer) => {
      const record = answer as unknown as Record<string, string>;
      const results: Record<string, SubscribeResult> = {};
      for (const id of ids) if (RESULTS.includes(record[id] ?? '')) results[id] = record[id] as SubscribeResult;
      done(results);
    },
    fail: () => done({}),
  });
});
