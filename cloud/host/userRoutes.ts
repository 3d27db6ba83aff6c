import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { avatarProblem, nicknameProblem } from '../../contract/profile';
import { ErrorCode } from '../../contract/errors';
import { CloudError, forbidden, invalidParams } from '../errors';
import { paramsError } from '../functions/validation';
import { userJson } from '../functions/userJson';
import { newObjectId, newSessionToken } from '../ids';
import { hashPassword, needsRehash } from '../passwords';
import { sqlState } from '../store/store';
import {
  findIdentity,
  findUserByUsername,
  insertIdentity,
  linkIdentity,
  replacePasswordHash,
  insertSession,
  insertUser,
  updateProfile,
  type UserRow,
} from '../store/users';
import { requireSessionUser, type HostDeps } from './context';
import { checkPassword, claimLogin } from './loginLimits';

/** WeChat unionids are kept as an identity of their own provider name. */
const UNION_PROVIDER = 'lc_weapp_union';

/** Sessions kept per user; the oldest beyond this are dropped at login. */
export const MAX_SESSIONS_PER_USER = 20;

const loginBody = z.object({
  username: z.string({ required_error: 'username is required' }).min(1, 'username is required').max(64),
  password: z.string({ required_error: 'password is required' }).min(1, 'password is required').max(128),
});

const authDataBody = z.object({
  authData: z
    .object({
      lc_weapp: z
        .object({ code: z.string().min(1).max(256) })
        .passthrough()
        .optional(),
      lc_alipay: z
        .object({ code: z.string().min(1).max(256) })
        .passthrough()
        .optional(),
    })
    .refine((a) => Boolean(a.lc_weapp) !== Boolean(a.lc_alipay), 'exactly one of lc_weapp or lc_alipay with a code'),
});

const profileBody = z
  .object({
    nickname: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const problem = nicknameProblem(v);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .optional(),
    avatarUrl: z
      .string()
      .superRefine((v, ctx) => {
        const problem = avatarProblem(v);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .optional(),
  })
  .strict();

const PROFILE_FIELDS = new Set(['nickname', 'avatarUrl']);

export function registerUserRoutes(app: FastifyInstance, deps: HostDeps): void {
  async function startSession(user: UserRow) {
    const now = deps.clock.now();
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + deps.config.sessionTtlDays * 86_400_000);
    // Only while the password is still the one this login saw: a change committed meanwhile has
    // ended the user's sessions, and this one must not outlive it.
    const started = await insertSession(
      deps.store,
      { token, userId: user.id, now, expiresAt, passwordHash: user.password_hash },
      MAX_SESSIONS_PER_USER,
    );
    if (!started)
      throw new CloudError(ErrorCode.CONFLICT_RETRY, '密码刚刚被修改，请重新登录（the password changed during login; log in again）');
    return userJson(user, token);
  }

  // A stale X-LC-Session header is ignored here: a client logging in again must always succeed.
  app.post('/1.1/login', async (request) => {
    const parsed = loginBody.safeParse(request.body ?? {});
    if (!parsed.success) throw paramsError(parsed.error);
    const { username, password } = parsed.data;
    // Claimed in the database before the password is looked at: concurrent guesses on any host
    // are counted one by one (429 with the wait once a limit is reached).
    const ticket = await claimLogin(deps.store, deps.config.loginLimits, username, request.ip, deps.clock.now());
    const user = await findUserByUsername(deps.store, username);
    if (!(await checkPassword(password, user?.password_hash)) || !user) {
      await ticket.failed();
      throw new CloudError(ErrorCode.PASSWORD_MISMATCH, '用户名和密码不匹配，请检查后重试（username and password mismatch）');
    }
    await ticket.succeeded();
    const session = await startSession(user);
    // A LeanCloud hash (users moved off LeanCloud) is replaced by ours once the password is known.
    if (user.password_hash && needsRehash(user.password_hash)) {
      await replacePasswordHash(deps.store, user.id, user.password_hash, await hashPassword(password));
    }
    return session;
  });

  app.get('/1.1/users/me', async (request) => {
    const user = await requireSessionUser(deps, request, 400);
    return userJson(user, request.headers['x-lc-session'] as string);
  });

  // authData login (lc_weapp / lc_alipay): 201 with a new user, 200 with an existing one.
  app.post('/1.1/users', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!('authData' in body)) {
      throw forbidden('Sign-up with a username is closed: users come from WeChat / Alipay login or operator import.');
    }
    const parsed = authDataBody.safeParse(body);
    if (!parsed.success) throw paramsError(parsed.error);
    const providerName = parsed.data.authData.lc_weapp ? 'lc_weapp' : 'lc_alipay';
    const code = (parsed.data.authData.lc_weapp ?? parsed.data.authData.lc_alipay)!.code;
    const provider = deps.providers.get(providerName);
    if (!provider) throw invalidParams(`authData.${providerName}: provider not enabled`);
    const { providerUid, unionId } = await provider.exchangeCode(code);
    const failOnNotExist = (request.query as Record<string, string>).failOnNotExist === 'true';

    // By openid (or Alipay's user id) first; then by WeChat unionid, which users moved off
    // LeanCloud may be known by under another openid. Each login links the id it lacked, so the
    // account is found by either from then on.
    const byUid = await findIdentity(deps.store, providerName, providerUid);
    const existing = byUid ?? (unionId ? await findIdentity(deps.store, UNION_PROVIDER, unionId) : undefined);
    if (existing) {
      if (!byUid) await linkIdentity(deps.store, providerName, providerUid, existing.id, deps.clock.now());
      else if (unionId) await linkIdentity(deps.store, UNION_PROVIDER, unionId, existing.id, deps.clock.now());
      return startSession(existing);
    }
    if (failOnNotExist) throw new CloudError(ErrorCode.SESSION_INVALID, 'Could not find user.', 400);

    const now = deps.clock.now();
    let created: UserRow | undefined;
    try {
      created = await deps.store.transaction(async (tx) => {
        const user = await insertUser(
          tx,
          {
            username: `${providerName === 'lc_weapp' ? 'wx' : 'ali'}_${newObjectId().slice(0, 12)}`,
            passwordHash: null,
            nickname: provider.defaultNickname,
            gender: 'unknown',
            taoqi: 0,
            roles: [],
          },
          now,
        );
        await insertIdentity(tx, providerName, providerUid, user.id, now);
        if (unionId) await insertIdentity(tx, UNION_PROVIDER, unionId, user.id, now);
        return user;
      });
    } catch (error) {
      // Two first logins with one code at once: the other one created the user; use it.
      if (sqlState(error) !== '23505') throw error;
    }
    const user =
      created ??
      (await findIdentity(deps.store, providerName, providerUid)) ??
      (unionId ? await findIdentity(deps.store, UNION_PROVIDER, unionId) : undefined);
    if (!user) throw new Error('identity vanished after a unique violation');
    reply.code(created ? 201 : 200);
    return startSession(user);
  });

  // The user's own profile: nickname and avatar only; gender, taoqi and roles are server-held facts.
  app.put<{ Params: { id: string } }>('/1.1/classes/_User/:id', async (request) => {
    const user = await requireSessionUser(deps, request, 401);
    if (request.params.id !== user.id) throw forbidden('只能修改自己的资料（you can only update your own profile）');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const forbiddenFields = Object.keys(body).filter((key) => !PROFILE_FIELDS.has(key));
    if (forbiddenFields.length > 0) {
      throw forbidden(`只能修改昵称和头像（only nickname and avatarUrl can be changed; not: ${forbiddenFields.join(', ')}）`);
    }
    const parsed = profileBody.safeParse(body);
    if (!parsed.success) throw paramsError(parsed.error);
    const updated = await updateProfile(deps.store, user.id, parsed.data, deps.clock.now());
    if (!updated) throw new CloudError(ErrorCode.NOT_FOUND, 'User not found.');
    deps.sessions.forgetUser(user.id);
    return { objectId: updated.id, updatedAt: updated.updated_at.toISOString() };
  });
}
