import type { FastifyInstance } from 'fastify';
import { formatYuan } from '../../contract/formatFen';
import { ITEM_ID_PATTERN } from '../domain/productLink';
import { findProduct, type ProductRow } from '../store/products';
import type { HostDeps } from './context';

/** Seconds a browser or mini-program may keep a product picture. */
export const PRODUCT_IMAGE_MAX_AGE_SECONDS = 86_400;

/** Background colours by category, so a list of generated pictures is easy to scan. */
const PALETTE = ['#f9d6d5', '#fde2c4', '#fff1b8', '#d9f7be', '#c6ebf5', '#d6e4ff', '#e8d9ff', '#ffd6e7'];
const TITLE_CHARS_PER_LINE = 11;
const TITLE_MAX_LINES = 4;
/** Prices on the pictures have always been plain digits (¥1080.00), like the app's price tags. */
const PRICE_FORMAT = { grouping: false } as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function colourOf(category: string): string {
  let hash = 0;
  for (const ch of category) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

function titleLines(title: string): string[] {
  const chars = [...title];
  const lines: string[] = [];
  for (let i = 0; i < chars.length && lines.length < TITLE_MAX_LINES; i += TITLE_CHARS_PER_LINE) {
    lines.push(chars.slice(i, i + TITLE_CHARS_PER_LINE).join(''));
  }
  if (chars.length > TITLE_CHARS_PER_LINE * TITLE_MAX_LINES)
    lines[TITLE_MAX_LINES - 1] = `${[...lines[TITLE_MAX_LINES - 1]!].slice(0, -1).join('')}…`;
  return lines;
}

/** A 400×400 picture of the product: its category colour, title, shop and price. */
export function productSvg(product: Pick<ProductRow, 'title' | 'shop_name' | 'category' | 'price_fen'>): string {
  const lines = titleLines(product.title)
    .map((line, i) => `<text x="32" y="${150 + i * 40}" font-size="30" fill="#333">${escapeXml(line)}</text>`)
    .join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">',
    `<rect width="400" height="400" fill="${colourOf(product.category)}"/>`,
    '<g font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif">',
    `<text x="32" y="70" font-size="22" fill="#666">${escapeXml(product.category)}</text>`,
    lines,
    `<text x="32" y="340" font-size="22" fill="#666">${escapeXml(product.shop_name)}</text>`,
    `<text x="32" y="378" font-size="30" font-weight="bold" fill="#e4393c">${formatYuan(product.price_fen, PRICE_FORMAT)}</text>`,
    '</g></svg>',
  ].join('');
}

/**
 * `GET /images/products/<productId>.svg`: the host's own picture of a catalog product. Outside
 * `/1.1/`, so an <image> tag loads it without app credentials.
 */
export function registerProductImageRoutes(app: FastifyInstance, deps: HostDeps): void {
  app.get<{ Params: { file: string } }>('/images/products/:file', async (request, reply) => {
    const productId = /^(.+)\.svg$/.exec(request.params.file)?.[1];
    const product = productId && ITEM_ID_PATTERN.test(productId) ? await findProduct(deps.store, productId) : undefined;
    if (!product) return reply.code(404).send({ code: 101, error: 'No such product image.' });
    return (
      reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', `public, max-age=${PRODUCT_IMAGE_MAX_AGE_SECONDS}`)
        .header('x-content-type-options', 'nosniff')
        // The picture is data, never a page: no scripts even if a title tried to smuggle one in.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(productSvg(product))
    );
  });
}
