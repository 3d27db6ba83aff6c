/**
 * Real payments on the fake WeChat Pay (loopback, real signatures and encryption): how fast the
 * host creates payments (joinGroupBuy → WeChat's JSAPI order, with the fake's own time measured
 * apart), and how fast it handles WeChat's notifications (verify + decrypt + apply), each sent
 * twice, as WeChat may, with zero duplicate effects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { at } from '../cloud/domain/at';
import { readPaymentSettings } from '../cloud/config';
import { wechatPayProvider } from '../cloud/payments/wechatpay';
import { startFakeWechatPay } from '../test/support/fakeWechatPay';
import { startFakeWeixin } from '../test/support/fakeWeixin';
import { startHostProcess } from '../test/support/hostProcess';
import { call, lcHeaders, runLoad } from './lib/load';
import type { Section } from './lib/report';
import { BENCH_KEYS } from '../test/support/hostProcess';

export const PAYMENT_USERS = 400;
/** 400 leaders open 5 buys each (openGroupBuy allows 5 open at once); 400 joiners join 5 each. */
export const PAYMENTS_CREATED = 2000;
const CONNECTIONS = 50;

export async function benchPayments(engine: 'pglite' | 'postgres', databaseUrl: string | undefined): Promise<Section> {
  const now = () => new Date();
  const fakeWeixin = await startFakeWeixin({ appId: 'wx-bench', secret: 'wx-bench-secret' });
  const fakePay = await startFakeWechatPay({ now, appId: 'wx-bench' });
  // The benchmark posts the notifications itself, all at once; the fake keeps its own.
  fakePay.notifications.mode = 'hold';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'besties-bench-pay-'));
  const host = await startHostProcess({
    DEMO: '1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    WEAPP_APPID: 'wx-bench',
    WEAPP_SECRET: 'wx-bench-secret',
    WEAPP_CODE2SESSION_URL: fakeWeixin.url,
    PAYMENTS: 'wechatpay,demo',
    PUBLIC_URL: 'http://127.0.0.1:9',
    ...fakePay.env,
  });
  const target = { url: host.url, ...BENCH_KEYS };
  try {
    const run = Date.now().toString(36);
    const login = async (who: string) => {
      const sessions: string[] = [];
      for (let i = 0; i < PAYMENT_USERS; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, PAYMENT_USERS - i) }, async (_, j) => {
            const code = `${who}-${run}-${i + j}`;
            fakeWeixin.register(code, `openid-${who}-${run}-${i + j}`);
            const response = await fetch(`${host.url}/1.1/users`, {
              method: 'POST',
              headers: lcHeaders(target),
              body: JSON.stringify({ authData: { lc_weapp: { code } } }),
            });
            sessions[i + j] = ((await response.json()) as { sessionToken: string }).sessionToken;
          }),
        );
      }
      return sessions;
    };
    const leaders = await login('leader');
    const sessions = await login('joiner');
    const { deals } = await call<{ deals: Array<{ dealId: string; groupPriceFen: number; size: number }> }>(
      host.url,
      target,
      'listDeals',
      {},
      at(sessions, 0, 'session'),
    );
    // The five-seat deal: a leader and a joiner paid leave the buy open, as most buys are.
    const deal = at(
      deals.filter((d) => d.size >= 5),
      0,
      'demo deal of five seats or more',
    );
    // Leaders open the buys (paid at once with the demo provider), five each.
    const buyIds: string[] = [];
    for (let i = 0; i < PAYMENTS_CREATED; i += CONNECTIONS) {
      await Promise.all(
        Array.from({ length: Math.min(CONNECTIONS, PAYMENTS_CREATED - i) }, async (_, j) => {
          const { groupBuy } = await call<{ groupBuy: { groupBuyId: string } }>(
            host.url,
            target,
            'openGroupBuy',
            { dealId: deal.dealId, requestId: `open-${run}-${i + j}`, provider: 'demo' },
            at(leaders, (i + j) % PAYMENT_USERS, 'leader'),
          );
          buyIds[i + j] = groupBuy.groupBuyId;
        }),
      );
    }

    let next = 0;
    const created = await runLoad({
      url: host.url,
      path: '/1.1/functions/joinGroupBuy',
      headers: lcHeaders(target),
      connections: CONNECTIONS,
      amount: PAYMENTS_CREATED,
      seconds: 300,
      setupRequest: (request) => {
        const i = next++;
        return {
          ...request,
          headers: { ...request.headers, 'x-lc-session': at(sessions, i % PAYMENT_USERS, 'session') },
          body: JSON.stringify({ groupBuyId: at(buyIds, i, 'group buy'), requestId: `join-${run}-${i}` }),
        };
      },
    });

    // The fake alone, driven by the host's own client code from this process: what of the
    // creation time is WeChat's (here, the fake's) rather than ours.
    const client = wechatPayProvider(readPaymentSettings({ PAYMENTS: 'wechatpay', ...fakePay.env }, false, 0, '127.0.0.1').wechatpay, now);
    const fakeLatencies: number[] = [];
    const fakeStarted = performance.now();
    let fakeNext = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (fakeNext < PAYMENTS_CREATED) {
          const i = fakeNext++;
          const t0 = performance.now();
          await client.createPayment({
            outTradeNo: `fake${run}${i}`.slice(0, 32),
            amountFen: deal.groupPriceFen,
            description: '压测',
            payerId: `openid-joiner-${run}-${i % PAYMENT_USERS}`,
            expiresAt: new Date(Date.now() + 15 * 60_000),
            notifyUrl: 'http://127.0.0.1:9/hooks/wechatpay',
          });
          fakeLatencies.push(performance.now() - t0);
        }
      }),
    );
    const fakeSeconds = (performance.now() - fakeStarted) / 1000;
    fakeLatencies.sort((a, b) => a - b);
    const fakeP99 = Math.round(at(fakeLatencies, Math.floor(fakeLatencies.length * 0.99), 'p99'));

    // Every shopper pays; WeChat's notifications (held by the fake) are posted twice each.
    const paymentIds: string[] = [];
    for (const session of sessions) {
      const { payments } = await call<{ payments: Array<{ paymentId: string; status: string }> }>(
        host.url,
        target,
        'myPayments',
        {},
        session,
      );
      paymentIds.push(...payments.filter((p) => p.status === 'pending').map((p) => p.paymentId));
    }
    for (const id of paymentIds) await fakePay.pay(id);
    const notifications = fakePay.notifications.held.map((held) => fakePay.buildNotification(held.eventType, held.resource));
    let sent = 0;
    const notified = await runLoad({
      url: host.url,
      path: '/hooks/wechatpay',
      headers: {},
      connections: CONNECTIONS,
      amount: notifications.length * 2,
      seconds: 300,
      setupRequest: (request) => {
        const n = at(notifications, sent++ % notifications.length, 'notification');
        return { ...request, headers: n.headers, body: n.body };
      },
    });

    let paid = 0;
    for (const session of sessions) {
      const { payments } = await call<{ payments: Array<{ status: string }> }>(host.url, target, 'myPayments', {}, session);
      paid += payments.filter((p) => p.status === 'paid').length;
    }
    const ledger = await call<{ balanced: boolean }>(host.url, target, 'ledgerCheck', {}, undefined, true);
    const notes: string[] = [];
    if (created.non2xx > 0 || created.errors > 0) notes.push(`payment creation: ${created.non2xx} non-2xx, ${created.errors} errors`);
    if (notified.non2xx > 0 || notified.errors > 0) notes.push(`notifications: ${notified.non2xx} non-2xx, ${notified.errors} errors`);
    return {
      title: `Payments on the fake WeChat Pay — ${engine}`,
      settings: `${PAYMENTS_CREATED} joinGroupBuy calls by ${PAYMENT_USERS} WeChat shoppers into buys of five seats their leaders opened (each join creates a JSAPI order at the fake), then each payment's TRANSACTION.SUCCESS notification posted twice; ${CONNECTIONS} connections`,
      rows: [
        {
          step: 'create payment (joinGroupBuy → WeChat JSAPI order)',
          'calls/s': created.perSecond,
          'p50 ms': created.p50Ms,
          'p99 ms': created.p99Ms,
          result: `${paymentIds.length} pending payments`,
        },
        {
          step: '… of which the fake WeChat Pay alone (jsapi order, signed both ways)',
          'calls/s': Math.round(PAYMENTS_CREATED / fakeSeconds),
          'p50 ms': Math.round(at(fakeLatencies, Math.floor(fakeLatencies.length / 2), 'p50')),
          'p99 ms': fakeP99,
          result: '',
        },
        {
          step: 'notification (verify + decrypt + apply), each sent twice',
          'calls/s': notified.perSecond,
          'p50 ms': notified.p50Ms,
          'p99 ms': notified.p99Ms,
          result: `${paid} paid of ${paymentIds.length}; duplicates ${Math.max(0, paid - paymentIds.length)}; ledger ${ledger.balanced ? 'balanced' : 'NOT balanced'}`,
        },
      ],
      notes,
    };
  } finally {
    await host.stop();
    await fakePay.close();
    await fakeWeixin.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
