import crypto from 'node:crypto';

/**
 * LeanCloud's password scheme, so that users moved off LeanCloud keep their passwords: SHA-512
 * over the salt then the password, then 512 more rounds of SHA-512 over the digest, base64.
 * Stored here as `leancloud$<salt>$<hash>` and replaced by our own scheme at the next login.
 */
export const LEANCLOUD_SCHEME = 'leancloud';
const EXTRA_ROUNDS = 512;

export function leancloudHash(salt: string, password: string): string {
  let digest = crypto
    .createHash('sha512')
    .update(salt + password, 'utf8')
    .digest();
  for (let i = 0; i < EXTRA_ROUNDS; i++) digest = crypto.createHash('sha512').update(digest).digest();
  return digest.toString('base64');
}

/** True when `password` matches a stored `leancloud$<salt>$<hash>`. */
export function verifyLeancloudPassword(password: string, stored: string): boolean {
  const [scheme, salt, hashText, ...rest] = stored.split('$');
  if (scheme !== LEANCLOUD_SCHEME || salt === undefined || !hashText || rest.length > 0) return false;
  const expected = Buffer.from(hashText, 'base64');
  const actual = Buffer.from(leancloudHash(salt, password), 'base64');
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}
