import { z } from 'zod';
import { appendAudit } from '../store/audit';
import { upsertUsers, userFactsByUsername } from '../store/users';
import { defineFunction } from './define';

export const MAX_USERS_PER_IMPORT = 1000;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

/** One user of an import, JSON or CSV (importUsersCsv checks each CSV row with it). */
export const importedUser = z
  .object({
    username: z.string().regex(USERNAME_PATTERN, 'username must be 3-32 letters, digits, _ . or -'),
    password: z.string().min(6, 'password must be 6-64 characters').max(64, 'password must be 6-64 characters').optional(),
    nickname: z.string().trim().min(1, 'nickname cannot be blank').max(30, 'nickname must be at most 30 characters').optional(),
    gender: z.enum(['female', 'male', 'unknown'], { errorMap: () => ({ message: "gender must be 'female', 'male' or 'unknown'" }) }),
    taoqi: z.number().int('taoqi must be a whole number').min(0, 'taoqi must be 0-100000').max(100_000, 'taoqi must be 0-100000'),
    roles: z
      .array(
        z.enum(['marketer', 'viewer', 'operator'], { errorMap: () => ({ message: 'roles may only be marketer, viewer or operator' }) }),
      )
      .max(3)
      .optional(),
  })
  .strict();

const params = z
  .object({
    users: z
      .array(importedUser)
      .min(1, 'users must hold 1-1000 entries')
      .max(MAX_USERS_PER_IMPORT, 'users must hold 1-1000 entries')
      .refine((users) => new Set(users.map((u) => u.username)).size === users.length, 'usernames must be unique within one import'),
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
