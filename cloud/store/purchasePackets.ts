import type { Queryable } from './store';

/*
 * Orders' completion and purchase packets waiting for their unlock. Packets written before
 * migration 011 (or by a host still on the previous version) have no unlocks_at: they wait the
 * default window from their reservation.
 */
const UNLOCKS_AT = `coalesce(r.unlocks_at, r.created_at + interval '7 days')`;

/** Advisory-lock namespace of checkout request keys (two-int keys never meet one-bigint keys). */
const CHECKOUT_LOCK_SPACE = 7411;

/**
 * Serialises the transactions of one checkout request until commit: a retry that arrives while
 * the first attempt is still running waits for it here, then finds its stored order.
 */
export async function lockCheckoutRequest(tx: Queryable, key: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1::int, hashtext($2)) is null as locked', [CHECKOUT_LOCK_SPACE, key]);
}

export async function findOrderTotal(db: Queryable, orderId: string): Promise<number | undefined> {
  const [row] = await db.query<{ total_fen: number }>('select total_fen from orders where id = $1', [orderId]);
  return row?.total_fen;
}

export type CompleteOrderOutcome =
  | { status: 'not_found' | 'other_user' | 'duplicate' }
  | { status: 'completed'; unlockedFen: number };

/**
 * The order system says an order can no longer be refunded: its pending purchase packets unlock
 * now (the next split takes them). Once per order.
 */
export async function completeOrder(tx: Queryable, orderId: string, userId: string, now: Date): Promise<CompleteOrderOutcome> {
  const [order] = await tx.query<{ user_id: string; completed_at: Date | null }>('select user_id, completed_at from orders where id = $1 for update', [orderId]);
  if (!order) return { status: 'not_found' };
  if (order.user_id !== userId) return { status: 'other_user' };
  if (order.completed_at) return { status: 'duplicate' };
  await tx.query('update orders set completed_at = $2 where id = $1', [orderId, now]);
  const [unlocked] = await tx.query<{ fen: number }>(
    `with unlocked as (
       update red_packets r set unlocks_at = least(${UNLOCKS_AT}, $3::timestamptz)
       where r.kind = 'purchase' and r.user_id = $2 and r.order_id = $1 and r.status = 'pending' returning r.amount_fen
     ) select coalesce(sum(amount_fen), 0)::bigint as fen from unlocked`,
    [orderId, userId, now],
  );
  return { status: 'completed', unlockedFen: unlocked.fen };
}

export interface PendingPacket {
  redPacketId: string;
  amountFen: number;
  groupId: string;
  unlocksAt: Date;
}

/** A group's pending purchase packets, soonest unlock first. */
export async function pendingPacketsOfGroup(db: Queryable, groupId: string): Promise<PendingPacket[]> {
  return pendingPackets(db, 'r.group_id = $1', groupId);
}

/** The purchase packets a buyer earned that still wait for their unlock, soonest first. */
export async function pendingPacketsOfBuyer(db: Queryable, userId: string): Promise<PendingPacket[]> {
  return pendingPackets(db, `r.user_id = $1 and r.kind = 'purchase'`, userId);
}

async function pendingPackets(db: Queryable, where: string, id: string): Promise<PendingPacket[]> {
  const rows = await db.query<{ id: string; amount_fen: number; group_id: string; unlocks_at: Date }>(
    `select r.id, r.amount_fen, r.group_id, ${UNLOCKS_AT} as unlocks_at from red_packets r
     where ${where} and r.status = 'pending' order by 4, r.id limit 100`,
    [id],
  );
  return rows.map((r) => ({ redPacketId: r.id, amountFen: r.amount_fen, groupId: r.group_id, unlocksAt: r.unlocks_at }));
}

/** What a group's (or a buyer's) pending packets add up to. */
export async function pendingFenOf(db: Queryable, of: { groupId: string } | { userId: string }): Promise<number> {
  const [row] = await db.query<{ fen: number }>(
    'groupId' in of
      ? `select coalesce(sum(amount_fen), 0)::bigint as fen from red_packets where group_id = $1 and status = 'pending'`
      : `select coalesce(sum(amount_fen), 0)::bigint as fen from red_packets where user_id = $1 and kind = 'purchase' and status = 'pending'`,
    ['groupId' in of ? of.groupId : of.userId],
  );
  return row.fen;
}

/** The sql that says when a pending packet (`r`) unlocks, for the split's queries. */
export const PACKET_UNLOCKS_AT = UNLOCKS_AT;
