import type { FunctionName } from '../../contract/functions';
import { askToSubscribe, loadSubscribeTemplates } from './subscribe.alipay';

const calls: Array<{ name: FunctionName; params: unknown }> = [];
jest.mock('./api', () => ({
  callFunction: jest.fn(async (name: FunctionName, params: unknown) => {
    calls.push({ name, params });
    if (name === 'subscribeTemplates') {
      return {
        provider: 'alipay',
        templates: [
          { topic: 'money', templateId: 'ali-money' },
          { topic: 'group_buy', templateId: 'ali-gb' },
        ],
      };
    }
    return { accepted: [] };
  }),
}));

// The Alipay client's `my`: read by the helper at the tap, not when it loads.
type Answer = Record<string, unknown>;
const requests: string[][] = [];
let answer: Answer | null = null;
(globalThis as unknown as { my: unknown }).my = {
  requestSubscribeMessage: jest.fn(
    (options: { entityIds: string[]; success: (a: Answer) => void; fail: (e: { error: number; errorMessage: string }) => void }) => {
      requests.push(options.entityIds);
      setTimeout(() => (answer ? options.success(answer) : options.fail({ error: 11, errorMessage: '用户取消' })), 0);
    },
  ),
};

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Alipay subscribe requests', () => {
  beforeAll(async () => {
    loadSubscribeTemplates();
    await settled();
    expect(calls).toEqual([{ name: 'subscribeTemplates', params: { platform: 'alipay' } }]);
  });

  beforeEach(() => {
    calls.length = 0;
    requests.length = 0;
  });

  it('asks with my.requestSubscribeMessage for the topics’ Alipay templates and reports what she subscribed to', async () => {
    answer = { behavior: 'subscribe', result: { subscribeEntityIds: ['ali-gb'], unsubscribedEntityIds: ['ali-money'] } };
    await askToSubscribe(['group_buy', 'money', 'pooled_order']);
    expect(requests).toEqual([['ali-gb', 'ali-money']]);
    expect(calls).toEqual([
      {
        name: 'acceptSubscriptions',
        params: { platform: 'alipay', templateIds: ['ali-gb', 'ali-money'], results: { 'ali-gb': 'accept', 'ali-money': 'reject' } },
      },
    ]);
  });

  it('reports nothing when she subscribed to none, cancelled, or no template matches the topics', async () => {
    answer = { behavior: '', result: { subscribeEntityIds: [], unsubscribedEntityIds: ['ali-money'] } };
    await askToSubscribe(['money']);
    answer = null;
    await askToSubscribe(['money']);
    await askToSubscribe(['group']);
    expect(requests).toEqual([['ali-money'], ['ali-money']]);
    expect(calls).toEqual([]);
  });
});
