import { z } from 'zod';
import { appendAudit } from '../store/audit';
import { upsertUsers, userFactsByUsername } from '../store/users';
import { defineFunction } from './define';

export const MAX_USERS_PER_IMPORT = 1000;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

/** One user of an import, JSON or CSV (importUsersCsv checks each CSV row with it). */
export const importedUser = z
  .object({
    username: z.string().regex(USERNAME_PATTERN, 'username 必须是 3-32 位字母、数字、_ . 或 -'),
    password: z.string().min(6, 'password 密码必须是 6-64 位').max(64, 'password 密码必须是 6-64 位').optional(),
    nickname: z.string().trim().min(1, 'nickname 昵称不能为空').max(30, 'nickname 昵称最多 30 个字').optional(),
    gender: z.enum(['female', 'male', 'unknown'], {
      errorMap: () => ({ message: 'gender 性别必须是 female、male、unknown（或 女、男）' }),
    }),
    taoqi: z
      .number()
      .int('taoqi 淘气值必须是整数')
      .min(0, 'taoqi 淘气值必须在 0-100000 之间')
      .max(100_000, 'taoqi 淘气值必须在 0-100000 之间'),
    roles: z
      .array(z.enum(['marketer', 'viewer', 'operator'], { errorMap: () => ({ message: 'roles 只能是 marketer、viewer 或 operator' }) }))
      .max(3)
      .optional(),
  })
  .strict();

const params = z
  .object({
    users: z
      .array(importedUser)
      .min(1, 'users 必须有 1-1000 个')
      .max(MAX_USERS_PER_IMPORT, 'users 必须有 1-1000 个')
      .refine((users) => new Set(users.map((u) => u.username)).size === users.length, '同一次导入中 username 不能重复'),
  })
  .strict();

/**
 * Operator import of server-held facts (gender, taoqi, roles): an upsert by username in one
 * statement. Fields left out keep their current values on existing users. A new password ends
 * the user's sessions (upsertUsers); the audit log names every account created or changed.
 */
export const importUsers = defineFunction({
  name: 'importUsers',
  access: 'master',
  params,
  handler: async (ctx, { users }) => {
    const now = ctx.clock.now();
    const usernames = users.map((u) => u.username);
    const before = await userFactsByUsername(ctx.store, usernames);
    const outcome = await upsertUsers(ctx.store, users, now);
    // Facts changed under live sessions (and some sessions ended): drop what this host cached.
    ctx.sessions.clear();
    await appendAudit(ctx.store, {
      campaignId: null,
      actorId: null,
      actorName: 'operator (master key)',
      viaMasterKey: true,
      action: 'user.import',
      detail: {
        created: outcome.created,
        updated: outcome.updated,
        passwordsChanged: outcome.passwordsChanged,
        before,
        after: await userFactsByUsername(ctx.store, usernames),
      },
      now,
    });
    return { created: outcome.created.length, updated: outcome.updated.length };
  },
});
