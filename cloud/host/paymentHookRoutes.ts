import type { FastifyInstance } from 'fastify';
import { paymentCallDeps } from '../workflows/paymentCalls';
import { handleNotification } from '../workflows/paymentNotifications';
import type { HostDeps } from './context';

/**
 * `POST /hooks/wechatpay` and `POST /hooks/alipay`: the providers' notifications, verified and
 * applied once (cloud/workflows/paymentNotifications.ts). The answers are each provider's own:
 * WeChat reads 204 as handled and `401 {"code":"FAIL"}` as refused; Alipay reads the plain text
 * `success` or `fail`. Anything unexpected answers 500, so the provider sends it again later.
 */
export async function registerPaymentHookRoutes(app: FastifyInstance, deps: HostDeps): Promise<void> {
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));
    for (const provider of ['wechatpay', 'alipay'] as const) {
      hooks.post(`/hooks/${provider}`, async (request, reply) => {
        if (!deps.payments.has(provider))
          return reply.code(404).send({ code: 'NOT_FOUND', message: `${provider} is not enabled on this host` });
        const raw = typeof request.body === 'string' ? request.body : '';
        const outcome = await handleNotification(paymentCallDeps(deps), provider, request.headers, raw, deps.clock.now());
        if (provider === 'wechatpay') {
          return outcome.ok ? reply.code(204).send() : reply.code(401).send({ code: 'FAIL', message: outcome.reason });
        }
        return reply
          .code(200)
          .type('text/plain')
          .send(outcome.ok ? 'success' : 'fail');
      });
    }
  });
}
