/** The wire shapes of coupons, deals, group buys and pooled orders (contract/commerce.ts), built from store rows. */
import type {
  CouponTemplateJson,
  DealJson,
  GroupBuyJson,
  PooledOrderJson,
  PooledOrderSummaryJson,
  UserCouponJson,
} from '../../../contract/commerce';
import type { CouponTemplateRow, UserCouponRow } from '../../store/coupons';
import { listDealsByIds, listMembersOfGroupBuys, type DealRow, type GroupBuyMemberRow, type GroupBuyRow } from '../../store/groupBuys';
import type { PooledOrderRow, PooledOrderSummaryRow } from '../../store/pooledOrders';
import { generatedImagePath } from '../../store/products';
import type { Queryable } from '../../store/store';

export function templateJson(row: CouponTemplateRow, heldCount: number): CouponTemplateJson {
  return {
    templateId: row.id,
    kind: row.kind,
    title: row.title,
    shopName: row.shop_name,
    thresholdFen: row.threshold_fen,
    discountFen: row.discount_fen,
    percentOff: row.percent_off,
    capFen: row.cap_fen,
    stockTotal: row.stock_total,
    stockLeft: row.stock,
    perUserLimit: row.per_user_limit,
    heldCount,
    claimEndsAt: row.claim_ends_at?.toISOString() ?? null,
    validUntil: row.valid_until?.toISOString() ?? null,
    validDays: row.valid_days,
  };
}

export function userCouponJson(row: UserCouponRow): UserCouponJson {
  return {
    couponId: row.id,
    templateId: row.template_id,
    kind: row.kind,
    title: row.title,
    shopName: row.shop_name,
    thresholdFen: row.threshold_fen,
    discountFen: row.discount_fen,
    percentOff: row.percent_off,
    capFen: row.cap_fen,
    status: row.status,
    validFrom: row.valid_from?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    pooledOrderId: row.pooled_order_id,
    claimedAt: row.claimed_at.toISOString(),
  };
}

export function dealJson(row: DealRow): DealJson {
  return {
    dealId: row.id,
    product: {
      productId: row.product_id,
      title: row.title,
      shopName: row.shop_name,
      priceFen: row.price_fen,
      imageUrl: row.image_url ?? generatedImagePath(row.product_id),
    },
    groupPriceFen: row.group_price_fen,
    leaderPriceFen: row.leader_price_fen,
    size: row.size,
    timeLimitHours: row.time_limit_hours,
    virtualCompletion: row.virtual_completion,
  };
}

export async function groupBuyJson(db: Queryable, row: GroupBuyRow): Promise<GroupBuyJson> {
  const [json] = await groupBuysJson(db, [row]);
  return json!;
}

/** Several buys with their deals and members in two statements, whatever their number. */
export async function groupBuysJson(db: Queryable, rows: readonly GroupBuyRow[]): Promise<GroupBuyJson[]> {
  if (rows.length === 0) return [];
  const deals = await listDealsByIds(db, [...new Set(rows.map((r) => r.deal_id))]);
  const dealById = new Map(deals.map((d) => [d.id, d]));
  const members = await listMembersOfGroupBuys(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const deal = dealById.get(row.deal_id);
    if (!deal) throw new Error(`group buy ${row.id} has no deal ${row.deal_id}`);
    return toGroupBuyJson(
      row,
      deal,
      members.filter((m) => m.group_buy_id === row.id),
    );
  });
}

function toGroupBuyJson(row: GroupBuyRow, deal: DealRow, members: readonly GroupBuyMemberRow[]): GroupBuyJson {
  return {
    groupBuyId: row.id,
    deal: dealJson(deal),
    leaderId: row.leader_id,
    status: row.status,
    outcome: row.outcome,
    size: row.size,
    seatsTaken: row.seats_taken,
    // A seat whose payment closed unpaid was given back: she is not a member (she may join again).
    members: members.flatMap((m) =>
      m.status === 'released'
        ? []
        : [
            {
              userId: m.user_id,
              nickname: m.nickname,
              role: m.user_id === row.leader_id ? ('leader' as const) : ('member' as const),
              paidFen: m.amount_fen,
              status: m.status,
              joinedAt: m.joined_at.toISOString(),
            },
          ],
    ),
    paidCount: members.filter((m) => m.status === 'paid').length,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

export function pooledOrderJson(row: PooledOrderRow): PooledOrderJson {
  return {
    pooledOrderId: row.id,
    groupId: row.group_id,
    createdBy: row.created_by,
    deadline: row.deadline.toISOString(),
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export function pooledOrderSummaryJson(row: PooledOrderSummaryRow): PooledOrderSummaryJson {
  return {
    ...pooledOrderJson(row),
    creatorNickname: row.creator_nickname,
    lineCount: row.line_count,
    memberCount: row.member_count,
    totalAmountFen: Number(row.total_amount_fen),
  };
}
