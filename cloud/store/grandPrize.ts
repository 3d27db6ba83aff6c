import type { Eligible } from '../domain/money/grandPrize';
import { firstRow, oneRow, type Queryable } from './store';

/*
 * The grand prize: the published commitment and draw of each campaign, and its secret seed. The
 * single writer of both tables.
 */

export interface PaidWinner extends Eligible {
  prizeFen: number;
  paidFen: number;
}

export interface DrawRow {
  seed_hash: string;
  seed: string | null;
  committed_at: Date;
  drawn_at: Date | null;
  eligible: Eligible[] | null;
  winners: PaidWinner[] | null;
}

/**
 * Commits a campaign to a seed by its hash, once: a campaign already committed keeps its seed.
 * The seed stays secret until the draw; it is kept in a side table only the host reads, and only
 * when the commitment written is this seed's.
 */
export async function commitSeed(db: Queryable, campaignId: string, seed: string, seedHash: string, now: Date): Promise<void> {
  await db.query(
    `insert into grand_prize_draws (campaign_id, seed_hash, seed, committed_at) values ($1, $2, null, $3)
     on conflict (campaign_id) do nothing`,
    [campaignId, seedHash, now],
  );
  await db.query(
    `insert into grand_prize_seeds (campaign_id, seed) select $1, $2 where exists
       (select 1 from grand_prize_draws where campaign_id = $1 and seed_hash = $3) on conflict do nothing`,
    [campaignId, seed, seedHash],
  );
}

/** The campaign's commitment (and draw, once drawn); undefined before the commitment. `forUpdate` locks it. */
export async function findDraw(db: Queryable, campaignId: string, forUpdate = false): Promise<DrawRow | undefined> {
  const sql = forUpdate
    ? 'select * from grand_prize_draws where campaign_id = $1 for update'
    : 'select * from grand_prize_draws where campaign_id = $1';
  return firstRow(await db.query<DrawRow>(sql, [campaignId]));
}

/** The secret seed of a committed campaign (written with its commitment). */
export async function seedOf(db: Queryable, campaignId: string): Promise<string> {
  return oneRow(
    await db.query<{ seed: string }>('select seed from grand_prize_seeds where campaign_id = $1', [campaignId]),
    'grand prize seed',
  ).seed;
}

/** Publishes the draw: the seed, the eligible list and the winners with what each was paid. */
export async function recordDraw(
  tx: Queryable,
  campaignId: string,
  draw: { seed: string; eligible: readonly Eligible[]; winners: readonly PaidWinner[] },
  now: Date,
): Promise<DrawRow> {
  const rows = await tx.query<DrawRow>(
    `update grand_prize_draws set seed = $2, drawn_at = $3, eligible = $4, winners = $5
     where campaign_id = $1 returning *`,
    [campaignId, draw.seed, now, JSON.stringify(draw.eligible), JSON.stringify(draw.winners)],
  );
  return oneRow(rows, `grand prize draw of ${campaignId}`);
}

/**
 * Who may win a campaign's grand prize: members who put items on their Double 11 list and bought,
 * during the campaign, items their groupmates shared (on a line not wholly refunded); each with
 * their net order amount in the campaign after refunds, when positive. In user id order, the
 * order the draw's indices count in.
 */
export async function grandPrizeEligible(db: Queryable, campaign: { startsAt: Date; endsAt: Date }): Promise<Eligible[]> {
  return db.query<Eligible>(
    `select o.user_id as "userId", sum(o.total_fen - o.refunded_fen)::bigint as "netFen"
     from orders o
     where o.paid_at >= $1 and o.paid_at < $2
       and exists (select 1 from wishlist_items w where w.added_by = o.user_id and w.list = 'double11')
       and exists (
         select 1 from orders o2
         join order_lines l on l.order_id = o2.id
         join item_shares s on s.id = l.share_id
         join group_members m on m.group_id = s.group_id and m.user_id = o2.user_id
         where o2.user_id = o.user_id and s.user_id <> o2.user_id and l.refunded_qty < l.qty
           and o2.paid_at >= $1 and o2.paid_at < $2)
     group by o.user_id
     having sum(o.total_fen - o.refunded_fen) > 0
     order by o.user_id`,
    [campaign.startsAt, campaign.endsAt],
  );
}
