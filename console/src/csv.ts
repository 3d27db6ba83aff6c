import type { CampaignStatsJson } from '../../contract/campaigns';
import { formatFen } from './money';

type Daily = CampaignStatsJson['daily'][number];

/**
 * One CSV field: quoted when it holds a comma, quote or line break. Text that a spreadsheet would
 * run as a formula (a nickname typed as "=HYPERLINK(…)") gets a leading apostrophe; numbers,
 * negative ones included, stay numbers.
 */
function field(value: string | number): string {
  const raw = String(value);
  const text = /^[=+\-@\t\r]/.test(raw) && !/^-?\d+(\.\d+)?$/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header and rows as CSV text, CRLF line ends (what spreadsheet apps expect). */
export function csvText(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The daily numbers as CSV (money in yuan with two decimals, straight from integer fen). */
export function dailyCsv(daily: Daily[]): string {
  const header = [
    'date',
    'groups_created',
    'groups_active',
    'shares',
    'purchases_through_shares',
    'red_packets_issued',
    'split_yuan',
    'budget_spent_yuan',
    'budget_spent_cumulative_yuan',
    'budget_plan_cumulative_yuan',
  ];
  const rows = withSpentThatDay(daily).map(({ day: d, spentFen }) => [
    d.date,
    d.groupsCreated,
    d.groupsActive,
    d.shares,
    d.purchasesThroughShares,
    d.redPacketsIssued,
    formatFen(d.splitFen, { grouping: false }),
    formatFen(spentFen, { grouping: false }),
    formatFen(d.budgetSpentFen, { grouping: false }),
    formatFen(d.budgetPlanFen, { grouping: false }),
  ]);
  return csvText(header, rows);
}

/** Starts a browser download of `text` (no server round trip). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM so that spreadsheet apps read the UTF-8 correctly.
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Each day with the budget spent that day, from the running total the stats give. */
export function withSpentThatDay<T extends { budgetSpentFen: number }>(daily: readonly T[]): Array<{ day: T; spentFen: number }> {
  let previousFen = 0;
  return daily.map((day) => {
    const spentFen = day.budgetSpentFen - previousFen;
    previousFen = day.budgetSpentFen;
    return { day, spentFen };
  });
}

type Stats = CampaignStatsJson;
const money = (fen: number) => formatFen(fen, { grouping: false });

/** Per coupon: stock, claimed, used. */
export function couponsCsv(coupons: Stats['coupons']): string {
  return csvText(
    ['template_id', 'title', 'kind', 'stock_total', 'stock_left', 'claimed', 'used'],
    coupons.map((c) => [c.templateId, c.title, c.kind, c.stockTotal, c.stockLeft, c.claimed, c.used]),
  );
}

/** Per deal: group buys opened, open, succeeded, failed, and the GMV of the succeeded ones. */
export function dealsCsv(deals: Stats['deals']): string {
  return csvText(
    ['deal_id', 'product_id', 'title', 'group_price_yuan', 'size', 'opened', 'open', 'succeeded', 'failed', 'gmv_yuan'],
    deals.map((d) => [
      d.dealId,
      d.productId,
      d.title,
      money(d.groupPriceFen),
      d.size,
      d.opened,
      d.open,
      d.succeeded,
      d.failed,
      money(d.gmvFen),
    ]),
  );
}

export function topGroupsCsv(groups: Stats['topGroups']): string {
  return csvText(
    ['group_id', 'name', 'members', 'shares', 'purchases_through_shares'],
    groups.map((g) => [g.groupId, g.name, g.memberCount, g.shares, g.purchasesThroughShares]),
  );
}

export function topProductsCsv(products: Stats['topSharedProducts']): string {
  return csvText(
    ['product_id', 'title', 'shop', 'shares', 'purchases_through_shares'],
    products.map((p) => [p.productId, p.title, p.shopName, p.shares, p.purchasesThroughShares]),
  );
}
