import Taro from '@tarojs/taro';
import type { UserJson } from '../../contract/types';
import AV from './leancloud';
import { Routes, withQuery } from '../routes';
import { currentPageUrl } from '../utils/currentPage';

/**
 * Who is logged in.
 * - H5: username + password (demo accounts and operators); the SDK keeps the session in
 *   localStorage, so a reload stays logged in.
 * - WeChat / Alipay: a silent login at launch with the host's login code (`lc_weapp` /
 *   `lc_alipay`), no UI. Pages wait for it through `whenSessionReady()`.
 */

let launchLogin: Promise<void> | null = null;

export const needsPasswordLogin = process.env.TARO_ENV === 'h5';

export function isLoggedIn(): boolean {
  return AV.User.current() !== null && AV.User.current() !== undefined;
}

/** Starts the mini-program's silent login once; safe to call again. */
export function startSession(): Promise<void> {
  if (!launchLogin) {
    launchLogin = needsPasswordLogin ? Promise.resolve() : loginWithMiniApp();
    // A failed launch login may be retried by the next page that asks.
    launchLogin.catch(() => {
      launchLogin = null;
    });
  }
  return launchLogin;
}

/** Resolves once the launch login is done (immediately on H5). */
export function whenSessionReady(): Promise<void> {
  return startSession();
}

async function loginWithMiniApp(): Promise<void> {
  await AV.User.loginWithMiniApp();
}

/** Replaces an expired mini-program session with a fresh one. */
export function renewMiniAppSession(): Promise<void> {
  launchLogin = loginWithMiniApp();
  launchLogin.catch(() => {
    launchLogin = null;
  });
  return launchLogin;
}

/**
 * H5: the server no longer knows our session (expired, or a fresh local database). Forget
 * it and ask for a login, coming back to the page the user was on.
 */
export async function onPasswordSessionLost(): Promise<void> {
  await AV.User.logOut();
  goToLogin();
}

/** H5: shows the login page, which comes back to the current page afterwards. */
export function goToLogin(): void {
  const here = currentPageUrl();
  const redirect = here && !here.startsWith(Routes.login) ? here : undefined;
  void Taro.reLaunch({ url: withQuery(Routes.login, { redirect }) });
}

export async function logIn(username: string, password: string): Promise<void> {
  await AV.User.logIn(username, password);
}

/**
 * Ends the session on the server first (AV.User.logOut() only forgets it on this device, and a
 * copied token would keep working), then here. A failed server call (the session already ended
 * or expired, no network) must not keep the user logged in on the device, so it is ignored.
 */
export async function logOut(): Promise<void> {
  if (isLoggedIn()) await AV.Cloud.run('logout', {}).catch(() => undefined);
  await AV.User.logOut();
}

/** The cached user JSON from the last login (for an instant first paint); `me` is the truth. */
export function cachedUser(): Partial<UserJson> | null {
  const user = AV.User.current();
  return user ? (user.toJSON() as Partial<UserJson>) : null;
}

/** The logged-in user's id, to tell "me" apart in member lists. */
export function currentUserId(): string | null {
  return AV.User.current()?.id ?? null;
}

/**
 * Saves the user's own nickname and avatar through the SDK (`PUT /1.1/classes/_User/:id`; the
 * host takes only these two fields, rules in contract/profile.ts). A refused save leaves the
 * device's copy of the user as it was.
 */
export async function saveProfile(profile: { nickname?: string; avatarUrl?: string }): Promise<void> {
  const user = AV.User.current();
  if (!user) throw { code: 206, message: '请先登录' };
  if (profile.nickname !== undefined) user.set('nickname', profile.nickname);
  if (profile.avatarUrl !== undefined) user.set('avatarUrl', profile.avatarUrl);
  try {
    await user.save();
  } catch (error) {
    user.revert();
    throw error;
  }
}
