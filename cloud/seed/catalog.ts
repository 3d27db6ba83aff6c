import crypto from 'node:crypto';
import type { Clock } from '../clock';
import type { CatalogProduct } from '../domain/catalogProduct';
import { countProducts, upsertProducts } from '../store/products';
import type { Store } from '../store/store';
import { DEMO_CATALOG_SOURCE } from './catalogData';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A 12-digit item id in the range today's Taobao items use. Multiplying by an odd constant that
 * is not a multiple of 5 is a bijection modulo 2·10^11, so distinct indexes give distinct ids.
 */
function demoItemId(index: number): string {
  return String(520_000_000_000 + (((index + 1) * 48_271_000_007) % 200_000_000_000));
}

/** An 11-character share code derived from the item id, so demo share messages resolve offline. */
function demoShareCode(itemId: string): string {
  const digest = crypto.createHash('sha256').update(`besties-demo-code:${itemId}`).digest();
  let code = '';
  for (let i = 0; i < 11; i++) code += BASE62[digest[i]! % 62];
  // A code needs a letter; a digest byte run of digits only is rare but possible.
  return /[A-Za-z]/.test(code) ? code : `A${code.slice(1)}`;
}

/** The demo catalog: 200 products over 8 categories, with stable ids and share codes. */
export const DEMO_CATALOG: readonly CatalogProduct[] = Object.entries(DEMO_CATALOG_SOURCE)
  .flatMap(([category, lines]) => lines.map((line) => ({ category, line })))
  .map(({ category, line }, index) => {
    const [title, shopName, priceFen] = line.split('|');
    const productId = demoItemId(index);
    return {
      productId,
      title: title!,
      shopName: shopName!,
      priceFen: Number(priceFen),
      category,
      imageUrl: null,
      shareCode: demoShareCode(productId),
    };
  });

/** Seeds the demo catalog into an empty products table; returns whether it did. */
export async function seedCatalog(store: Store, clock: Clock): Promise<boolean> {
  if ((await countProducts(store)) > 0) return false;
  await upsertProducts(store, [...DEMO_CATALOG], clock.now());
  return true;
}
