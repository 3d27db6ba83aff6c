/**
 * What a user may set on her own profile (`PUT /1.1/classes/_User/:id`), checked by the host and
 * by the 我的 page before it sends anything. Plain functions: the app imports them at run time.
 */

/** A nickname, trimmed: 1 to 20 characters. */
export const NICKNAME_MAX_CHARS = 20;
/** An avatar given by address: an http(s) URL of at most this many characters. */
export const AVATAR_URL_MAX_CHARS = 512;
/**
 * An avatar chosen on the phone is stored as a `data:image/…;base64,` URL of at most this many
 * characters (about 18 KB of picture; the app shrinks it to 160×160 first). Member lists carry
 * every avatar, so the bound keeps them small.
 */
export const AVATAR_DATA_URL_MAX_CHARS = 24_000;

const DATA_URL = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of a base64 text (enough to read a file signature). */
function leadingBytes(base64: string, count: number): number[] {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of base64) {
    if (bytes.length >= count) break;
    const digit = BASE64.indexOf(ch);
    if (digit < 0) break;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return bytes;
}

const SIGNATURES: Record<string, (bytes: number[]) => boolean> = {
  png: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  // "RIFF" <size> "WEBP"
  webp: (b) =>
    b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
};

/** Why `nickname` cannot be saved (already trimmed), or null. */
export function nicknameProblem(nickname: string): string | null {
  if (nickname.length === 0) return 'nickname cannot be blank';
  if ([...nickname].length > NICKNAME_MAX_CHARS) return `nickname must be at most ${NICKNAME_MAX_CHARS} characters`;
  return null;
}

/**
 * Why `avatarUrl` cannot be saved, or null: '' (no picture), an http(s) URL, or a PNG, JPEG or
 * WebP picture as a base64 data URL whose bytes really start like one.
 */
export function avatarProblem(avatarUrl: string): string | null {
  if (avatarUrl === '') return null;
  if (/^https?:\/\//.test(avatarUrl)) {
    return avatarUrl.length > AVATAR_URL_MAX_CHARS ? `avatarUrl must be at most ${AVATAR_URL_MAX_CHARS} characters` : null;
  }
  if (!avatarUrl.startsWith('data:')) return 'avatarUrl must be an http(s) URL or a data:image/png|jpeg|webp;base64 picture';
  if (avatarUrl.length > AVATAR_DATA_URL_MAX_CHARS)
    return `an avatar picture must be at most ${AVATAR_DATA_URL_MAX_CHARS} characters as a data URL`;
  const match = avatarUrl.match(DATA_URL);
  if (!match) return 'avatarUrl must be a data:image/png|jpeg|webp;base64 picture';
  const [, kind = '', payload = ''] = match;
  if (!SIGNATURES[kind]?.(leadingBytes(payload, 12))) return `avatarUrl is not a ${kind} picture`;
  return null;
}
