import { hookSignature } from '../../cloud/host/hookRoutes';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, runAsMaster } from '../support/sdk';

let host: TestHost;
const now = new Date('2026-11-01T04:00:00Z');

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: { now: () => now } });
  initSdk(host);
});
afterAll(async () => {
  await host.stop();
});

async function signedHook(raw: string) {
  const response = await fetch(`${host.url}/hooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(host.config.hookSecret, raw) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as { code: number; error: string } };
}

async function ordersAndPackets() {
  return host.store.query('select (select count(*) from orders) as orders, (select count(*) from red_packets) as packets');
}

describe(`order webhook input (${testEngine()})`, () => {
  const userId = 'a'.repeat(24);
  const paidWithLines = (linesJson: string) =>
    `{"type":"paid","orderId":"o-nul-1","userId":"${userId}","timestamp":${now.getTime()},"lines":${linesJson}}`;

  it('refuses NUL characters, deep nesting and __proto__ keys with 142 and records nothing, as the API does', async () => {
    const before = await ordersAndPackets();
    const nul = await signedHook(paidWithLines(JSON.stringify([{ productId: 'p\u00001', priceFen: 100, qty: 1 }])));
    expect(nul).toMatchObject({ status: 400, body: { code: 142 } });
    expect(nul.body.error).toContain('lines.0.productId');
    const nested = await signedHook(paidWithLines(`${'['.repeat(5000)}1${']'.repeat(5000)}`));
    expect(nested).toMatchObject({ status: 400, body: { code: 142 } });
    const proto = await signedHook(
      `{"type":"paid","__proto__":{"x":1},"orderId":"o-proto","userId":"${userId}","timestamp":${now.getTime()},"lines":[]}`,
    );
    expect(proto).toMatchObject({ status: 400, body: { code: 142 } });
    const notJson = await signedHook('{"type":');
    expect(notJson).toMatchObject({ status: 400, body: { code: 142, error: 'request body is not valid JSON' } });
    expect(await ordersAndPackets()).toEqual(before);
    await expect(runAsMaster('ledgerCheck', {})).resolves.toMatchObject({ balanced: true });
  });
});
