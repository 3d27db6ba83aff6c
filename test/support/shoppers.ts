import { login, runAs, runAsMaster } from './sdk';

export interface Shopper {
  username: string;
  token: string;
  userId: string;
}

let made = 0;

/**
 * `n` shoppers nobody else uses, logged in: female with 淘气值 700, so each may create and join groups
 * without meeting another test's groups under the per-user limits. A test that needs a cast builds it.
 */
export async function newShoppers(prefix: string, n: number): Promise<Shopper[]> {
  const usernames = Array.from({ length: n }, () => `${prefix}_${String(++made).padStart(3, '0')}`);
  const users = usernames.map((username) => ({ username, password: 'pass1234', gender: 'female' as const, taoqi: 700 }));
  await runAsMaster('importUsers', { users });
  return Promise.all(
    usernames.map(async (username) => {
      const token = await login(username, 'pass1234');
      return { username, token, userId: (await runAs(token, 'me', {})).user.objectId };
    }),
  );
}
