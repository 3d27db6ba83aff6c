import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server, ServerOptions } from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { FastifyCorsOptions } from '@fastify/cors';
import type { Config } from '../config';
import { appliedMigrationVersions, loadMigrations } from '../store/migrate';
import type { Store } from '../store/store';

/**
 * Timeouts and proxy trust for Fastify. Fastify 5 leaves the request timeout off by default, so
 * a client announcing a body and sending one byte held its socket for minutes, and enough of
 * them exhausted the host's file descriptors.
 */
export function serverOptions(config: Config): {
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  const { headersMs, requestMs, keepAliveMs, idleMs } = config.timeouts;
  return {
    // A hop count trusts that many proxies nearest to the host (Fastify's typings lack numbers).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops) => (_address, hop) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    connectionTimeout: idleMs,
    keepAliveTimeout: keepAliveMs,
    requestTimeout: requestMs,
    http: {
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      // Node looks for expired requests only this often (30 s by default, which would triple
      // a 10 s limit); a quarter of the limit keeps the overshoot small.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersMs / 4))),
    },
  };
}

/**
 * Refuses connections beyond `cap` open at once from one address (0: no cap), so that one
 * client cannot take every file descriptor. Counts the socket's own address: behind a proxy
 * every client shares the proxy's, so raise the cap there.
 */
export function capConnectionsPerAddress(server: Server, cap: number): void {
  if (cap <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/**
 * CORS: the configured origins; in demo mode without a setting, any origin (a dev server or a
 * phone on the LAN); otherwise none — the H5 app and console are served on the host's origin.
 */
export function corsOrigin(config: Config): FastifyCorsOptions['origin'] {
  if (config.corsOrigins === 'any') return true;
  return config.corsOrigins.length > 0 ? config.corsOrigins : false;
}

/** Policy for everything that is not a page: nothing may load from it, nothing may frame it. */
const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The pages' policy. Scripts come from the host itself, plus the H5 build's inline
 * viewport-sizing script, allowed by its hash (read from the built index.html). Styles may be
 * inline (Taro and React set style attributes). Images: catalog pictures and avatars live on
 * other https hosts, and small ones arrive as data: URLs. The app calls the API on its own
 * origin only.
 */
export function pagePolicy(inlineScriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${inlineScriptHashes.map((hash) => ` '${hash}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** sha256 sources of the inline scripts of an HTML page (`<script>` without `src`). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? '') || match[2] === '') continue;
    hashes.push(`sha256-${crypto.createHash('sha256').update(match[2]!, 'utf8').digest('base64')}`);
  }
  return hashes;
}

/**
 * Security headers on every answer. The page policy follows the builds on disk: a rebuilt
 * index.html (new inline-script hash) is picked up by its modification time, without a restart.
 */
export function registerSecurityHeaders(app: FastifyInstance, pages: readonly string[]): void {
  let cacheKey = '';
  let cachedPolicy = pagePolicy([]);
  const currentPagePolicy = () => {
    const files = pages.map((dir) => path.join(dir, 'index.html'));
    const stamps = files.map((file) => {
      try {
        return `${file}:${fs.statSync(file).mtimeMs}`;
      } catch {
        return `${file}:-`;
      }
    });
    const key = stamps.join('|');
    if (key !== cacheKey) {
      const hashes = new Set<string>();
      for (const file of files) {
        try {
          for (const hash of inlineScriptHashes(fs.readFileSync(file, 'utf8'))) hashes.add(hash);
        } catch {
          // not built: nothing inline to allow
        }
      }
      cachedPolicy = pagePolicy([...hashes]);
      cacheKey = key;
    }
    return cachedPolicy;
  };

  // A callback hook, not an async one: it runs on every answer, and an async hook costs a promise.
  app.addHook('onSend', (_request, reply, payload, done) => {
    // A 304 carries no content type, and the browser merges its headers into the cached page's:
    // a non-page policy there would block the scripts of a page reloaded from the cache.
    if (reply.statusCode !== 304) {
      const type = String(reply.getHeader('content-type') ?? '');
      reply.header('content-security-policy', type.startsWith('text/html') ? currentPagePolicy() : NON_PAGE_POLICY);
    }
    reply.headers(COMMON_HEADERS);
    done(null, payload);
  });
}

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
} as const;

/** How long /readyz waits for the database before calling it unreachable. */
const READY_CHECK_TIMEOUT_MS = 3000;

/**
 * Probes for orchestrators, without credentials: /healthz says the process answers; /readyz
 * that the database answers and every migration this build knows is applied.
 */
export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  const expected = loadMigrations().map((migration) => migration.version);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const versions = await Promise.race([
        appliedMigrationVersions(store),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('database did not answer in time')), READY_CHECK_TIMEOUT_MS);
        }),
      ]);
      const applied = new Set(versions);
      const missing = expected.filter((version) => !applied.has(version));
      if (missing.length > 0) return reply.code(503).send({ status: 'migrations pending', missing });
      return { status: 'ready' };
    } catch (error) {
      // The reason goes to the log only: the probe answers anyone.
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
