import { z } from 'zod';
import {
  CATALOG_COLUMNS,
  CATALOG_LIMITS,
  REQUIRED_CATALOG_COLUMNS,
  checkCatalogRow,
  type CatalogProduct,
} from '../../domain/catalogProduct';
import { parseCsv } from '../../domain/csv';
import { invalidParams } from '../../errors';
import { lockProductImports, shareCodeOwners, upsertProducts } from '../../store/products';
import { appendAudit } from '../../store/audit';
import { defineFunction } from '../define';

/** Rejections listed in one reply; the count covers them all. */
export const MAX_REJECTIONS_LISTED = 500;

const ROWS_RULE = `at most ${CATALOG_LIMITS.rowsPerImport} rows per call: split the file and import it in parts`;

const params = z
  .object({
    format: z.enum(['json', 'csv'], { errorMap: () => ({ message: "format must be 'json' or 'csv'" }) }),
    data: z.union(
      [
        z.string(),
        // Rows are checked one by one below, so that a bad row is reported instead of failing the call.
        z.array(z.custom<Record<string, unknown>>(() => true)).max(CATALOG_LIMITS.rowsPerImport, `data: ${ROWS_RULE}`),
      ],
      {
        errorMap: () => ({ message: 'data must be the file text (csv or json) or an array of rows (json)' }),
      },
    ),
  })
  .strict();

type Rejection = { row: number; productId: string | null; reason: string };

/** The raw rows of the upload, keyed by column name. Whole-call problems are 142. */
function readRows(format: 'json' | 'csv', data: string | unknown[]): unknown[] {
  if (format === 'json') {
    let rows: unknown = data;
    if (typeof data === 'string') {
      try {
        rows = JSON.parse(data);
      } catch {
        throw invalidParams('data: not valid JSON (expected an array of product objects)');
      }
    }
    if (!Array.isArray(rows)) throw invalidParams('data: expected a JSON array of product objects');
    if (rows.length > CATALOG_LIMITS.rowsPerImport) throw invalidParams(`data: ${ROWS_RULE}`);
    return rows;
  }
  if (typeof data !== 'string') throw invalidParams('data: for csv, send the file text with a header line');
  const csv = parseCsv(data, CATALOG_LIMITS.rowsPerImport + 1);
  if (!csv.ok) throw invalidParams(`data: ${csv.reason}`);
  if (csv.truncated) throw invalidParams(`data: ${ROWS_RULE}`);
  const [header = [], ...lines] = csv.records;
  const columns = header.map((c) => c.trim());
  const unknown = columns.filter((c) => !(CATALOG_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED_CATALOG_COLUMNS.filter((c) => !columns.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    throw invalidParams(
      `data: the header must name the columns ${CATALOG_COLUMNS.join(',')} (the last two optional)` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return lines.map((cells) =>
    cells.length > columns.length ? { __cells: cells.length } : Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])),
  );
}

/**
 * Operator import of a real catalog (master key): upsert by productId in one batched statement.
 * Each row is checked on its own; bad rows are reported with their reason and the rest imported.
 */
export const importProducts = defineFunction({
  name: 'importProducts',
  access: 'master',
  params,
  handler: async (ctx, { format, data }) => {
    const rows = readRows(format, data);
    const rejected: Rejection[] = [];
    const accepted: Array<{ row: number; product: CatalogProduct }> = [];
    const firstRowOfId = new Map<string, number>();
    const firstRowOfCode = new Map<string, number>();

    rows.forEach((raw, index) => {
      const row = index + 1;
      const reject = (reason: string, productId: string | null = null) => rejected.push({ row, productId, reason });
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return reject('row must be an object with named fields');
      if ('__cells' in raw) return reject(`row has ${(raw as { __cells: number }).__cells} cells, more than the header's columns`);
      const check = checkCatalogRow(raw as Record<string, unknown>);
      if (!check.ok) {
        const id = (raw as Record<string, unknown>).productId;
        return reject(check.reason, typeof id === 'string' || typeof id === 'number' ? String(id) : null);
      }
      const { product } = check;
      const earlierId = firstRowOfId.get(product.productId);
      if (earlierId) return reject(`duplicate productId (first at row ${earlierId})`, product.productId);
      const earlierCode = product.shareCode ? firstRowOfCode.get(product.shareCode) : undefined;
      if (earlierCode) return reject(`duplicate shareCode (first at row ${earlierCode})`, product.productId);
      firstRowOfId.set(product.productId, row);
      if (product.shareCode) firstRowOfCode.set(product.shareCode, row);
      accepted.push({ row, product });
    });

    const result = await ctx.store.transaction(async (tx) => {
      await lockProductImports(tx);
      const owners = await shareCodeOwners(
        tx,
        accepted.flatMap((a) => (a.product.shareCode ? [a.product.shareCode] : [])),
      );
      const clean = accepted.filter(({ row, product }) => {
        const owner = product.shareCode ? owners.get(product.shareCode) : undefined;
        if (owner && owner !== product.productId) {
          rejected.push({ row, productId: product.productId, reason: `shareCode already belongs to product ${owner}` });
          return false;
        }
        return true;
      });
      const outcome = await upsertProducts(
        tx,
        clean.map((a) => a.product),
        ctx.clock.now(),
      );
      await appendAudit(tx, {
        campaignId: null,
        ...ctx.actor,
        action: 'product.import',
        detail: { before: null, after: { received: rows.length, created: outcome.created, updated: outcome.updated } },
        now: ctx.clock.now(),
      });
      return outcome;
    });

    rejected.sort((a, b) => a.row - b.row);
    return {
      received: rows.length,
      created: result.created,
      updated: result.updated,
      rejectedCount: rejected.length,
      rejected: rejected.slice(0, MAX_REJECTIONS_LISTED),
    };
  },
});
