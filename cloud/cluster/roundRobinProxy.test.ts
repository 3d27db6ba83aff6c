import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRoundRobinProxy } from './roundRobinProxy';

async function upstream(name: string): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body} ${req.headers['x-forwarded-for']}`);
      res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': name });
      res.end(name);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('round-robin proxy', () => {
  it('sends each request to the next host in turn, with its body and the client address', async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    const proxy = await startRoundRobinProxy([a.url, b.url]);
    try {
      const answers: string[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${proxy.url}/1.1/functions/ping?i=${i}`, { method: 'POST', body: `{"i":${i}}` });
        answers.push(await response.text());
      }
      expect(answers).toEqual(['a', 'b', 'a', 'b']);
      expect(proxy.counts()).toEqual([2, 2]);
      expect(a.seen[0]).toBe('POST /1.1/functions/ping?i=0 {"i":0} 127.0.0.1');
    } finally {
      await proxy.close();
      await a.close();
      await b.close();
    }
  });

  it('skips a host that is down, and answers 502 when none is up', async () => {
    const a = await upstream('a');
    const down = await upstream('down');
    await down.close();
    const proxy = await startRoundRobinProxy([down.url, a.url]);
    try {
      const answers = await Promise.all([0, 1, 2].map(async () => (await fetch(`${proxy.url}/x`)).text()));
      expect(answers).toEqual(['a', 'a', 'a']);
    } finally {
      await proxy.close();
    }
    const none = await startRoundRobinProxy([down.url]);
    try {
      const response = await fetch(`${none.url}/x`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ code: 1, error: 'Bad gateway: no host answered' });
    } finally {
      await none.close();
      await a.close();
    }
  });
});
