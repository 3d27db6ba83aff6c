/**
 * What a shopper pasted, read as a product reference: a Taobao/Tmall item link, a share code
 * (淘口令), or nothing we recognise. Pure: no I/O, so it can be tested on every real-world shape.
 *
 * Safety: no pasted link is ever stored or echoed back. A recognised link yields only its numeric
 * item id, from which we rebuild a canonical link ourselves; a share code yields only its
 * alphanumeric code; a short link only its alphanumeric token. So script fragments, javascript:
 * URLs or look-alike hosts cannot travel on. The one piece of free text kept is the title the
 * Taobao app puts in 「」 — plain text, cleaned of control and invisible characters and cut to
 * TITLE_MAX_LENGTH; the app shows it as text, never as markup.
 *
 * Short links (m.tb.cn, s.click.taobao.com …) need a network round trip to Taobao to resolve, which
 * the backend does not make. When the short link carries its share code in `tk=` (the way the
 * Taobao app writes them today) we take that code; a share link `m.tb.cn/h.<token>` without one
 * is kept by its token (the same shared link pasted twice is the same item); other short links
 * (click tracking) are refused with what to paste instead.
 */

/** Longest pasted text we read; a Taobao share message is a few hundred characters. */
export const PASTE_MAX_LENGTH = 2000;

/** Taobao item ids: 6-19 digits without a leading zero (today's are 11-12 digits). */
export const ITEM_ID_PATTERN = /^[1-9][0-9]{5,18}$/;

/** A share code on its own: 8-16 letters and digits with at least one letter (today's are 11). */
export const SHARE_CODE_PATTERN = /^(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,16}$/;

/** An example of each accepted shape, shown in refusals. */
export const EXAMPLE_LINK = 'https://item.taobao.com/item.htm?id=652873401234';
export const EXAMPLE_SHARE_CODE = '￥AbC123xyz0￥';

/** The token of a share link `https://m.tb.cn/h.<token>`, kept as `h.<token>`. */
export const SHORT_LINK_TOKEN_PATTERN = /^h\.[A-Za-z0-9]{5,16}$/;

/** Longest title kept from a share message's 「」. */
export const TITLE_MAX_LENGTH = 60;

export type ProductRef =
  | { kind: 'item_id'; itemId: string; platform: 'taobao' | 'tmall' }
  | { kind: 'share_code'; code: string }
  | { kind: 'short_link'; token: string };

export type PasteRefusal = 'empty' | 'too_long' | 'short_link' | 'unrecognised';

/** `title`: the product's name as the share message gave it in 「」, when it did. */
export type PasteResult = { ok: true; ref: ProductRef; title?: string } | { ok: false; refusal: PasteRefusal; message: string };

/** Item pages, by exact host: where the item id sits in the URL. */
const ITEM_PAGES: ReadonlyArray<{ host: string; path: RegExp; platform: 'taobao' | 'tmall'; idFromPath?: true }> = [
  { host: 'item.taobao.com', path: /^\/item\.htm$/, platform: 'taobao' },
  { host: 'h5.m.taobao.com', path: /^\/awp\/core\/detail\.htm$/, platform: 'taobao' },
  { host: 'main.m.taobao.com', path: /^\/detail\/index\.html$/, platform: 'taobao' },
  { host: 'a.m.taobao.com', path: /^\/i([1-9][0-9]{5,18})\.htm$/, platform: 'taobao', idFromPath: true },
  { host: 'world.taobao.com', path: /^\/item\/([1-9][0-9]{5,18})\.htm$/, platform: 'taobao', idFromPath: true },
  { host: 'detail.tmall.com', path: /^\/item\.htm$/, platform: 'tmall' },
  { host: 'detail.m.tmall.com', path: /^\/item\.htm$/, platform: 'tmall' },
  { host: 'chaoshi.detail.tmall.com', path: /^\/item\.htm$/, platform: 'tmall' },
  { host: 'detail.tmall.hk', path: /^\/(hk\/)?item\.htm$/, platform: 'tmall' },
];

/** Hosts of links that only Taobao's servers can expand. */
const SHORT_LINK_HOSTS = new Set(['m.tb.cn', 'tb.cn', 's.click.taobao.com', 'uland.taobao.com', 'e.tb.cn']);
/** Of those, the ones whose `/h.<token>` links are the Taobao app's share links. */
const SHARE_LINK_HOSTS = new Set(['m.tb.cn', 'tb.cn', 'e.tb.cn']);

/**
 * URL-looking runs of ASCII in a longer text. The look-behind keeps us from starting inside
 * another token (`javascript://item.taobao.com…`, `evil.cn/?u=item.taobao.com…`); the run stops
 * at whitespace, quotes, angle brackets and any non-ASCII character (Chinese text around links).
 */
const URL_CANDIDATE =
  /(?<![A-Za-z0-9.:/@%_~-])(?:https?:\/\/)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::[0-9]{1,5})?\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]*/gi;

/**
 * Delimited share codes: the same sign at both ends — ￥code￥, ¥code¥, $code$, €code€, ¢code¢,
 * ₤code₤, £code£ and the rarer ₳ ₴ ₰ ¤ ₲ ₵ ₭ ₮ 《 that the Taobao app rotates through.
 */
const DELIMITED_CODE = /([￥¥$€¢₤£₳₴₰¤₲₵₭₮《])([A-Za-z0-9]{8,16})\1/gu;

/** A code in parentheses, ASCII or full width: `(AbCd1234)`, `（AbCd1234）` ("复制本条信息…(code)"). */
const PARENTHESISED_CODE = /[(（]\s*([A-Za-z0-9]{8,16})\s*[)）]/gu;

/** The title the Taobao app writes in 「」. */
const TITLE_IN_QUOTES = /「([^「」]{1,400})」/u;

/** Control, zero-width and direction characters: dropped from a kept title. */
const TITLE_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/gu;

/** Punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[).,;:!?\]]+$/;

/**
 * A code pasted without its delimiters. Stricter than a delimited one, so that an ordinary word
 * ("shopping", "DOUBLEELEVEN") is not taken for a code: it needs a digit or mixed case.
 */
function looksLikeBareCode(text: string): boolean {
  return SHARE_CODE_PATTERN.test(text) && (/[0-9]/.test(text) || (/[a-z]/.test(text) && /[A-Z]/.test(text)));
}

function refuse(refusal: PasteRefusal, message: string): PasteResult {
  return { ok: false, refusal, message };
}

export const UNRECOGNISED_MESSAGE = `没认出这个商品。请粘贴淘宝/天猫商品链接（例如 ${EXAMPLE_LINK}）或淘口令（例如 ${EXAMPLE_SHARE_CODE}）`;

/** Reads one URL candidate; undefined when it is not a Taobao/Tmall item page. */
function itemFromUrl(candidate: string): { ref?: ProductRef; shortLink?: boolean } {
  const text = candidate.replace(TRAILING_PUNCTUATION, '');
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return {};
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return {};
  // Credentials or a port in a shop link are a disguise, not a shop link.
  if (url.username || url.password || url.port) return {};
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (SHORT_LINK_HOSTS.has(host)) {
    const tk = url.searchParams.get('tk');
    if (tk && SHARE_CODE_PATTERN.test(tk)) return { ref: { kind: 'share_code', code: tk } };
    const token = url.pathname.slice(1);
    if (SHARE_LINK_HOSTS.has(host) && SHORT_LINK_TOKEN_PATTERN.test(token)) return { ref: { kind: 'short_link', token } };
    return { shortLink: true };
  }
  for (const page of ITEM_PAGES) {
    if (page.host !== host) continue;
    // eslint-disable-next-line no-restricted-syntax -- a RegExp's exec, not SQL
    const match = page.path.exec(url.pathname);
    if (!match) continue;
    const itemId = page.idFromPath ? match[match.length - 1] : url.searchParams.get('id');
    if (itemId && ITEM_ID_PATTERN.test(itemId)) return { ref: { kind: 'item_id', itemId, platform: page.platform } };
  }
  return {};
}

/** The 「」 title of a share message, cleaned; undefined when there is none worth keeping. */
export function titleOf(text: string): string | undefined {
  const quoted = text.match(TITLE_IN_QUOTES)?.[1];
  if (quoted === undefined) return undefined;
  const clean = quoted.replace(TITLE_INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  if (clean === '') return undefined;
  const chars = Array.from(clean);
  return chars.length <= TITLE_MAX_LENGTH ? clean : `${chars.slice(0, TITLE_MAX_LENGTH - 1).join('')}…`;
}

/** The product reference in pasted text, or why there is none. */
function refOf(text: string): { ref: ProductRef } | { refusal: PasteRefusal } {
  let shortLinkSeen = false;
  let shortLinkCode: ProductRef | undefined;
  let shareLink: ProductRef | undefined;
  for (const candidate of text.match(URL_CANDIDATE) ?? []) {
    const { ref, shortLink } = itemFromUrl(candidate);
    if (ref?.kind === 'item_id') return { ref };
    if (ref?.kind === 'share_code' && !shortLinkCode) shortLinkCode = ref;
    if (ref?.kind === 'short_link' && !shareLink) shareLink = ref;
    if (shortLink) shortLinkSeen = true;
  }

  for (const match of text.matchAll(DELIMITED_CODE)) {
    const code = match[2];
    if (code !== undefined && SHARE_CODE_PATTERN.test(code)) return { ref: { kind: 'share_code', code } };
  }
  if (shortLinkCode) return { ref: shortLinkCode };
  // Parenthesised codes only outside the title, where "(iPhone15Pro)" may be part of a name, and
  // only with letters and digits both, so that a word in brackets ("(Bluetooth)") is not one.
  for (const match of text.replace(TITLE_IN_QUOTES, ' ').matchAll(PARENTHESISED_CODE)) {
    const code = match[1];
    if (code !== undefined && SHARE_CODE_PATTERN.test(code) && /[0-9]/.test(code)) return { ref: { kind: 'share_code', code } };
  }
  if (shareLink) return { ref: shareLink };

  if (ITEM_ID_PATTERN.test(text)) return { ref: { kind: 'item_id', itemId: text, platform: 'taobao' } };
  if (looksLikeBareCode(text)) return { ref: { kind: 'share_code', code: text } };
  return { refusal: shortLinkSeen ? 'short_link' : 'unrecognised' };
}

/**
 * Reads pasted text: a whole share message as the Taobao or Tmall app copies it, or just its link
 * or code. Preference, most specific first: a full item link, then a delimited share code, then a
 * short link carrying its code, then a code in parentheses, then a share link's token, then the
 * whole text as a bare item id or code. The 「」 title comes along when the message has one.
 */
export function parseProductPaste(raw: string): PasteResult {
  if (raw.length > PASTE_MAX_LENGTH)
    return refuse('too_long', `粘贴的内容太长了（最多 ${PASTE_MAX_LENGTH} 个字）。${UNRECOGNISED_MESSAGE}`);
  const text = raw.trim();
  if (text === '') return refuse('empty', `请粘贴商品链接或淘口令。${UNRECOGNISED_MESSAGE}`);

  const found = refOf(text);
  if ('ref' in found) {
    const title = titleOf(text);
    return title === undefined ? { ok: true, ref: found.ref } : { ok: true, ref: found.ref, title };
  }
  if (found.refusal === 'short_link') {
    return refuse(
      'short_link',
      `短链接需要在淘宝里打开才能识别。请在淘宝 App 里打开这个宝贝，复制完整的商品链接（例如 ${EXAMPLE_LINK}）或淘口令（例如 ${EXAMPLE_SHARE_CODE}）再粘贴`,
    );
  }
  return refuse('unrecognised', UNRECOGNISED_MESSAGE);
}

/** The link we show for an item id: built by us, never the pasted one. */
export function canonicalItemLink(itemId: string, platform: 'taobao' | 'tmall' = 'taobao'): string {
  return platform === 'tmall' ? `https://detail.tmall.com/item.htm?id=${itemId}` : `https://item.taobao.com/item.htm?id=${itemId}`;
}

/** The link we show for a share link's token (`h.<token>`): built by us, never the pasted one. */
export function canonicalShortLink(token: string): string {
  return `https://m.tb.cn/${token}`;
}
