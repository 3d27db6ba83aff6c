import type { PooledMemberJson, PooledOrderView } from '../../../contract/commerce';
import { formatYuan } from '../../utils/money';

export interface MemberMoney {
  userId: string;
  nickname: string;
  lineCount: number;
  amountFen: number;
  discountFen: number;
  payFen: number;
  /** What her own lines would save in an order of her own; null when the planner did not say. */
  standaloneDiscountFen: number | null;
  shapleyDiscountFen: number | null;
  payment: PooledMemberJson['payment'];
  /** Once placed: the purchase red packets her lines earned; null before. */
  redPacketFen: number | null;
}

const PAYMENT_TEXT = { due: '待付款', pending: '付款中', paid: '已付款', refunded: '已退款', void: '未付' } as const;

/**
 * The small print under a member's row: what she would save alone, her payment, her packets. Her
 * saving is one number, the 省 column (the discount taken off what she pays); the planner's
 * fairness reference (shapleyDiscountFen) is not shown: a second "saving" beside it only confused.
 */
export function memberNote(row: MemberMoney): string {
  return [
    row.standaloneDiscountFen !== null ? `自己单独下单能省 ${formatYuan(row.standaloneDiscountFen)}` : null,
    row.payment ? PAYMENT_TEXT[row.payment] : null,
    row.redPacketFen ? `好友分享购买红包 ${formatYuan(row.redPacketFen)}` : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

/**
 * One row per member with lines: what her lines cost, the discount the plan allocates to them,
 * what she pays, what she would save alone, and the planner's fairness reference. Members
 * without lines are left out: they have nothing to pay.
 */
export function memberMoney(view: PooledOrderView): MemberMoney[] {
  return view.members
    .filter((m) => m.lines.length > 0)
    .map((m) => {
      const planned = view.plan?.members.find((p) => p.memberId === m.userId);
      const amountFen = m.lines.reduce((sum, line) => sum + line.amountFen, 0);
      return {
        userId: m.userId,
        nickname: m.nickname,
        lineCount: m.lines.length,
        amountFen,
        discountFen: planned?.discountFen ?? 0,
        payFen: m.dueFen ?? planned?.payFen ?? amountFen,
        standaloneDiscountFen: planned?.standaloneDiscountFen ?? null,
        shapleyDiscountFen: planned?.shapleyDiscountFen ?? null,
        payment: m.payment,
        redPacketFen: m.redPacketFen,
      };
    });
}

export type ConfirmState =
  | { kind: 'can_pay'; dueFen: number }
  | { kind: 'pending'; dueFen: number }
  | { kind: 'paid' }
  | { kind: 'no_lines' }
  | { kind: 'no_saving' }
  | { kind: 'closed' };

/**
 * Whether the viewer can confirm and pay now, and how much; or her payment is on its way at
 * WeChat Pay or Alipay (pending: she may finish it), or done.
 */
export function confirmStateOf(view: PooledOrderView, userId: string | null, nowMs: number): ConfirmState {
  const { status, deadline } = view.pooledOrder;
  const me = view.members.find((m) => m.userId === userId);
  if (me?.payment === 'paid' || me?.payment === 'refunded') return { kind: 'paid' };
  if ((status !== 'open' && status !== 'confirming') || new Date(deadline).getTime() <= nowMs) return { kind: 'closed' };
  if (!me || me.lines.length === 0) return { kind: 'no_lines' };
  if (me.payment === 'pending') return { kind: 'pending', dueFen: me.dueFen ?? 0 };
  if (status === 'open' && (!view.plan || view.plan.totalDiscountFen === 0)) return { kind: 'no_saving' };
  const due = me.dueFen ?? view.plan?.members.find((p) => p.memberId === userId)?.payFen;
  return due === undefined ? { kind: 'no_lines' } : { kind: 'can_pay', dueFen: due };
}

/** The banner for the order's state. */
export function pooledStatusText(view: PooledOrderView): { tone: 'open' | 'good' | 'bad'; title: string; detail: string } {
  const waiting = view.members.filter((m) => m.payment === 'due' || m.payment === 'pending').map((m) => m.nickname);
  switch (view.pooledOrder.status) {
    case 'open':
      return { tone: 'open', title: '拼单进行中', detail: '大家把想买的加进来，凑满券的门槛一起省；有人确认付款后商品就不能再改了' };
    case 'confirming':
      return {
        tone: 'open',
        title: '等大家付款',
        detail: waiting.length ? `还在等：${waiting.join('、')}。截止前都付了才会下单，否则全额退款` : '都付好了，正在下单',
      };
    case 'placed':
      return { tone: 'good', title: '已下单', detail: '大家都付款了，订单已提交给商家' };
    case 'expired':
      return { tone: 'bad', title: '拼单已截止', detail: '截止前没有凑齐付款，没有下单；已付的钱全额退回，券也还给了大家' };
  }
}

/**
 * What the payer sees after paying: her amount, and when her payment placed the orders and she
 * bought items groupmates shared, the purchase red packets it earned (they join the group's pool
 * at the next split).
 */
export function paidNotice(reply: {
  paidFen: number;
  redPackets: ReadonlyArray<{ amountFen: number }>;
}): { toast: string } | { title: string; content: string } {
  const packetsFen = reply.redPackets.reduce((sum, p) => sum + p.amountFen, 0);
  if (packetsFen === 0) return { toast: `已支付 ${formatYuan(reply.paidFen)}` };
  return {
    title: '好友分享购买红包',
    content: `已支付 ${formatYuan(reply.paidFen)}，拼单已下单。你买了好友分享的商品，获得红包 ${formatYuan(packetsFen)}，退货期过后放入群红包池，之后随瓜分到账`,
  };
}
