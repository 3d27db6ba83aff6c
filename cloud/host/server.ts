import fs from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
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
import { registerProductImageRoutes } from './productImages';
import { capConnectionsPerAddress, corsOrigin, registerHealthRoutes, registerSecurityHeaders, serverOptions } from './defences';
import { LoginRateLimited } from './loginLimits';

/** Largest request body the host reads (the biggest legitimate one is a 1,000-user import). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Headers the SDK sends from a browser; the H5 build's preflight must allow all of them. */
const LC_HEADERS = ['content-type', 'x-lc-id', 'x-lc-sign', 'x-lc-key', 'x-lc-session', 'x-lc-ua', 'x-lc-prod', 'x-lc-hooks'];

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The HTTP host: LeanCloud REST 1.1 subset, CORS, and the H5 build on the same origin. */
export async function buildServer(deps: HostDeps, options: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? process.env.LOG_LEVEL ?? 'warn' },
    bodyLimit: BODY_LIMIT_BYTES,
    // Keep-alive connections must not outlive a graceful shutdown by much.
    forceCloseConnections: 'idle',
    ...serverOptions(deps.config),
  });
  capConnectionsPerAddress(app.server, deps.config.maxConnectionsPerAddress);
  registerSecurityHeaders(app, [deps.config.h5Dir, deps.config.consoleDir]);

  // The SDK always sends JSON, sometimes labelled text/plain (browsers avoiding a preflight).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => {
    const parsed = parseJsonBody(body as string);
    if (parsed.ok) done(null, parsed.value);
    else done(parsed.error, undefined);
  });

  await app.register(cors, { origin: corsOrigin(deps.config), allowedHeaders: LC_HEADERS, methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'], maxAge: 86_400 });

  app.decorateRequest('isMaster', false);
  app.addHook('onRequest', async (request) => {
    // `GET /1.1/date` is the readiness probe: it answers without credentials.
    if (!request.url.startsWith('/1.1/') || request.method === 'OPTIONS' || request.url === '/1.1/date') return;
    const auth = authenticateApp(
      { id: header(request, 'x-lc-id'), sign: header(request, 'x-lc-sign'), key: header(request, 'x-lc-key') },
      deps.config,
      deps.clock.now().getTime(),
    );
    request.isMaster = auth.isMaster;
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

  const runFunction = async (request: FastifyRequest<{ Params: { name: string } }>, params: unknown) => {
    const token = sessionToken(request);
    return invokeFunction(
      deps.functions,
      request.params.name,
      params,
      { isMaster: request.isMaster, user: await resolveSessionUser(deps, token), sessionToken: token },
      deps,
    );
  };

  app.post<{ Params: { name: string } }>('/1.1/functions/:name', async (request) => ({
    result: await runFunction(request, request.body),
  }));

  app.post<{ Params: { name: string } }>('/1.1/call/:name', async (request) => ({
    result: encodeRpcResult(await runFunction(request, decodeRpcParams(request.body))),
  }));

  registerUserRoutes(app, deps);
  await registerHookRoutes(app, deps);
  registerProductImageRoutes(app, deps);

  app.all('/1.1/*', async (request) => {
    throw new CloudError(101, `No such endpoint: ${request.method} ${request.url.split('?')[0]}`);
  });

  if (fs.existsSync(deps.config.consoleDir)) {
    await app.register(fastifyStatic, { root: deps.config.consoleDir, prefix: '/console/', index: 'index.html', decorateReply: false, redirect: true });
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
