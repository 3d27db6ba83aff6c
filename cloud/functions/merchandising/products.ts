import { z } from 'zod';
import { listCatalogParams, MERCH_LIMITS, productInput } from '../../../contract/merchandisingSchema';
import { CATALOG_LIMITS, checkCatalogRow, type CatalogProduct } from '../../domain/catalogProduct';
import { parseCsv } from '../../domain/csv';
import { ITEM_ID_PATTERN, parseProductPaste } from '../../domain/productLink';
import { invalidParams, notFound } from '../../errors';
import { appendAudit } from '../../store/audit';
import {
  findProduct,
  findProductByShareCode,
  insertProduct,
  listProducts,
  lockProductImports,
  shareCodeOwners,
  updateProduct,
  upsertProducts,
} from '../../store/products';
import type { Queryable } from '../../store/store';
import { defineFunction } from '../define';
import { productAdminJson } from './json';
import { ADMIN_PAGE_SIZE, fieldsError } from './paging';

/** Text the app reads as a product (a link, a share code) or a bare item id: the item id, or why not. */
async function itemIdOf(db: Queryable, text: string): Promise<{ itemId: string } | { reason: string }> {
  const trimmed = text.trim();
  if (ITEM_ID_PATTERN.test(trimmed)) return { itemId: trimmed };
  const parsed = parseProductPaste(trimmed);
  if (!parsed.ok) return { reason: parsed.message };
  if (parsed.ref.kind === 'item_id') return { itemId: parsed.ref.itemId };
  if (parsed.ref.kind === 'short_link') return { reason: '短链接看不出商品 id；新商品请粘贴商品链接或数字商品 id' };
  const known = await findProductByShareCode(db, parsed.ref.code);
  if (known) return { itemId: known.id };
  return { reason: '淘口令只能找到商品库里已有的商品；新商品请粘贴商品链接或数字商品 id' };
}

/**
 * Adds a product (no productId: `link` names the Taobao/Tmall item, so shoppers' pasted links
 * resolve to it) or edits one. In the audit log with its before and after.
 */
export const saveProduct = defineFunction({
  name: 'saveProduct',
  access: 'marketer',
  params: z.object({ product: productInput }).strict(),
  handler: async (ctx, { product: input }) => {
    const now = ctx.clock.now();
    const fields = {
      title: input.title,
      shopName: input.shopName,
      priceFen: input.priceFen,
      category: input.category,
      images: input.images,
      stock: input.stock,
    };
    if (input.productId !== undefined && input.link !== undefined)
      throw fieldsError('product', [{ field: 'link', message: '编辑已有商品时不用再给链接（商品 id 不能改）' }]);
    const row = await ctx.store.transaction(async (tx) => {
      if (input.productId !== undefined) {
        const before = await findProduct(tx, input.productId, true);
        if (!before) throw notFound(`商品库里没有商品 ${input.productId}（product not found）`);
        const after = await updateProduct(tx, before.id, fields, now);
        await appendAudit(tx, {
          campaignId: null,
          ...ctx.actor,
          action: 'product.update',
          detail: { before: productAdminJson(before), after: productAdminJson(after) },
          now,
        });
        return after;
      }
      if (input.link === undefined)
        throw fieldsError('product', [{ field: 'link', message: '新建商品请粘贴淘宝/天猫商品链接或数字商品 id' }]);
      const item = await itemIdOf(tx, input.link);
      if ('reason' in item) throw fieldsError('product', [{ field: 'link', message: item.reason }]);
      const created = await insertProduct(tx, item.itemId, fields, now);
      if (!created) throw fieldsError('product', [{ field: 'link', message: `商品库里已经有这个商品（${item.itemId}），请直接编辑它` }]);
      await appendAudit(tx, {
        campaignId: null,
        ...ctx.actor,
        action: 'product.create',
        detail: { before: null, after: productAdminJson(created) },
        now,
      });
      return created;
    });
    return { product: productAdminJson(row) };
  },
});

export const listCatalog = defineFunction({
  name: 'listCatalog',
  access: 'marketer',
  params: listCatalogParams,
  handler: async (ctx, { query, category, cursor, limit = ADMIN_PAGE_SIZE }) => {
    if (cursor !== undefined && !ITEM_ID_PATTERN.test(cursor))
      throw invalidParams('参数不正确（invalid params）— cursor: 必须是上一页返回的 nextCursor', [
        { path: 'cursor', message: '必须是上一页返回的 nextCursor' },
      ]);
    const rows = await listProducts(ctx.store, {
      query: query?.trim() || undefined,
      category: category || undefined,
      afterId: cursor,
      limit,
    });
    const page = rows.slice(0, limit);
    return {
      products: page.map(productAdminJson),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  },
});

export const MAX_CATALOG_CSV_BYTES = 2_000_000;
/** Rejections listed in one reply (the rest are counted in received − created − updated). */
export const MAX_CATALOG_REJECTIONS_LISTED = 500;
const IMPORT_COLUMNS = ['productId', 'link', 'title', 'shopName', 'priceFen', 'category', 'images', 'imageUrl', 'stock', 'shareCode'];

type Rejection = { row: number; productId: string | null; reason: string };

/**
 * A marketer's catalog import from CSV text (the same report as importUsersCsv: each row checked
 * on its own, bad rows reported with their reason, good rows created or updated in one batched
 * statement). A row names its item by productId or by link — anything the app reads as a pasted
 * product: an item link, a share code of a product the catalog knows, or the bare item id.
 */
export const importCatalog = defineFunction({
  name: 'importCatalog',
  access: 'marketer',
  params: z
    .object({
      csv: z
        .string({ required_error: 'csv: 请粘贴 CSV 文本', invalid_type_error: 'csv 必须是文字' })
        .min(1, 'CSV 是空的')
        .max(MAX_CATALOG_CSV_BYTES, `CSV 最多 ${MAX_CATALOG_CSV_BYTES} 个字符，请分几次导入`),
    })
    .strict(),
  handler: async (ctx, { csv }) => {
    const parsed = parseCsv(csv, CATALOG_LIMITS.rowsPerImport + 1);
    if (!parsed.ok) throw invalidParams(`csv: ${parsed.reason}`, [{ path: 'csv', message: parsed.reason }]);
    if (parsed.truncated) throw invalidParams(`csv: 每次最多 ${CATALOG_LIMITS.rowsPerImport} 行，请分几次导入`);
    const [header = [], ...lines] = parsed.records;
    const columns = header.map((c) => c.trim());
    const unknown = columns.filter((c) => !IMPORT_COLUMNS.includes(c));
    const missing = ['title', 'shopName', 'priceFen', 'category'].filter((c) => !columns.includes(c));
    if (!columns.includes('productId') && !columns.includes('link')) missing.unshift('productId 或 link');
    if (unknown.length > 0 || missing.length > 0) {
      const rule =
        `表头要有 productId（或 link）,title,shopName,priceFen,category，可选 images,stock,shareCode` +
        (missing.length ? `；缺少：${missing.join('、')}` : '') +
        (unknown.length ? `；不认识：${unknown.join('、')}` : '');
      throw invalidParams(`csv: ${rule}`, [{ path: 'csv', message: rule }]);
    }
    const hasStock = columns.includes('stock');
    const now = ctx.clock.now();
    const rejected: Rejection[] = [];
    const result = await ctx.store.transaction(async (tx) => {
      rejected.length = 0;
      await lockProductImports(tx);
      const accepted: Array<{ row: number; product: CatalogProduct }> = [];
      const firstRowOfId = new Map<string, number>();
      const firstRowOfCode = new Map<string, number>();
      for (const [index, cells] of lines.entries()) {
        const row = index + 1;
        const reject = (reason: string, productId: string | null = null) => rejected.push({ row, productId, reason });
        if (cells.length > columns.length) {
          reject(`这一行有 ${cells.length} 格，比表头多`);
          continue;
        }
        const cell = (name: string) => {
          const i = columns.indexOf(name);
          return i >= 0 ? (cells[i] ?? '').trim() : '';
        };
        let productId = cell('productId');
        const link = cell('link');
        if (!productId && link) {
          const item = await itemIdOf(tx, link);
          if ('reason' in item) {
            reject(item.reason);
            continue;
          }
          productId = item.itemId;
        }
        const images = cell('images')
          .split('|')
          .map((u) => u.trim())
          .filter((u) => u !== '');
        if (images.length > MERCH_LIMITS.maxImages) {
          reject(`最多 ${MERCH_LIMITS.maxImages} 张图片`, productId || null);
          continue;
        }
        const badImage = images.find((u) => u.length > MERCH_LIMITS.imageUrlMaxLength || !/^https:\/\/[^\s<>"']+$/.test(u));
        if (badImage !== undefined) {
          reject('图片地址必须以 https:// 开头，多张用 | 隔开', productId || null);
          continue;
        }
        const stockText = cell('stock');
        if (stockText !== '' && (!/^[0-9]{1,8}$/.test(stockText) || Number(stockText) > MERCH_LIMITS.maxStock)) {
          reject(`库存必须是 0-${MERCH_LIMITS.maxStock} 的整数（留空表示不记库存）`, productId || null);
          continue;
        }
        const check = checkCatalogRow({
          productId,
          title: cell('title'),
          shopName: cell('shopName'),
          priceFen: cell('priceFen'),
          category: cell('category'),
          imageUrl: images[0] ?? cell('imageUrl'),
          shareCode: cell('shareCode'),
        });
        if (!check.ok) {
          reject(check.reason, productId || null);
          continue;
        }
        const product: CatalogProduct = {
          ...check.product,
          ...(images.length > 0 || columns.includes('images')
            ? { images: images.length > 0 ? images : check.product.imageUrl ? [check.product.imageUrl] : [] }
            : {}),
          ...(hasStock ? { stock: stockText === '' ? null : Number(stockText) } : {}),
        };
        const earlierId = firstRowOfId.get(product.productId);
        if (earlierId) {
          reject(`商品 id 重复（第 ${earlierId} 行已有）`, product.productId);
          continue;
        }
        const earlierCode = product.shareCode ? firstRowOfCode.get(product.shareCode) : undefined;
        if (earlierCode) {
          reject(`淘口令重复（第 ${earlierCode} 行已有）`, product.productId);
          continue;
        }
        firstRowOfId.set(product.productId, row);
        if (product.shareCode) firstRowOfCode.set(product.shareCode, row);
        accepted.push({ row, product });
      }
      const owners = await shareCodeOwners(
        tx,
        accepted.flatMap((a) => (a.product.shareCode ? [a.product.shareCode] : [])),
      );
      const clean = accepted.filter(({ row, product }) => {
        const owner = product.shareCode ? owners.get(product.shareCode) : undefined;
        if (owner && owner !== product.productId) {
          rejected.push({ row, productId: product.productId, reason: `淘口令已属于商品 ${owner}` });
          return false;
        }
        return true;
      });
      // Rows without a stock column keep their products' stock; with it, every row sets it.
      const outcome = await upsertProducts(
        tx,
        clean.map((a) => (hasStock ? { ...a.product, stock: a.product.stock ?? null } : a.product)),
        now,
      );
      await appendAudit(tx, {
        campaignId: null,
        ...ctx.actor,
        action: 'product.import',
        detail: { before: null, after: { created: outcome.createdIds, updated: outcome.updatedIds, rejected: rejected.length } },
        now,
      });
      return outcome;
    });
    rejected.sort((a, b) => a.row - b.row);
    return {
      received: lines.length,
      created: result.created,
      updated: result.updated,
      rejected: rejected.slice(0, MAX_CATALOG_REJECTIONS_LISTED),
    };
  },
});
