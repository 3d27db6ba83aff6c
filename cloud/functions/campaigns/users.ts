import { z } from 'zod';
import { parseCsv } from '../../domain/csv';
import { forbidden, invalidParams, notFound } from '../../errors';
import { appendAudit } from '../../store/campaignAdmin';
import { findUserByUsername, insertNewUsers, upsertUsers, type ImportedUser } from '../../store/users';
import { defineFunction } from '../define';
import { USERNAME_PATTERN } from '../importUsers';

export const MAX_CSV_ROWS = 5000;
export const MAX_CSV_BYTES = 900_000;
const UPSERT_BATCH = 1000;
const ROLES = new Set(['marketer', 'operator']);
const EXISTING_USER_REASON = 'username already exists: a marketer import only creates new accounts; changing an existing account needs the master key';


/**
 * Users from a CSV (username, gender, taoqi, optional roles, nickname, password): each row is
 * checked on its own; bad rows are reported with the reason. With the master key good rows are
 * upserted. A marketer may only add new shoppers: a row naming an existing account is rejected,
 * since otherwise she could set the password (and so take over) any account, another marketer's
 * included, or raise anyone's taoqi. Roles are only taken with the master key, so a marketer
 * cannot hand out roles. The audit log names every account created or changed.
 */
export const importUsersCsv = defineFunction({
  name: 'importUsersCsv',
  access: 'marketer',
  params: z.object({ csv: z.string().min(1, 'csv is empty').max(MAX_CSV_BYTES, `csv must be at most ${MAX_CSV_BYTES} bytes`) }).strict(),
  handler: async (ctx, { csv }) => {
    const actor = ctx.actor;
    const parsed = parseCsv(csv, MAX_CSV_ROWS + 1);
    if (!parsed.ok) throw invalidParams(`csv: ${parsed.reason}`);
    const [header, ...rows] = parsed.records;
    const columns = (header ?? []).map((h) => h.trim().toLowerCase());
    for (const required of ['username', 'gender', 'taoqi']) {
      if (!columns.includes(required)) throw invalidParams(`csv: the header row needs a "${required}" column (username,gender,taoqi[,roles][,nickname][,password])`);
    }
    if (rows.length > MAX_CSV_ROWS) throw invalidParams(`csv: at most ${MAX_CSV_ROWS} rows per import`);
    const at = (row: string[], name: string) => {
      const index = columns.indexOf(name);
      return index >= 0 ? (row[index] ?? '').trim() : '';
    };
    const good: ImportedUser[] = [];
    const rejected: Array<{ row: number; username: string | null; reason: string }> = [];
    const seen = new Set<string>();
    const rowOf = new Map<string, number>();
    rows.forEach((row, i) => {
      const username = at(row, 'username');
      const reject = (reason: string) => rejected.push({ row: i + 1, username: username || null, reason });
      if (!USERNAME_PATTERN.test(username)) return reject('username must be 3-32 letters, digits, _ . or -');
      if (seen.has(username)) return reject('this username appears on an earlier row');
      const gender = at(row, 'gender').toLowerCase();
      if (!['female', 'male', 'unknown'].includes(gender)) return reject("gender must be 'female', 'male' or 'unknown'");
      const taoqiText = at(row, 'taoqi');
      const taoqi = Number(taoqiText);
      if (!/^\d{1,6}$/.test(taoqiText) || taoqi > 100_000) return reject('taoqi must be a whole number 0-100000');
      const rolesText = at(row, 'roles');
      const roles = rolesText ? rolesText.split('|').map((r) => r.trim()) : undefined;
      if (roles && roles.some((r) => !ROLES.has(r))) return reject('roles may only be marketer or operator, separated by |');
      if (roles && !ctx.isMaster) return reject('roles can only be set with the master key');
      const password = at(row, 'password');
      if (password && (password.length < 6 || password.length > 64)) return reject('password must be 6-64 characters');
      const nickname = at(row, 'nickname');
      seen.add(username);
      rowOf.set(username, i + 1);
      good.push({
        username,
        gender: gender as ImportedUser['gender'],
        taoqi,
        ...(roles ? { roles: roles as ImportedUser['roles'] } : {}),
        ...(nickname ? { nickname: nickname.slice(0, 30) } : {}),
        ...(password ? { password } : {}),
      });
    });
    const now = ctx.clock.now();
    const created: string[] = [];
    const updated: string[] = [];
    const passwordsChanged: string[] = [];
    for (let i = 0; i < good.length; i += UPSERT_BATCH) {
      const batch = good.slice(i, i + UPSERT_BATCH);
      if (ctx.isMaster) {
        const outcome = await upsertUsers(ctx.store, batch, now);
        created.push(...outcome.created);
        updated.push(...outcome.updated);
        passwordsChanged.push(...outcome.passwordsChanged);
      } else {
        const made = new Set(await insertNewUsers(ctx.store, batch, now));
        for (const user of batch) {
          if (made.has(user.username)) created.push(user.username);
          else rejected.push({ row: rowOf.get(user.username)!, username: user.username, reason: EXISTING_USER_REASON });
        }
      }
    }
    rejected.sort((a, b) => a.row - b.row);
    // Only the master path changes existing users (and may end their sessions).
    if (ctx.isMaster) ctx.sessions.clear();
    await appendAudit(ctx.store, {
      campaignId: null,
      ...actor,
      action: 'import_users',
      detail: { created, updated, rejected: rejected.length, ...(passwordsChanged.length > 0 ? { passwordsChanged } : {}) },
      now,
    });
    return { created: created.length, updated: updated.length, rejected };
  },
});

/** The master key grants and revokes roles. */
export const setUserRoles = defineFunction({
  name: 'setUserRoles',
  access: 'master',
  params: z.object({ username: z.string().regex(USERNAME_PATTERN, 'username must be 3-32 letters, digits, _ . or -'), roles: z.array(z.enum(['marketer', 'operator'])).max(2) }).strict(),
  handler: async (ctx, { username, roles }) => {
    const user = await findUserByUsername(ctx.store, username);
    if (!user) throw notFound(`user ${username} not found`);
    if (!ctx.isMaster) throw forbidden('master key needed');
    const unique = [...new Set(roles)];
    await ctx.store.query('update users set roles = $2, updated_at = $3 where id = $1', [user.id, unique, ctx.clock.now()]);
    ctx.sessions.forgetUser(user.id);
    await appendAudit(ctx.store, { campaignId: null, actorId: null, actorName: 'operator (master key)', action: 'set_roles', detail: { username, from: user.roles, to: unique }, now: ctx.clock.now() });
    return { username, roles: unique };
  },
});
