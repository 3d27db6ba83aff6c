import crypto from 'node:crypto';
import { ErrorCode } from '../../contract/errors';
import type { LoginLimits } from '../config';
import { CloudError } from '../errors';
import { hashPassword, verifyPassword } from '../passwords';
import type { Store } from '../store/store';
import { claimAddressAttempt, claimUsernameAttempt, forgetAttempts, resolveAddressAttempt } from '../store/loginAttempts';

/** What a password check may go on with, and how it ends. */
export interface LoginTicket {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

export class LoginRateLimited extends CloudError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      ErrorCode.RATE_LIMITED,
      `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试（too many failed logins; try again in ${retryAfterSeconds} s）`,
    );
  }
}

const usernameKey = (username: string) => `user:${username}`;
const addressKey = (address: string) => `addr:${address}`;

function refusal(retryAt: Date, now: Date): LoginRateLimited {
  return new LoginRateLimited(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)));
}

/**
 * Claims one password check for `username` from `address`, before the password is looked at.
 * The address is claimed first (one address cannot spray guesses over many usernames), then the
 * username (guessing one account backs off exponentially). The address counts only checks that
 * failed, and bounds those still running, so a crowd behind one address can log in at once; the
 * username counts every unresolved check until a success clears it. Throws LoginRateLimited
 * (429) when either refuses.
 */
export async function claimLogin(store: Store, limits: LoginLimits, username: string, address: string, now: Date): Promise<LoginTicket> {
  const addr = addressKey(address);
  const byAddress = await claimAddressAttempt(store, addr, now, {
    limit: limits.perAddress,
    windowMs: limits.addressWindowMs,
    maxInFlight: limits.concurrentPerAddress,
  });
  if (!byAddress.granted) throw refusal(byAddress.retryAt, now);
  const user = usernameKey(username);
  const byUsername = await claimUsernameAttempt(store, user, now, limits);
  if (!byUsername.granted) {
    await resolveAddressAttempt(store, addr, false);
    throw refusal(byUsername.retryAt, now);
  }
  return {
    succeeded: async () => {
      await forgetAttempts(store, user);
      await resolveAddressAttempt(store, addr, false);
    },
    failed: () => resolveAddressAttempt(store, addr, true),
  };
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password with the current parameters, made once per process. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(18).toString('base64'));
  return dummyHash;
}

/**
 * Checks a password against a user's stored hash, spending the same scrypt time whether or not
 * the user exists or has a password of our scheme: otherwise the answer time tells which
 * usernames are real (33 ms for a real one against 3 ms for an unknown one, measured).
 */
export async function checkPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored && stored.startsWith('scrypt$')) return verifyPassword(password, stored);
  const dummy = verifyPassword(password, await dummyPasswordHash());
  // Hashes of another scheme (imported users) are checked on top of the dummy scrypt.
  const result = stored ? await verifyPassword(password, stored) : false;
  await dummy;
  return result;
}
