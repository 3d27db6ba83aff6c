#!/usr/bin/env node
// Draws the tab bar icons (消息, 小黑群, 我的; grey outline and orange filled for the selected tab)
// as 81×81 PNG files in src/assets/tabbar. WeChat and Alipay need image files for tab bar icons;
// simple shapes drawn here keep the artwork reviewable and free of outside assets.
//
//   node scripts/tabbar-icons.mjs          write the files
//   node scripts/tabbar-icons.mjs --check  exit 1 when a committed file differs from what this draws
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
/** Samples per pixel side: edges are anti-aliased by coverage. */
const SUPERSAMPLE = 4;
const GREY = [0x99, 0x99, 0x99];
const ORANGE = [0xff, 0x50, 0x00];
const STROKE = 5;
const OUT_DIR = new URL('../src/assets/tabbar/', import.meta.url);

// Shapes are predicates over (x, y) in pixels; `o` insets a shape (negative grows it).
const circle = (cx, cy, r) => (x, y) => r > 0 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};
/** A bust's shoulders: the upper half of an ellipse, then straight down to `bottom`. */
const shoulders = (cx, top, rx, ry, bottom) => (x, y) => {
  if (y < top || y > bottom || rx <= 0 || ry <= 0) return false;
  const cy = top + ry;
  if (y >= cy) return Math.abs(x - cx) <= rx;
  return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
};
const triangle = (a, b, c) => (x, y) => {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
};
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
const outline = (body) => minus(body(0), body(STROKE));

const person = (cx, headY, headR, top, rx, ry, bottom) => (o) =>
  union(circle(cx, headY, headR - o), shoulders(cx, top + o, rx - o, ry - o, bottom - o));

const me = person(40.5, 25, 14, 44, 26, 18, 72);
const front = person(32, 29, 12, 46, 22, 16, 72);
const back = person(54, 22, 10, 38, 18, 14, 62);
const box = (o) => roundRect(9 + o, 12 + o, 72 - o, 58 - o, 15 - o);
const bubble = union(box(0), triangle([18, 52], [18, 72], [38, 56]));
const dots = union(circle(27, 35, 4.5), circle(40.5, 35, 4.5), circle(54, 35, 4.5));

const GLYPHS = {
  messages: { normal: union(minus(bubble, box(STROKE)), dots), active: minus(bubble, dots) },
  groups: {
    // The friend behind is hidden where the front person stands, with a gap the width of a stroke.
    normal: union(outline(front), minus(outline(back), front(-3))),
    active: union(front(0), minus(back(0), front(-3))),
  },
  me: { normal: outline(me), active: me(0) },
};

function render(shape, [r, g, b]) {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (shape(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      pixels[i + 3] = Math.round((255 * hits) / SUPERSAMPLE ** 2);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG: every row with filter type 0, the whole image deflated once. */
function png(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < SIZE; y++) rows.push(Buffer.from([0]), pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const check = process.argv.includes('--check');
mkdirSync(OUT_DIR, { recursive: true });
let stale = 0;
for (const [name, glyph] of Object.entries(GLYPHS)) {
  for (const [file, shape, colour] of [
    [`${name}.png`, glyph.normal, GREY],
    [`${name}-active.png`, glyph.active, ORANGE],
  ]) {
    const bytes = png(render(shape, colour));
    const target = new URL(file, OUT_DIR);
    if (check) {
      let current = null;
      try {
        current = readFileSync(target);
      } catch {
        // missing: stale
      }
      if (!current || !current.equals(bytes)) {
        console.error(`src/assets/tabbar/${file} is not what scripts/tabbar-icons.mjs draws; run it`);
        stale++;
      }
    } else {
      writeFileSync(target, bytes);
    }
  }
}
if (stale) process.exit(1);
