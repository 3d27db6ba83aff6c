import type { CatalogProduct } from '../domain/catalogProduct';
import { firstRow, oneRow, type Queryable } from './store';

/** Serialises catalog imports, so two operators' share-code checks cannot pass each other. */
const IMPORT_LOCK_KEY = 7262003;

export interface ProductRow {
  id: string;
  title: string;
  shop_name: string;
  category: string;
  price_fen: number;
  image_url: string | null;
  /** Every picture, image_url first; [] when the host draws one. */
  images: string[];
  /** Units a marketer keeps track of; null: not tracked. */
  stock: number | null;
  share_code: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The picture the host draws for a product that has none of its own (cloud/host/productImages.ts). */
export function generatedImagePath(productId: string): string {
  return `/images/products/${productId}.svg`;
}

export async function findProduct(db: Queryable, productId: string, lock = false): Promise<ProductRow | undefined> {
  return firstRow(await db.query<ProductRow>(`select * from products where id = $1${lock ? ' for update' : ''}`, [productId]));
}

export interface ProductFields {
  title: string;
  shopName: string;
  priceFen: number;
  category: string;
  images: string[];
  stock: number | null;
}

/** A marketer's new product; undefined when the id is already in the catalog (the insert did nothing). */
export async function insertProduct(db: Queryable, id: string, p: ProductFields, now: Date): Promise<ProductRow | undefined> {
  const rows = await db.query<ProductRow>(
    `insert into products (id, title, shop_name, category, price_fen, image_url, images, stock, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $9) on conflict (id) do nothing returning *`,
    [id, p.title, p.shopName, p.category, p.priceFen, p.images[0] ?? null, JSON.stringify(p.images), p.stock, now],
  );
  return firstRow(rows);
}

export async function updateProduct(db: Queryable, id: string, p: ProductFields, now: Date): Promise<ProductRow> {
  const rows = await db.query<ProductRow>(
    `update products set title = $2, shop_name = $3, category = $4, price_fen = $5, image_url = $6, images = $7::jsonb,
       stock = $8, updated_at = $9 where id = $1 returning *`,
    [id, p.title, p.shopName, p.category, p.priceFen, p.images[0] ?? null, JSON.stringify(p.images), p.stock, now],
  );
  return oneRow(rows, 'the product just updated');
}

export async function findProductByShareCode(db: Queryable, code: string): Promise<ProductRow | undefined> {
  return firstRow(await db.query<ProductRow>('select * from products where share_code = $1', [code]));
}

export async function countProducts(db: Queryable): Promise<number> {
  return oneRow(await db.query<{ n: number }>('select count(*) as n from products'), 'product count').n;
}

/** Which of these product ids the catalog holds. */
export async function existingProductIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('select id from products where id = any($1::text[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

/** Held until the transaction ends: one catalog import at a time checks and writes share codes. */
export async function lockProductImports(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
}

/** `%`, `_` and `\` typed by a shopper are literal characters, not patterns. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the catalog in product-id order, optionally filtered by a substring of the title
 * or shop and by category. Returns one row more than asked, so the caller knows a next page exists.
 */
export async function listProducts(
  db: Queryable,
  filter: { query?: string; category?: string; afterId?: string; limit: number },
): Promise<ProductRow[]> {
  return db.query<ProductRow>(
    `select * from products
     where ($1::text is null or title ilike $1 or shop_name ilike $1)
       and ($2::text is null or category = $2)
       and ($3::text is null or id > $3)
     order by id limit $4`,
    [filter.query ? likePattern(filter.query) : null, filter.category ?? null, filter.afterId ?? null, filter.limit + 1],
  );
}

/** Which of these share codes already belong to a product, and to which. */
export async function shareCodeOwners(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ id: string; share_code: string }>(
    'select id, share_code from products where share_code = any($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.share_code, r.id]));
}

/** Upsert by product id in one statement (batched with unnest, not a loop of round trips). */
export async function upsertProducts(
  db: Queryable,
  products: CatalogProduct[],
  now: Date,
): Promise<{ created: number; updated: number; createdIds: string[]; updatedIds: string[] }> {
  if (products.length === 0) return { created: 0, updated: 0, createdIds: [], updatedIds: [] };
  // images: every picture when the row gives a list, else the one imageUrl; stock: kept unless the rows give it.
  const rows = await db.query<{ id: string; inserted: boolean }>(
    `insert into products (id, title, shop_name, category, price_fen, image_url, images, stock, share_code, created_at, updated_at)
     select t.id, t.title, t.shop_name, t.category, t.price_fen, t.image_url, t.images::jsonb, t.stock, t.share_code, $8, $8
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $9::text[], $10::int[])
          as t(id, title, shop_name, category, price_fen, image_url, share_code, images, stock)
     on conflict (id) do update set
       title = excluded.title, shop_name = excluded.shop_name, category = excluded.category,
       price_fen = excluded.price_fen, image_url = excluded.image_url, images = excluded.images,
       stock = case when $11::boolean then excluded.stock else products.stock end,
       share_code = coalesce(excluded.share_code, products.share_code), updated_at = excluded.updated_at
     returning id, (xmax = 0) as inserted`,
    [
      products.map((p) => p.productId),
      products.map((p) => p.title),
      products.map((p) => p.shopName),
      products.map((p) => p.category),
      products.map((p) => p.priceFen),
      products.map((p) => p.images?.[0] ?? p.imageUrl),
      products.map((p) => p.shareCode),
      now,
      products.map((p) => JSON.stringify(p.images ?? (p.imageUrl ? [p.imageUrl] : []))),
      products.map((p) => (p.stock === undefined ? null : p.stock)),
      products.some((p) => p.stock !== undefined),
    ],
  );
  const created = rows.filter((r) => r.inserted).map((r) => r.id);
  const updated = rows.filter((r) => !r.inserted).map((r) => r.id);
  return { created: created.length, updated: updated.length, createdIds: created, updatedIds: updated };
}

/** Whether the catalog has a product of this shop (a shop coupon's shop must be one). */
export async function shopHasProducts(db: Queryable, shopName: string): Promise<boolean> {
  const rows = await db.query('select 1 from products where shop_name = $1 limit 1', [shopName]);
  return rows.length > 0;
}
