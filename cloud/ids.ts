import crypto from 'node:crypto';

/** Object ids in LeanCloud's shape: 24 lowercase hex characters. */
export function newObjectId(): string {
  return crypto.randomBytes(12).toString('hex');
}

/** Session tokens: 32 random bytes, URL-safe. Unguessable; compared only through the database. */
export function newSessionToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}
