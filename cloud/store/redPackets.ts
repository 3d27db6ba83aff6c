import type { PurchaseRewardRule } from '../domain/money/rewards';
import { oneRow, firstRow, type Queryable } from './store';

/*
 * Red packets: share packets paid into a group's pool, and purchase packets reserved for a buyer
 * until her order can no longer be refunded. The single writer of red_packets in TypeScript; the
 * share_item database function (migrations/008_share_item.sql, called by shareItem.ts) also
 * inserts a share's packet, because a share and its draw are one statement by design.
 *
 * Packets written before migration 011 (or by a host still on the previous version) have no
 * unlocks_at: they wait the default window from their reservation.
 */
const UNLOCKS_AT = `coalesce(r.unlocks_at, r.created_at + interval '7 days')`;

/** The sql that says when a pending packet (`r`) unlocks, for the split's queries. */
export const PACKET_UNLOCKS_AT = UNLOCKS_AT;

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

/** `where` is one of the two fixed conditions above, never built from a value. */
async function pendingPackets(db: Queryable, where: string, id: string): Promise<PendingPacket[]> {
  const rows = await db.query<{ id: string; amount_fen: number; group_id: string; unlocks_at: Date }>(
    `select r.id, r.amount_fen, r.group_id, ${UNLOCKS_AT} as unlocks_at from red_packets r
     where ${where} and r.status = 'pending' order by 4, r.id limit 100`,
    [id],
  );
  return rows.map((r) => ({
    redPacketId: r.id,
    amountFen: r.amount_fen,
    groupId: r.group_id,
    unlocksAt: r.unlocks_at,
  }));
}

/** What a group's (or a buyer's) pending packets add up to. */
export async function pendingFenOf(db: Queryable, of: { groupId: string } | { userId: string }): Promise<number> {
  const rows = await db.query<{ fen: number }>(
    'groupId' in of
      ? `select coalesce(sum(amount_fen), 0)::bigint as fen from red_packets where group_id = $1 and status = 'pending'`
      : `select coalesce(sum(amount_fen), 0)::bigint as fen from red_packets
         where user_id = $1 and kind = 'purchase' and status = 'pending'`,
    ['groupId' in of ? of.groupId : of.userId],
  );
  return oneRow(rows, 'sum of pending packets').fen;
}

export interface PurchasePacket {
  redPacketId: string;
  amountFen: number;
  groupId: string;
  lineNo: number;
}

/**
 * The purchase packets a buyer's order earned, in line order. Looked up by buyer first: her
 * purchase packets are few, and indexed.
 */
export async function purchasePacketsOfOrder(db: Queryable, orderId: string, buyerId: string): Promise<PurchasePacket[]> {
  const rows = await db.query<{ id: string; amount_fen: number; group_id: string; line_no: number }>(
    `select id, amount_fen, group_id, line_no from red_packets
     where kind = 'purchase' and user_id = $2 and order_id = $1 order by line_no`,
    [orderId, buyerId],
  );
  return rows.map((p) => ({ redPacketId: p.id, amountFen: p.amount_fen, groupId: p.group_id, lineNo: p.line_no }));
}

/** What the purchase packets (not voided) of each buyer's order add up to; buyers without any are absent. */
export async function purchasePacketFenOfOrders(
  db: Queryable,
  userIds: readonly string[],
  orderIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db.query<{ user_id: string; fen: number }>(
    `select user_id, sum(amount_fen)::bigint as fen from red_packets
     where kind = 'purchase' and status <> 'voided' and user_id = any($1::text[]) and order_id = any($2::text[])
     group by user_id`,
    [userIds, orderIds],
  );
  return new Map(rows.map((r) => [r.user_id, r.fen]));
}

export interface NewPurchasePacket {
  id: string;
  campaignId: string;
  groupId: string;
  userId: string;
  amountFen: number;
  shareId: string;
  orderId: string;
  lineNo: number;
  unlocksAt: Date;
}

/**
 * Reserves a pending purchase packet, once per buyer and share: answers false, having written
 * nothing, when the buyer already has one through this share.
 */
export async function insertPurchasePacket(tx: Queryable, packet: NewPurchasePacket, now: Date): Promise<boolean> {
  const claimed = await tx.query(
    `insert into red_packets
       (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, order_id, line_no,
        created_at, unlocks_at)
     values ($1, 'purchase', $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10)
     on conflict (user_id, share_id) where kind = 'purchase' do nothing returning id`,
    [
      packet.id,
      packet.campaignId,
      packet.groupId,
      packet.userId,
      packet.amountFen,
      packet.shareId,
      packet.orderId,
      packet.lineNo,
      now,
      packet.unlocksAt,
    ],
  );
  return claimed.length > 0;
}

export interface NewSharePacket {
  id: string;
  campaignId: string;
  groupId: string;
  userId: string;
  amountFen: number;
  shareId: string;
  itemId: string;
}

/** A share packet already paid into the pool (posted), written when the share's draw was paid outside share_item. */
export async function insertSharePacket(tx: Queryable, packet: NewSharePacket, now: Date): Promise<void> {
  await tx.query(
    `insert into red_packets
       (id, kind, campaign_id, group_id, user_id, amount_fen, status, share_id, item_id, created_at, settled_at)
     values ($1, 'share', $2, $3, $4, $5, 'posted', $6, $7, $8, $8)`,
    [packet.id, packet.campaignId, packet.groupId, packet.userId, packet.amountFen, packet.shareId, packet.itemId, now],
  );
}

/**
 * The order can no longer be refunded: its buyer's pending purchase packets unlock now at the
 * latest. Answers their sum.
 */
export async function unlockPacketsOfOrder(tx: Queryable, orderId: string, userId: string, now: Date): Promise<number> {
  const rows = await tx.query<{ fen: number }>(
    `with unlocked as (
       update red_packets r set unlocks_at = least(${UNLOCKS_AT}, $3::timestamptz)
       where r.kind = 'purchase' and r.user_id = $2 and r.order_id = $1 and r.status = 'pending' returning r.amount_fen
     ) select coalesce(sum(amount_fen), 0)::bigint as fen from unlocked`,
    [orderId, userId, now],
  );
  return oneRow(rows, 'sum of unlocked packets').fen;
}

export interface PendingLinePacket {
  id: string;
  campaign_id: string;
  amount_fen: number;
  /** The purchase-reward rule of the packet's campaign, for recomputing it on what is left of the line. */
  purchaseReward: PurchaseRewardRule;
}

/** Locks the pending purchase packet of an order line; undefined when the line has none (or it left pending). */
export async function lockPendingPacketOfLine(tx: Queryable, orderId: string, lineNo: number): Promise<PendingLinePacket | undefined> {
  const row = firstRow(
    await tx.query<{
      id: string;
      campaign_id: string;
      amount_fen: number;
      config: { purchaseReward: PurchaseRewardRule };
    }>(
      `select r.id, r.campaign_id, r.amount_fen, c.config from red_packets r join campaigns c on c.id = r.campaign_id
       where r.order_id = $1 and r.line_no = $2 and r.kind = 'purchase' and r.status = 'pending' for update of r`,
      [orderId, lineNo],
    ),
  );
  return (
    row && {
      id: row.id,
      campaign_id: row.campaign_id,
      amount_fen: row.amount_fen,
      purchaseReward: row.config.purchaseReward,
    }
  );
}

/**
 * Shrinks a pending packet to `keepFen`, or voids it when nothing is kept: a voided packet keeps
 * its amount as the record of what was voided.
 */
export async function shrinkPendingPacket(tx: Queryable, packetId: string, amountFen: number, keepFen: number, now: Date): Promise<void> {
  const voided = keepFen === 0;
  await tx.query(
    `update red_packets set amount_fen = $2::bigint, status = case when $4::boolean then 'voided' else status end,
       settled_at = case when $4::boolean then $3 else settled_at end where id = $1`,
    [packetId, voided ? amountFen : keepFen, now, voided],
  );
}

/** Marks the pending packets of these groups that the slot unlocks as posted, and answers them. */
export async function settleUnlockedPackets(
  tx: Queryable,
  groupIds: readonly string[],
  slot: Date,
  now: Date,
): Promise<Array<{ id: string; campaign_id: string; group_id: string; user_id: string; amount_fen: number }>> {
  return tx.query<{ id: string; campaign_id: string; group_id: string; user_id: string; amount_fen: number }>(
    `update red_packets r set status = 'posted', settled_at = $3
     where r.group_id = any($1::text[]) and r.status = 'pending' and ${UNLOCKS_AT} <= $2
     returning r.id, r.campaign_id, r.group_id, r.user_id, r.amount_fen`,
    [groupIds, slot, now],
  );
}
