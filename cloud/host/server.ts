import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import { CloudError, INTERNAL_ERROR_BODY } from '../errors';
import { invokeFunction } from '../functions/invoke';
import { authenticateApp } from './appAuth';
import { resolveSessionUser, sessionToken, type HostDeps } from './context';
import { decodeRpcParams, encodeRpcResult } from './rpcEncoding';
import { parseJsonBody } from './jsonBody';
import { registerUserRoutes } from './userRoutes';
import { registerHookRoutes } from './hookRoutes';
import { registerPaymentHookRoutes } from './paymentHookRoutes';
import { registerProductImageRoutes } from './productImages';
import { capConnectionsPerAddress, corsOrigin, registerHealthRoutes, registerSecurityHeaders, serverOptions } from './defences';
import { LoginRateLimited } from './loginLimits';
import { processLog, requestIdFrom, withLogger, type Logger } from '../observability/logger';
import { metricsText, recordFunctionCall, recordHttpRequest, watchStore } from '../observability/metrics';

/** Largest request body the host reads (the biggest legitimate one is a 1,000-user import). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Headers the SDK sends from a browser; the H5 build's preflight must allow all of them. */
const LC_HEADERS = ['content-type', 'x-lc-id', 'x-lc-sign', 'x-lc-key', 'x-lc-session', 'x-lc-ua', 'x-lc-prod', 'x-lc-hooks'];

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Function names in metrics: the host's own, and one shared value for any other name a caller sends. */
const UNKNOWN_FUNCTION = 'unknown';

/** True when the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  // Digests have one length whatever was sent, which timingSafeEqual needs; the time taken
  // then says nothing about how much of the token a guess got right.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${token}`));
}

/**
 * The HTTP host: LeanCloud REST 1.1 subset, CORS, and the H5 build on the same origin.
 * It logs through the process logger (observability/logger.ts), at `logLevel` when given.
 */
export async function buildServer(deps: HostDeps, options: { logLevel?: string; logger?: Logger } = {}): Promise<FastifyInstance> {
  const base = options.logger ?? processLog();
  // pino's Logger is Fastify's logger; the cast only bridges two declarations of the same type.
  const logger = (options.logLevel ? base.child({}, { level: options.logLevel }) : base) as unknown as FastifyBaseLogger;
  const app = Fastify({
    loggerInstance: logger,
    // Every call gets an id: the caller's X-Request-Id when it is a short safe token, else a new
    // one. It is on every line the call logs and echoed in the answer's X-Request-Id.
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    requestIdLogLabel: 'requestId',
    // One line per request (onResponse below) instead of Fastify's two.
    disableRequestLogging: true,
    bodyLimit: BODY_LIMIT_BYTES,
    // Keep-alive connections must not outlive a graceful shutdown by much.
    forceCloseConnections: 'idle',
    ...serverOptions(deps.config),
  });
  capConnectionsPerAddress(app.server, deps.config.maxConnectionsPerAddress);
  const unwatchStore = watchStore(deps.store);
  app.addHook('onClose', async () => unwatchStore());

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Handlers, and everything they call, log through the request's logger without it being passed
  // down: functions, workflows and the store call currentLogger(). The handler runs inside this
  // callback (after the body is read, whose stream events would lose the context).
  app.addHook('preHandler', (request, _reply, done) => withLogger(request.log as unknown as Logger, done));
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    recordHttpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if ((request.log as unknown as Logger).isLevelEnabled('info')) {
      // The path only: a query string may carry what a caller searched for.
      request.log.info(
        { method: request.method, path: request.url.split('?')[0], route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request completed',
      );
    }
    done();
  });
  registerSecurityHeaders(app, [deps.config.h5Dir, deps.config.consoleDir]);

  // The SDK always sends JSON, sometimes labelled text/plain (browsers avoiding a preflight).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => {
    const parsed = parseJsonBody(body as string);
    if (parsed.ok) done(null, parsed.value);
    else done(parsed.error, undefined);
  });

  await app.register(cors, {
    origin: corsOrigin(deps.config),
    allowedHeaders: LC_HEADERS,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    maxAge: 86_400,
  });

  app.decorateRequest('isMaster', false);
  app.addHook('onRequest', (request, _reply, done) => {
    // `GET /1.1/date` is the readiness probe: it answers without credentials.
    if (!request.url.startsWith('/1.1/') || request.method === 'OPTIONS' || request.url === '/1.1/date') return done();
    try {
      const auth = authenticateApp(
        { id: header(request, 'x-lc-id'), sign: header(request, 'x-lc-sign'), key: header(request, 'x-lc-key') },
        deps.config,
        deps.clock.now().getTime(),
      );
      request.isMaster = auth.isMaster;
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof CloudError) {
      // A limited caller is told when to come back in HTTP's own terms too, not only in the message.
      if (error instanceof LoginRateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(error.status).send(error.toJSON());
    }
    const status = error.statusCode;
    if (status === 413) return reply.code(413).send({ code: 142, error: `request body larger than ${BODY_LIMIT_BYTES} bytes` });
    // Fastify's own 4xx (bad content type, malformed URL …) are the caller's mistakes too.
    if (status && status >= 400 && status < 500) return reply.code(400).send({ code: 142, error: error.message });
    request.log.error({ err: error, url: request.url }, 'unexpected failure');
    return reply.code(500).send(INTERNAL_ERROR_BODY);
  });

  app.get('/1.1/date', async () => ({ __type: 'Date', iso: deps.clock.now().toISOString() }));
  registerHealthRoutes(app, deps.store);
  registerMetricsRoute(app, deps.config.metricsToken);

  const runFunction = async (request: FastifyRequest<{ Params: { name: string } }>, params: unknown) => {
    const name = request.params.name;
    const label = deps.functions.has(name) ? name : UNKNOWN_FUNCTION;
    const started = performance.now();
    try {
      const token = sessionToken(request);
      const result = await invokeFunction(
        deps.functions,
        name,
        params,
        { isMaster: request.isMaster, user: await resolveSessionUser(deps, token), sessionToken: token },
        deps,
      );
      recordFunctionCall(label, (performance.now() - started) / 1000, undefined);
      return result;
    } catch (error) {
      recordFunctionCall(label, (performance.now() - started) / 1000, error instanceof CloudError ? error.code : 1);
      throw error;
    }
  };

  app.post<{ Params: { name: string } }>('/1.1/functions/:name', async (request) => ({
    result: await runFunction(request, request.body),
  }));

  app.post<{ Params: { name: string } }>('/1.1/call/:name', async (request) => ({
    result: encodeRpcResult(await runFunction(request, decodeRpcParams(request.body))),
  }));

  registerUserRoutes(app, deps);
  await registerHookRoutes(app, deps);
  await registerPaymentHookRoutes(app, deps);
  registerProductImageRoutes(app, deps);

  app.all('/1.1/*', async (request) => {
    throw new CloudError(101, `No such endpoint: ${request.method} ${request.url.split('?')[0]}`);
  });

  if (fs.existsSync(deps.config.consoleDir)) {
    await app.register(fastifyStatic, {
      root: deps.config.consoleDir,
      prefix: '/console/',
      index: 'index.html',
      decorateReply: false,
      redirect: true,
    });
  }
  if (fs.existsSync(deps.config.h5Dir)) {
    await app.register(fastifyStatic, { root: deps.config.h5Dir, prefix: '/', index: 'index.html', maxAge: '1h' });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>The H5 app is not built yet: run <code>npm start</code> (it builds it first).</p>'),
    );
  }

  return app;
}

/**
 * Prometheus text for a scraper holding METRICS_TOKEN. Without the setting the route does not
 * exist (404), so a host never publishes its metrics by accident; a wrong token is a 401.
 */
function registerMetricsRoute(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.get('/metrics', async (request, reply) => {
    if (!bearerMatches(header(request, 'authorization'), token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ code: 401, error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
    }
    const { contentType, body } = await metricsText();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}
