import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../contract/errors';
import { CloudError, unauthorized } from '../errors';
import { paramsError } from '../functions/validation';
import { orderEventSchema } from '../functions/money/orderEvents';
import { recordCompleted, recordPaidOrder, recordRefund } from '../workflows/orders';
import type { HostDeps } from './context';
import { parseJsonBody } from './jsonBody';

/** How far an event's timestamp may be from the server clock (replayed old events are refused). */
export const HOOK_REPLAY_WINDOW_MS = 5 * 60 * 1000;

export function hookSignature(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * `POST /hooks/orders`: paid, refunded and completed events from the host's order system, signed with
 * HMAC-SHA256 over the raw body. Checked in this order: signature (401), JSON and shape (142),
 * timestamp within the replay window (142), then the event itself — a repeated event is
 * refused with 137 and changes nothing.
 */
export async function registerHookRoutes(app: FastifyInstance, deps: HostDeps): Promise<void> {
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    hooks.post('/hooks/orders', async (request) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['x-hook-signature'];
      if (!signatureMatches(hookSignature(deps.config.hookSecret, raw), Array.isArray(signature) ? signature[0] : signature)) {
        throw unauthorized();
      }
      // The same body rules as the API's (NUL, nesting, __proto__), so no event can reach the
      // database with text PostgreSQL refuses.
      const body = parseJsonBody(raw);
      if (!body.ok) throw body.error;
      const parsed = orderEventSchema.safeParse(body.value);
      if (!parsed.success) throw paramsError(parsed.error);
      const event = parsed.data;
      const now = deps.clock.now();
      if (Math.abs(now.getTime() - event.timestamp) > HOOK_REPLAY_WINDOW_MS) {
        throw new CloudError(
          ErrorCode.INVALID_PARAMS,
          `timestamp is outside the ${HOOK_REPLAY_WINDOW_MS / 60000}-minute replay window; sign and send a fresh event`,
        );
      }
      if (event.type === 'paid') {
        const result = await recordPaidOrder(deps.store, event, 'webhook', now);
        return { ok: true, orderId: result.orderId, redPackets: result.redPackets.length };
      }
      if (event.type === 'completed') return { ok: true, ...(await recordCompleted(deps.store, event, now)) };
      const refundKey = `${event.orderId}:${event.refundId ?? crypto.createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
      const result = await recordRefund(deps.store, event, refundKey, now);
      return { ok: true, ...result };
    });
  });
}
