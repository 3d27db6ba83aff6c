import type { PaymentJson, WechatPayParams } from '../../contract/payments';
import type { CashierOutcome } from '../utils/cashierOutcome';
import {
  checkPayment,
  PAYMENT_CHECK_INTERVAL_MS,
  PAYMENT_CHECK_LIMIT_MS,
  payAgain,
  phaseOfCallError,
  settlePayment,
  type PayPhase,
  type PaymentDeps,
} from './payment';

const START = Date.parse('2026-11-11T12:00:00.000Z');
const PARAMS: WechatPayParams = {
  timeStamp: '1793448000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
};

function payment(overrides: Partial<PaymentJson> = {}): PaymentJson {
  return {
    paymentId: 'pay1',
    provider: 'wechatpay',
    status: 'pending',
    amountFen: 6_900,
    walletFen: 0,
    expiresAt: '2026-11-11T12:15:00.000Z',
    params: PARAMS,
    purpose: 'group_buy',
    targetId: 'b1',
    createdAt: '2026-11-11T12:00:00.000Z',
    paidAt: null,
    refundedFen: 0,
    ...overrides,
  };
}

/**
 * A cashier and a server that answer from scripts, on a clock that moves only when the flow
 * waits: no timers, no sleeping.
 */
function fakes(options: { cashier?: CashierOutcome[]; server?: Array<PaymentJson | Error> } = {}) {
  let now = START;
  const cashier = [...(options.cashier ?? [])];
  const server = [...(options.server ?? [])];
  const cashierCalls: unknown[] = [];
  const phases: PayPhase['kind'][] = [];
  let questions = 0;
  const deps: PaymentDeps = {
    openCashier: async (params) => {
      cashierCalls.push(params);
      return cashier.shift() ?? { kind: 'finished' };
    },
    getPayment: async () => {
      questions += 1;
      const next = server.length > 1 ? server.shift()! : server[0];
      if (!next) return payment();
      if (next instanceof Error) throw next;
      return next;
    },
    now: () => now,
    wait: async (ms) => {
      now += ms;
    },
    stopped: () => false,
  };
  return {
    deps,
    show: (phase: PayPhase) => phases.push(phase.kind),
    cashierCalls,
    phases,
    questions: () => questions,
    elapsed: () => now - START,
    setNow: (ms: number) => {
      now = ms;
    },
  };
}

const cloudError = (code: number) => Object.assign(new Error('refused'), { code });

describe('settling an answered payment', () => {
  it('finishes at once when the payment came back paid (the demo provider, or all from the wallet)', async () => {
    const f = fakes();
    const end = await settlePayment(payment({ status: 'paid', params: null }), f.deps, f.show);
    expect(end.kind).toBe('paid');
    expect(f.cashierCalls).toHaveLength(0);
    expect(f.questions()).toBe(0);
  });

  it('hands the server’s params to the cashier as they are, then asks until paid', async () => {
    const f = fakes({ server: [payment(), payment(), payment({ status: 'paid', paidAt: '2026-11-11T12:00:04.000Z' })] });
    const end = await settlePayment(payment(), f.deps, f.show);
    expect(f.cashierCalls).toEqual([PARAMS]);
    expect(end.kind).toBe('paid');
    expect(f.phases).toEqual(['cashier', 'checking']);
    expect(f.questions()).toBe(3);
    // The first question goes out at once; the next ones an interval apart.
    expect(f.elapsed()).toBe(2 * PAYMENT_CHECK_INTERVAL_MS);
  });

  it('stops asking after the limit and says the result is not known yet', async () => {
    const f = fakes();
    const end = await settlePayment(payment(), f.deps, f.show);
    expect(end.kind).toBe('unconfirmed');
    expect(f.elapsed()).toBeGreaterThanOrEqual(PAYMENT_CHECK_LIMIT_MS);
    expect(f.elapsed()).toBeLessThan(PAYMENT_CHECK_LIMIT_MS + 2 * PAYMENT_CHECK_INTERVAL_MS);
    expect(f.questions()).toBeLessThanOrEqual(PAYMENT_CHECK_LIMIT_MS / PAYMENT_CHECK_INTERVAL_MS + 1);
  });

  it('keeps asking through a network blip, and stops on a closed payment', async () => {
    const blip = fakes({ server: [cloudError(-1), payment({ status: 'paid' })] });
    expect((await settlePayment(payment(), blip.deps, blip.show)).kind).toBe('paid');
    const closed = fakes({ server: [payment({ status: 'closed', params: null })] });
    expect(await settlePayment(payment(), closed.deps, closed.show)).toEqual({ kind: 'closed', message: '支付已关闭，请重新下单' });
    const gone = fakes({ server: [cloudError(4040)] });
    expect((await settlePayment(payment(), gone.deps, gone.show)).kind).toBe('closed');
  });

  it('stops when the shopper cancels or the cashier fails, keeping the payment to pay again', async () => {
    const cancelled = fakes({ cashier: [{ kind: 'cancelled' }] });
    expect(await settlePayment(payment(), cancelled.deps, cancelled.show)).toEqual({ kind: 'cancelled', payment: payment() });
    expect(cancelled.questions()).toBe(0);
    const failed = fakes({ cashier: [{ kind: 'failed', message: '支付没有完成，请重新支付' }] });
    expect(await settlePayment(payment(), failed.deps, failed.show)).toMatchObject({ kind: 'failed', message: '支付没有完成，请重新支付' });
  });

  it('asks the server when a pending payment has nothing for a cashier', async () => {
    const f = fakes({ server: [payment({ status: 'paid', params: null })] });
    expect((await settlePayment(payment({ params: null }), f.deps, f.show)).kind).toBe('paid');
    expect(f.cashierCalls).toHaveLength(0);
  });

  it('ends a closed or refunded payment with a way to start again', async () => {
    const f = fakes();
    expect(await settlePayment(payment({ status: 'closed', params: null }), f.deps, f.show)).toEqual({
      kind: 'closed',
      message: '支付已关闭，请重新下单',
    });
    expect((await settlePayment(payment({ status: 'refunded', params: null }), f.deps, f.show)).kind).toBe('closed');
  });
});

describe('paying again', () => {
  it('opens the cashier again with the same params while the payment is pending', async () => {
    const f = fakes({ server: [payment({ params: null }), payment({ status: 'paid' })] });
    const end = await payAgain(payment(), f.deps, f.show);
    expect(end.kind).toBe('paid');
    expect(f.cashierCalls).toEqual([PARAMS]);
  });

  it('does not open the cashier for a payment that was paid or closed meanwhile', async () => {
    const paid = fakes({ server: [payment({ status: 'paid', params: null })] });
    expect((await payAgain(payment(), paid.deps, paid.show)).kind).toBe('paid');
    expect(paid.cashierCalls).toHaveLength(0);
    const closed = fakes({ server: [payment({ status: 'closed', params: null })] });
    expect((await payAgain(payment(), closed.deps, closed.show)).kind).toBe('closed');
    expect(closed.cashierCalls).toHaveLength(0);
  });

  it('calls a payment past its expiry closed without asking anyone', async () => {
    const f = fakes();
    f.setNow(Date.parse('2026-11-11T12:15:00.000Z'));
    expect((await payAgain(payment(), f.deps, f.show)).kind).toBe('closed');
    expect(f.questions()).toBe(0);
    expect(f.cashierCalls).toHaveLength(0);
  });

  it('still opens the cashier when the server could not be asked', async () => {
    const f = fakes({ server: [cloudError(-1), payment({ status: 'paid' })] });
    expect((await payAgain(payment(), f.deps, f.show)).kind).toBe('paid');
    expect(f.cashierCalls).toEqual([PARAMS]);
  });

  it('uses the server’s params for a payment found again without them', async () => {
    const f = fakes({ server: [payment(), payment({ status: 'paid' })] });
    await payAgain(payment({ params: null }), f.deps, f.show);
    expect(f.cashierCalls).toEqual([PARAMS]);
  });
});

describe('refused calls', () => {
  it('maps 4042 to a retry with the same request, 4040 to starting again, others to the server’s words', () => {
    expect(phaseOfCallError({ code: 4042, message: 'provider down' })).toEqual({ kind: 'unavailable' });
    expect(phaseOfCallError({ code: 4040, message: 'closed' })).toEqual({ kind: 'closed', message: '支付已关闭，请重新下单' });
    expect(phaseOfCallError({ code: 4030, message: '这个团已经满了' })).toEqual({ kind: 'refused', message: '这个团已经满了' });
    expect(phaseOfCallError({ code: -1, message: 'x' })).toEqual({ kind: 'refused', message: '网络连接失败，请检查网络后重试' });
  });

  it('checks once more on demand', async () => {
    const f = fakes({ server: [payment({ status: 'paid' })] });
    expect((await checkPayment(payment(), f.deps, f.show)).kind).toBe('paid');
  });
});
