import type { Queryable } from './store';

/** Orders per status (paid, partially_refunded, refunded), for the metrics scrape. */
export async function countOrdersByStatus(db: Queryable): Promise<Array<{ status: string; count: number }>> {
  return db.query<{ status: string; count: number }>(`select status, count(*)::int as count from orders group by status order by status`);
}
