import crypto from 'node:crypto';

const OBJECT_ID_BYTES = 12;
/** Random bytes for 340 ids at a time: one call into the system's generator costs ~5 µs, as much as a share's own rules. */
const idEntropy = { bytes: Buffer.alloc(0), used: 0 };

/** Object ids in LeanCloud's shape: 24 lowercase hex characters, each from bytes never used before. */
export function newObjectId(): string {
  if (idEntropy.used + OBJECT_ID_BYTES > idEntropy.bytes.length) {
    idEntropy.bytes = crypto.randomBytes(OBJECT_ID_BYTES * 340);
    idEntropy.used = 0;
  }
  const id = idEntropy.bytes.toString('hex', idEntropy.used, idEntropy.used + OBJECT_ID_BYTES);
  idEntropy.used += OBJECT_ID_BYTES;
  return id;
}

/** Session tokens: 32 random bytes, URL-safe. Unguessable; compared only through the database. */
export function newSessionToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Invitation codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_PATTERN = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += INVITE_CODE_ALPHABET[crypto.randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}
