import { z } from 'zod';
import { parseCsv } from '../../domain/csv';
import { forbidden, invalidParams, notFound } from '../../errors';
import { appendAudit } from '../../store/audit';
import { findUserByUsername, insertNewUsers, setRoles, upsertUsers, userFactsByUsername, type ImportedUser } from '../../store/users';
import { defineFunction } from '../define';
import { importedUser, USERNAME_PATTERN } from '../importUsers';

export const MAX_CSV_ROWS = 5000;
export const MAX_CSV_BYTES = 900_000;
const UPSERT_BATCH = 1000;
/** Gender words a spreadsheet may hold besides ours, read before the row is checked. */
const CSV_GENDER_WORDS = new Map([
  ['女', 'female'],
  ['女性', 'female'],
  ['女士', 'female'],
  ['f', 'female'],
  ['男', 'male'],
  ['男性', 'male'],
  ['男士', 'male'],
  ['m', 'male'],
  ['未知', 'unknown'],
  ['保密', 'unknown'],
]);
/** Messages for what only the CSV spelling gets wrong (numbers and role lists are text there). */
const CSV_TAOQI_REASON = 'taoqi 淘气值必须是 0-100000 的整数';
const CSV_ROLES_REASON = 'roles 只能是 marketer、viewer 或 operator，多个用 | 分隔';
const EXISTING_USER_REASON = 'username 已存在：营销人员的导入只能新建账号，修改已有账号需要主密钥';

/**
 * Users from a CSV (username, gender, taoqi, optional roles, nickname, password): each row is
 * checked on its own; bad rows are reported with the reason. With the master key good rows are
 * upserted. A marketer may only add new shoppers: a row naming an existing account is rejected,
 * since otherwise she could set the password (and so take over) any account, another marketer's
 * included, or raise anyone's taoqi. Roles are only taken with the master key, so a marketer
 * cannot hand out roles. The audit log names every account created or changed. A row is checked
 * with importUsers' schema (gender may also be written 女 or 男).
 */
export const importUsersCsv = defineFunction({
  name: 'importUsersCsv',
  access: 'marketer',
  params: z.object({ csv: z.string().min(1, 'csv 内容为空').max(MAX_CSV_BYTES, `csv 最多 ${MAX_CSV_BYTES} 字节`) }).strict(),
  handler: async (ctx, { csv }) => {
    const actor = ctx.actor;
    const parsed = parseCsv(csv, MAX_CSV_ROWS + 1);
    if (!parsed.ok) throw invalidParams(`csv: ${parsed.reason}`);
    const [header, ...rows] = parsed.records;
    const columns = (header ?? []).map((h) => h.trim().toLowerCase());
    for (const required of ['username', 'gender', 'taoqi']) {
      if (!columns.includes(required))
        throw invalidParams(`csv：表头缺少“${required}”列（username,gender,taoqi[,roles][,nickname][,password]）`);
    }
    if (rows.length > MAX_CSV_ROWS) throw invalidParams(`csv：每次最多导入 ${MAX_CSV_ROWS} 行`);
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
      // Each row is checked with importUsers' schema, so both imports accept the same users; the
      // CSV text is first turned into the values that schema takes.
      const gender = at(row, 'gender').toLowerCase();
      const taoqiText = at(row, 'taoqi');
      const rolesText = at(row, 'roles');
      const nickname = at(row, 'nickname');
      const password = at(row, 'password');
      const taoqiIsNumber = /^-?\d+(\.\d+)?$/.test(taoqiText);
      const checked = importedUser.safeParse({
        username,
        gender: CSV_GENDER_WORDS.get(gender) ?? gender,
        taoqi: taoqiIsNumber ? Number(taoqiText) : taoqiText,
        ...(rolesText ? { roles: rolesText.split('|').map((r) => r.trim()) } : {}),
        ...(nickname ? { nickname } : {}),
        ...(password ? { password } : {}),
      });
      const issues = checked.success ? [] : checked.error.issues;
      const issueOf = (field: string) => issues.find((issue) => issue.path[0] === field)?.message;
      // Problems are reported one per row, in this order.
      const usernameIssue = issueOf('username');
      if (usernameIssue) return reject(usernameIssue);
      if (seen.has(username)) return reject('username 与前面的行重复');
      const genderIssue = issueOf('gender');
      if (genderIssue) return reject(genderIssue);
      const taoqiIssue = issueOf('taoqi');
      if (taoqiIssue) return reject(taoqiIsNumber ? taoqiIssue : CSV_TAOQI_REASON);
      if (issueOf('roles')) return reject(CSV_ROLES_REASON);
      if (rolesText && !ctx.isMaster) return reject('roles 只能用主密钥设置');
      if (!checked.success) return reject(issues[0]!.message);
      seen.add(username);
      rowOf.set(username, i + 1);
      good.push(checked.data);
    });
    const now = ctx.clock.now();
    // The accounts as they were (a marketer's import changes none: it only creates).
    const before = ctx.isMaster
      ? await userFactsByUsername(
          ctx.store,
          good.map((u) => u.username),
        )
      : {};
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
    const done = new Set([...created, ...updated]);
    // Only the master path changes existing users (and may end their sessions).
    if (ctx.isMaster) ctx.sessions.clear();
    await appendAudit(ctx.store, {
      campaignId: null,
      ...actor,
      action: 'user.import',
      detail: {
        created,
        updated,
        rejected: rejected.length,
        ...(passwordsChanged.length > 0 ? { passwordsChanged } : {}),
        before,
        after: await userFactsByUsername(
          ctx.store,
          good.map((u) => u.username).filter((name) => done.has(name)),
        ),
      },
      now,
    });
    return { created: created.length, updated: updated.length, rejected };
  },
});

/** The master key grants and revokes roles (a marketer or a viewer asking gets 119 before anything is read). */
export const setUserRoles = defineFunction({
  name: 'setUserRoles',
  access: 'master',
  params: z
    .object({
      username: z.string().regex(USERNAME_PATTERN, 'username 必须是 3-32 位字母、数字、_ . 或 -'),
      roles: z
        .array(z.enum(['marketer', 'viewer', 'operator'], { errorMap: () => ({ message: 'roles 只能是 marketer、viewer 或 operator' }) }))
        .max(3, 'roles 最多 3 个'),
    })
    .strict(),
  handler: async (ctx, { username, roles }) => {
    const user = await findUserByUsername(ctx.store, username);
    if (!user) throw notFound(`用户 ${username} 不存在（user not found）`);
    if (!ctx.isMaster) throw forbidden('需要主密钥才能授权（master key needed）');
    const unique = [...new Set(roles)].sort();
    const now = ctx.clock.now();
    await setRoles(ctx.store, user.id, unique, now);
    ctx.sessions.forgetUser(user.id);
    await appendAudit(ctx.store, {
      campaignId: null,
      actorId: null,
      actorName: 'operator (master key)',
      viaMasterKey: true,
      action: 'user.roles',
      detail: { username, userId: user.id, from: user.roles, to: unique, before: { roles: user.roles }, after: { roles: unique } },
      now,
    });
    return { username, roles: unique };
  },
});
