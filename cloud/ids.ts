import crypto from 'node:crypto';

/** Object ids in LeanCloud's shape: 24 lowercase hex characters. */
export function newObjectId(): string {
  return crypto.randomBytes(12).toString('hex');
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
