import { useEffect, useRef, useState } from 'react';
import type { SubscribeTopic } from '../../contract/notifications';
import type { PaymentJson, PaymentPurpose } from '../../contract/payments';
import { callFunction, toCloudError } from '../services/api';
import { openCashier } from '../services/cashier';
import { askToSubscribe, loadSubscribeTemplates } from '../services/subscribe';
import { userMessage } from '../utils/errorMessage';
import { checkPayment, payAgain, phaseOfCallError, settlePayment, type PayPhase, type PaymentDeps } from '../services/payment';

/** Phases during which the page must not start anything else with money. */
const BUSY: ReadonlyArray<PayPhase['kind']> = ['ordering', 'cashier', 'checking'];

/**
 * The payment step of a page that takes money (open a group buy, join one, pay a pooled part):
 * `pay(call)` runs the money-taking call, opens the platform cashier when the payment needs one,
 * and watches it until paid; `retry()` does what the current phase offers (the cashier again with
 * the same params, the same call again after 4042 — the caller's requestId is unchanged because
 * its key is forgotten only after an answer — or one more look); `resume(purpose, targetId)` picks
 * up a payment left open earlier. `onPaid` runs once a payment is paid; `onSettled` after every end.
 * `subscribe` names the notices she is asked to receive as WeChat messages when she taps to pay
 * (the request must come within the tap, so it is made first; the payment waits for her answer).
 */
export function usePayment(options: {
  onPaid: (payment: PaymentJson) => unknown;
  onSettled?: () => unknown;
  subscribe?: readonly SubscribeTopic[];
}) {
  const [phase, setPhase] = useState<PayPhase>({ kind: 'idle' });
  const callRef = useRef<(() => Promise<PaymentJson>) | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const gone = useRef(false);
  useEffect(() => {
    loadSubscribeTemplates();
    gone.current = false;
    return () => {
      gone.current = true;
    };
  }, []);

  const deps: PaymentDeps = {
    openCashier,
    getPayment: async (paymentId) => (await callFunction('getPayment', { paymentId })).payment,
    now: () => Date.now(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    stopped: () => gone.current,
  };
  const show = (next: PayPhase) => {
    if (!gone.current) setPhase(next);
  };

  const end = async (final: PayPhase) => {
    show(final);
    if (gone.current) return;
    if (final.kind === 'paid') await optionsRef.current.onPaid(final.payment);
    await optionsRef.current.onSettled?.();
  };

  const run = async (call: () => Promise<PaymentJson>) => {
    const asked = askToSubscribe(optionsRef.current.subscribe ?? []);
    callRef.current = call;
    show({ kind: 'ordering' });
    await asked;
    let payment: PaymentJson;
    try {
      payment = await call();
    } catch (error) {
      await end(phaseOfCallError(toCloudError(error)));
      return;
    }
    await end(await settlePayment(payment, deps, show));
  };

  const retry = async () => {
    switch (phase.kind) {
      case 'unavailable':
        if (callRef.current) await run(callRef.current);
        return;
      case 'cancelled':
      case 'failed':
        await end(await payAgain(phase.payment, deps, show));
        return;
      case 'unconfirmed':
        await end(await checkPayment(phase.payment, deps, show));
        return;
      default:
        return;
    }
  };

  const resume = async (purpose: PaymentPurpose, targetId: string) => {
    show({ kind: 'ordering' });
    let open: PaymentJson | undefined;
    try {
      const { payments } = await callFunction('myPayments', {});
      open = payments.find((p) => p.purpose === purpose && p.targetId === targetId && p.status === 'pending');
    } catch (error) {
      await end({ kind: 'refused', message: userMessage(toCloudError(error)) });
      return;
    }
    if (!open) {
      await end({ kind: 'closed', message: '没有找到待支付的订单，可能已经付好或关闭了，请刷新看看' });
      return;
    }
    await end(await payAgain(open, deps, show));
  };

  return {
    phase,
    busy: BUSY.includes(phase.kind),
    pay: run,
    retry,
    resume,
    reset: () => show({ kind: 'idle' }),
  };
}
