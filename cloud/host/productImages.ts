import type { FastifyInstance } from 'fastify';
import { formatYuan } from '../../contract/formatFen';
import { ITEM_ID_PATTERN } from '../domain/productLink';
import { PRODUCT_VIEWS } from '../domain/productImages';
import { findProduct, type ProductRow } from '../store/products';
import type { HostDeps } from './context';

/** Seconds a browser or mini-program may keep a product picture. */
export const PRODUCT_IMAGE_MAX_AGE_SECONDS = 86_400;

/** Prices on the pictures have always been plain digits (¥1080.00), like the app's price tags. */
const PRICE_FORMAT = { grouping: false } as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function hashOf(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return hash;
}

const hsl = (hue: number, saturation: number, lightness: number) => `hsl(${Math.round(hue) % 360},${saturation}%,${lightness}%)`;

/** The colours of one product: a main hue from its title, the same for every view of it. */
interface Colours {
  hue: number;
  light: string;
  main: string;
  dark: string;
  accent: string;
}

function coloursOf(seed: string): Colours {
  const hue = hashOf(seed) % 360;
  return { hue, light: hsl(hue, 80, 82), main: hsl(hue, 65, 58), dark: hsl(hue, 60, 34), accent: hsl(hue + 150, 70, 60) };
}

/** Gradients every drawing uses: `body` (lit from the left), `shine` (a soft highlight), `shadow` (on the floor). */
function gradients(c: Colours): string {
  return [
    `<linearGradient id="body" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${c.dark}"/><stop offset="0.35" stop-color="${c.main}"/><stop offset="0.7" stop-color="${c.light}"/><stop offset="1" stop-color="${c.main}"/></linearGradient>`,
    `<linearGradient id="bodyV" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.light}"/><stop offset="1" stop-color="${c.dark}"/></linearGradient>`,
    '<linearGradient id="shine" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0.75"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></linearGradient>',
    '<radialGradient id="shadow"><stop offset="0" stop-color="#000" stop-opacity="0.28"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>',
    '<linearGradient id="metal" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#6b6b6b"/><stop offset="0.45" stop-color="#e9e9e9"/><stop offset="1" stop-color="#8a8a8a"/></linearGradient>',
  ].join('');
}

/** A label with the brand on it, clipped to its width. */
function label(x: number, y: number, width: number, text: string, size = 15, fill = '#333'): string {
  const chars = [...text];
  const fits = Math.max(2, Math.floor(width / size));
  const shown = chars.length > fits ? `${chars.slice(0, fits - 1).join('')}…` : text;
  return `<text x="${x + width / 2}" y="${y}" font-size="${size}" text-anchor="middle" fill="${fill}">${escapeXml(shown)}</text>`;
}

const floor = (cx: number, y: number, rx: number) => `<ellipse cx="${cx}" cy="${y}" rx="${rx}" ry="${rx * 0.16}" fill="url(#shadow)"/>`;

/** Drawings by category: each a product in a 400×400 frame, standing on the floor near y = 330. */
const DRAWINGS: Record<string, (c: Colours, brand: string) => string> = {
  // A serum bottle with a dropper cap.
  美妆护肤: (c, brand) =>
    [
      floor(200, 332, 95),
      '<rect x="178" y="70" width="44" height="46" rx="10" fill="#2b2b2b"/>',
      '<rect x="186" y="74" width="8" height="38" rx="4" fill="#fff" opacity="0.25"/>',
      '<rect x="170" y="112" width="60" height="26" rx="4" fill="url(#metal)"/>',
      '<path d="M150 150 Q150 136 166 136 H234 Q250 136 250 150 V310 Q250 330 230 330 H170 Q150 330 150 310 Z" fill="url(#body)"/>',
      '<path d="M160 150 Q160 144 168 144 H178 V318 H168 Q160 318 160 310 Z" fill="url(#shine)"/>',
      '<rect x="162" y="210" width="76" height="72" rx="6" fill="#fff" opacity="0.92"/>',
      label(162, 242, 76, brand, 13),
      `<rect x="178" y="256" width="44" height="4" rx="2" fill="${c.main}"/>`,
    ].join(''),
  // A sneaker seen from the side.
  服饰鞋包: (c, brand) =>
    [
      floor(200, 316, 150),
      '<path d="M62 292 Q60 250 92 236 L160 206 Q176 170 206 166 Q220 186 250 196 L306 214 Q346 226 344 272 L344 292 Z" fill="url(#bodyV)"/>',
      '<path d="M160 206 Q176 170 206 166 Q220 186 250 196 L238 232 Q200 236 170 226 Z" fill="#fff" opacity="0.35"/>',
      `<path d="M112 252 Q180 226 262 244 Q300 252 334 250" stroke="${c.accent}" stroke-width="10" fill="none" stroke-linecap="round"/>`,
      '<path d="M176 196 L214 188 M182 210 L222 202 M190 224 L230 216" stroke="#fff" stroke-width="5" stroke-linecap="round"/>',
      '<rect x="52" y="288" width="300" height="26" rx="12" fill="#f4f4f4" stroke="#d9d9d9" stroke-width="2"/>',
      '<rect x="52" y="304" width="300" height="10" rx="5" fill="#cfcfcf"/>',
      label(240, 280, 90, brand, 12, '#fff'),
    ].join(''),
  // A snack box with a window and a ribbon.
  零食饮品: (c, brand) =>
    [
      floor(200, 334, 130),
      `<path d="M96 130 L200 96 L304 130 L200 164 Z" fill="${c.light}"/>`,
      '<path d="M96 130 L200 164 V334 L96 300 Z" fill="url(#bodyV)"/>',
      `<path d="M200 164 L304 130 V300 L200 334 Z" fill="${c.dark}"/>`,
      '<path d="M112 176 L184 200 V262 L112 238 Z" fill="#fff" opacity="0.9"/>',
      `<circle cx="136" cy="212" r="9" fill="${c.accent}"/><circle cx="158" cy="224" r="9" fill="${c.accent}" opacity="0.8"/><circle cx="146" cy="234" r="8" fill="#f2b544"/>`,
      `<path d="M250 147 V317" stroke="${c.accent}" stroke-width="14"/>`,
      '<path d="M100 132 L200 100 L210 104 L110 136 Z" fill="url(#shine)"/>',
      label(104, 290, 92, brand, 12, '#fff'),
    ].join(''),
  // A phone with its screen lit.
  数码家电: (c, brand) =>
    [
      floor(200, 340, 100),
      '<rect x="128" y="58" width="144" height="280" rx="24" fill="#1f1f1f"/>',
      '<rect x="131" y="61" width="138" height="274" rx="21" fill="url(#metal)" opacity="0.35"/>',
      `<rect x="138" y="72" width="124" height="252" rx="14" fill="url(#bodyV)"/>`,
      `<circle cx="230" cy="120" r="46" fill="${c.accent}" opacity="0.55"/><circle cx="168" cy="230" r="62" fill="${c.light}" opacity="0.45"/>`,
      '<rect x="182" y="78" width="36" height="10" rx="5" fill="#111"/>',
      '<path d="M138 86 Q138 72 152 72 H200 L138 200 Z" fill="url(#shine)" opacity="0.6"/>',
      label(138, 300, 124, brand, 13, '#fff'),
    ].join(''),
  // A mug with a handle and steam.
  家居日用: (c, brand) =>
    [
      floor(190, 330, 110),
      '<path d="M270 170 Q330 170 330 228 Q330 282 266 286" stroke="url(#bodyV)" stroke-width="20" fill="none"/>',
      '<path d="M110 150 H276 V296 Q276 330 242 330 H144 Q110 330 110 296 Z" fill="url(#body)"/>',
      `<ellipse cx="193" cy="150" rx="83" ry="18" fill="${c.dark}"/><ellipse cx="193" cy="152" rx="74" ry="13" fill="#6b4226"/>`,
      '<path d="M122 164 H140 V312 Q122 306 122 290 Z" fill="url(#shine)"/>',
      '<path d="M170 120 Q158 100 172 84 Q186 68 174 48 M210 120 Q198 100 212 84 Q226 68 214 48" stroke="#bbb" stroke-width="6" fill="none" stroke-linecap="round" opacity="0.7"/>',
      label(130, 246, 126, brand, 14, '#fff'),
    ].join(''),
  // A teddy bear.
  母婴玩具: (c, brand) =>
    [
      floor(200, 338, 110),
      `<circle cx="140" cy="86" r="30" fill="${c.main}"/><circle cx="260" cy="86" r="30" fill="${c.main}"/>`,
      `<circle cx="140" cy="86" r="15" fill="${c.light}"/><circle cx="260" cy="86" r="15" fill="${c.light}"/>`,
      '<ellipse cx="200" cy="258" rx="92" ry="80" fill="url(#bodyV)"/>',
      '<circle cx="200" cy="136" r="72" fill="url(#bodyV)"/>',
      `<ellipse cx="200" cy="162" rx="32" ry="24" fill="${c.light}"/>`,
      '<circle cx="174" cy="126" r="8" fill="#222"/><circle cx="226" cy="126" r="8" fill="#222"/><ellipse cx="200" cy="152" rx="11" ry="8" fill="#222"/>',
      `<ellipse cx="200" cy="262" rx="50" ry="44" fill="${c.light}"/>`,
      `<path d="M176 204 L200 216 L224 204 L224 228 L200 216 L176 228 Z" fill="${c.accent}"/>`,
      '<circle cx="168" cy="106" r="26" fill="url(#shine)" opacity="0.6"/>',
      label(150, 272, 100, brand, 12),
    ].join(''),
  // A sports bottle.
  运动户外: (c, brand) =>
    [
      floor(200, 336, 80),
      `<rect x="176" y="52" width="48" height="20" rx="6" fill="${c.accent}"/>`,
      '<rect x="164" y="70" width="72" height="36" rx="10" fill="#2b2b2b"/>',
      '<path d="M152 118 Q152 104 168 104 H232 Q248 104 248 118 V318 Q248 336 230 336 H170 Q152 336 152 318 Z" fill="url(#body)"/>',
      '<path d="M152 170 H248 M152 262 H248" stroke="#fff" stroke-opacity="0.45" stroke-width="4"/>',
      '<path d="M162 120 H180 V322 Q162 318 162 304 Z" fill="url(#shine)"/>',
      label(152, 222, 96, brand, 13, '#fff'),
    ].join(''),
  // A pump bottle of shampoo or lotion.
  个护清洁: (c, brand) =>
    [
      floor(200, 336, 95),
      '<path d="M200 58 H262 V70 H212 V96 H188 V70 Z" fill="#efefef" stroke="#c9c9c9" stroke-width="2"/>',
      '<rect x="180" y="94" width="40" height="34" rx="6" fill="#e6e6e6" stroke="#c9c9c9" stroke-width="2"/>',
      '<path d="M140 160 Q140 128 172 128 H228 Q260 128 260 160 V314 Q260 336 238 336 H162 Q140 336 140 314 Z" fill="url(#body)"/>',
      '<path d="M150 160 Q150 140 168 138 V326 Q150 322 150 306 Z" fill="url(#shine)"/>',
      '<rect x="156" y="200" width="88" height="86" rx="10" fill="#fff" opacity="0.9"/>',
      `<path d="M176 262 Q200 226 224 262" stroke="${c.main}" stroke-width="6" fill="none" stroke-linecap="round"/>`,
      label(156, 230, 88, brand, 13),
    ].join(''),
};

/** Anything else: a gift box. */
function giftBox(c: Colours, brand: string): string {
  return [
    floor(200, 334, 130),
    '<rect x="90" y="170" width="220" height="160" rx="8" fill="url(#body)"/>',
    `<rect x="80" y="140" width="240" height="44" rx="8" fill="${c.dark}"/>`,
    `<rect x="186" y="140" width="28" height="190" fill="${c.accent}"/>`,
    `<path d="M200 140 Q160 90 140 110 Q126 132 200 140 Q240 90 260 110 Q274 132 200 140" fill="${c.accent}"/>`,
    '<rect x="96" y="176" width="30" height="148" fill="url(#shine)"/>',
    label(90, 300, 96, brand, 12, '#fff'),
  ].join('');
}

/** The brand as a label prints it: the shop's name without its 官方旗舰店-style suffix. */
function brandOf(shopName: string): string {
  return shopName.replace(/(官方旗舰店|旗舰店|官方店|专营店|专卖店)$/, '') || shopName;
}

/**
 * A 400×400 picture of a product: a drawing of the kind of thing it is (a bottle, a sneaker, a
 * snack box, a phone, …) in colours of its own, with light and shade, the brand on its label and
 * a price tag. `view` (1 to PRODUCT_VIEWS) changes the backdrop and the angle, for a gallery.
 */
export function productSvg(product: Pick<ProductRow, 'title' | 'shop_name' | 'category' | 'price_fen'>, view = 1): string {
  const colours = coloursOf(`${product.title}|${product.shop_name}`);
  const draw = DRAWINGS[product.category] ?? giftBox;
  const backdropHue = colours.hue + 30 + view * 70;
  const turn = [0, -8, 7][(view - 1) % 3]!;
  const scale = [1, 0.9, 1.08][(view - 1) % 3]!;
  const price = formatYuan(product.price_fen, PRICE_FORMAT);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">',
    `<title>${escapeXml(product.title)}</title>`,
    `<defs>${gradients(colours)}<linearGradient id="backdrop" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(backdropHue, 60, 96)}"/><stop offset="1" stop-color="${hsl(backdropHue, 45, 86)}"/></linearGradient></defs>`,
    '<rect width="400" height="400" fill="url(#backdrop)"/>',
    `<circle cx="${view === 2 ? 90 : 320}" cy="80" r="120" fill="#fff" opacity="0.35"/>`,
    '<g font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif">',
    `<g transform="translate(200 220) rotate(${turn}) scale(${scale}) translate(-200 -220)">${draw(colours, brandOf(product.shop_name))}</g>`,
    `<text x="20" y="386" font-size="13" fill="#8c8c8c">${escapeXml(product.shop_name)}</text>`,
    `<rect x="${392 - price.length * 13}" y="354" width="${price.length * 13}" height="34" rx="17" fill="#ff5000"/>`,
    `<text x="${392 - (price.length * 13) / 2}" y="377" font-size="18" font-weight="bold" fill="#fff" text-anchor="middle">${price}</text>`,
    '</g></svg>',
  ].join('');
}

/**
 * `GET /images/products/<productId>.svg` (and `<productId>-2.svg` … for the other views): the host's own pictures of a catalog product. Outside
 * `/1.1/`, so an <image> tag loads it without app credentials.
 */
export function registerProductImageRoutes(app: FastifyInstance, deps: HostDeps): void {
  app.get<{ Params: { file: string } }>('/images/products/:file', async (request, reply) => {
    const [, productId, viewText] = /^(.+?)(?:-([2-9]))?\.svg$/.exec(request.params.file) ?? [];
    const view = Number(viewText ?? 1);
    const product =
      productId && ITEM_ID_PATTERN.test(productId) && view <= PRODUCT_VIEWS ? await findProduct(deps.store, productId) : undefined;
    if (!product) return reply.code(404).send({ code: 101, error: 'No such product image.' });
    return (
      reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', `public, max-age=${PRODUCT_IMAGE_MAX_AGE_SECONDS}`)
        .header('x-content-type-options', 'nosniff')
        // The picture is data, never a page: no scripts even if a title tried to smuggle one in.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(productSvg(product, view))
    );
  });
}
