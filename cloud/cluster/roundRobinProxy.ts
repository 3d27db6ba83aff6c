import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the proxy waits for a host's answer before telling the client it failed. */
export const PROXY_UPSTREAM_TIMEOUT_MS = 30_000;

export interface RoundRobinProxy {
  url: string;
  /** Requests each upstream has been sent, in the order of `upstreams`. */
  counts(): number[];
  close(): Promise<void>;
}

/**
 * A small load balancer for trying several hosts on one machine (`npm run cluster`) and for the
 * multi-host tests: each request goes to the next host in turn; a host that refuses the
 * connection is skipped for that request, as nginx's `proxy_next_upstream error` does. It sets
 * `X-Forwarded-For` like a real proxy, so hosts started with TRUST_PROXY see the client address.
 */
export async function startRoundRobinProxy(upstreams: string[], port = 0): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('a proxy needs at least one upstream');
  const counts = upstreams.map(() => 0);
  let next = 0;
  // Kept-alive connections to the hosts, closed with the proxy.
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const first = next++ % upstreams.length;
    req.on('end', () => forward(Buffer.concat(chunks), 0));

    function forward(body: Buffer, attempt: number): void {
      const index = (first + attempt) % upstreams.length;
      counts[index] = (counts[index] ?? 0) + 1;
      const target = new URL(req.url ?? '/', upstreams[index]);
      const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
      const upstream = http.request(
        target,
        {
          method: req.method,
          headers: { ...req.headers, host: target.host, 'x-forwarded-for': forwardedFor },
          timeout: PROXY_UPSTREAM_TIMEOUT_MS,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // A host that is down (refused) is skipped; one that failed mid-answer is not retried,
        // since the call may have had its effect.
        if (error.code === 'ECONNREFUSED' && attempt + 1 < upstreams.length) return forward(body, attempt + 1);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 1, error: 'Bad gateway: no host answered' }));
      });
      upstream.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts: () => [...counts],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
