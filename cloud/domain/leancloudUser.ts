import type { Gender } from '../../contract/types';

/**
 * One `_User` object of a LeanCloud console data export (JSONL, one object per line), read into
 * what this backend keeps of it. Pure: the caller reads files and writes the store.
 *
 * LeanCloud keeps the password as `salt` + `password` (its own hash, see leancloudPassword.ts),
 * mini-program logins under `authData`, and the WeChat unionid in one of several places,
 * depending on how the app logged users in: `authData.lc_weapp.unionid`, `authData.lc_weapp_union`
 * (`uid` or `unionid`), or `_weixin_unionid` (top level or under authData).
 */
export interface LeanCloudUser {
  objectId: string;
  username: string;
  /** `leancloud$<salt>$<base64 hash>`, or null for users who never had a password. */
  passwordHash: string | null;
  nickname: string;
  avatarUrl: string;
  gender: Gender;
  taoqi: number;
  createdAt: Date;
  updatedAt: Date;
  weappOpenId: string | null;
  weappUnionId: string | null;
  alipayUid: string | null;
  /** What was adjusted on the way in (a nickname shortened …), for the report. */
  notes: string[];
}

export type LeanCloudUserResult = { ok: true; user: LeanCloudUser } | { ok: false; reason: string; objectId: string | null };

/** LeanCloud's object ids: 24 lowercase hex characters, the same shape as ours. */
export const LEANCLOUD_OBJECT_ID = /^[0-9a-f]{24}$/;
export const MAX_IMPORTED_USERNAME = 64;
export const MAX_IMPORTED_NICKNAME = 30;
export const MAX_IMPORTED_AVATAR_URL = 512;
export const MAX_PROVIDER_UID = 128;
export const MAX_TAOQI = 100_000;
/** A line longer than this is not a user record (a corrupt or foreign file). */
export const MAX_EXPORT_LINE_CHARS = 64 * 1024;

// Control characters (NUL included) cannot be stored in PostgreSQL text or shown to anyone.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A provider id: a short string without control characters, else absent. */
function providerId(value: unknown): string | null {
  const id = text(value);
  return id && id.length <= MAX_PROVIDER_UID && !CONTROL_CHARS.test(id) ? id : null;
}

/** LeanCloud writes dates as ISO strings in exports, and as `{__type: 'Date', iso}` in objects. */
function date(value: unknown): Date | null {
  const iso = isObject(value) && value.__type === 'Date' ? value.iso : value;
  if (typeof iso !== 'string') return null;
  const parsed = new Date(iso);
  const year = parsed.getUTCFullYear();
  return Number.isNaN(parsed.getTime()) || year < 2000 || year > 2100 ? null : parsed;
}

/** A custom gender field, as apps stored it: our words, 男/女, or WeChat's 1 (male) / 2 (female). */
function gender(value: unknown): Gender {
  if (value === 'female' || value === '女' || value === 2 || value === '2') return 'female';
  if (value === 'male' || value === '男' || value === 1 || value === '1') return 'male';
  return 'unknown';
}

function avatar(value: unknown): string {
  // A LeanCloud File pointer carries its URL; apps also stored a plain URL string.
  const url = isObject(value) ? value.url : value;
  return typeof url === 'string' && /^https?:\/\/\S+$/.test(url) && url.length <= MAX_IMPORTED_AVATAR_URL ? url : '';
}

function unionIdOf(record: Json, authData: Json): string | null {
  const weapp = isObject(authData.lc_weapp) ? authData.lc_weapp : {};
  const union = isObject(authData.lc_weapp_union) ? authData.lc_weapp_union : {};
  const weixinUnion = isObject(authData._weixin_unionid) ? authData._weixin_unionid : {};
  return (
    providerId(weapp.unionid) ??
    providerId(union.uid) ??
    providerId(union.unionid) ??
    providerId(weixinUnion.uid) ??
    providerId(weixinUnion.unionid) ??
    providerId(record._weixin_unionid)
  );
}

export function parseLeanCloudUser(record: unknown): LeanCloudUserResult {
  if (!isObject(record)) return { ok: false, reason: 'not a JSON object', objectId: null };
  const objectId = typeof record.objectId === 'string' ? record.objectId : null;
  const refuse = (reason: string): LeanCloudUserResult => ({ ok: false, reason, objectId });
  if (!objectId || !LEANCLOUD_OBJECT_ID.test(objectId)) return refuse('objectId must be 24 lowercase hex characters');
  const username = text(record.username);
  if (!username) return refuse('username is missing');
  if (username.length > MAX_IMPORTED_USERNAME) return refuse(`username is longer than ${MAX_IMPORTED_USERNAME} characters`);
  if (CONTROL_CHARS.test(username)) return refuse('username contains control characters');

  const salt = text(record.salt);
  const hash = text(record.password);
  if (Boolean(salt) !== Boolean(hash)) return refuse('password and salt must come together');
  if (salt && (salt.includes('$') || CONTROL_CHARS.test(salt))) return refuse('salt has characters LeanCloud never writes');
  if (hash && !/^[A-Za-z0-9+/]+={0,2}$/.test(hash)) return refuse('password is not a base64 LeanCloud hash');

  const notes: string[] = [];
  const rawNickname = text(record.nickname) ?? text(record.nickName) ?? username;
  const cleanNickname = rawNickname.replace(new RegExp(CONTROL_CHARS.source, 'g'), '').trim() || username;
  const nickname = [...cleanNickname].slice(0, MAX_IMPORTED_NICKNAME).join('');
  if (nickname !== rawNickname) notes.push(`nickname shortened to ${MAX_IMPORTED_NICKNAME} characters`);

  const taoqiValue = record.taoqi;
  const taoqi =
    Number.isInteger(taoqiValue) && (taoqiValue as number) >= 0 && (taoqiValue as number) <= MAX_TAOQI ? (taoqiValue as number) : 0;
  if (taoqiValue !== undefined && taoqi !== taoqiValue) notes.push('taoqi ignored (not a whole number 0-100000)');

  const createdAt = date(record.createdAt);
  if (!createdAt) return refuse('createdAt is missing or not a date');
  const authData = isObject(record.authData) ? record.authData : {};
  const weapp = isObject(authData.lc_weapp) ? authData.lc_weapp : {};
  const alipay = isObject(authData.lc_alipay) ? authData.lc_alipay : {};

  return {
    ok: true,
    user: {
      objectId,
      username,
      passwordHash: salt && hash ? `leancloud$${salt}$${hash}` : null,
      nickname,
      avatarUrl: avatar(record.avatarUrl ?? record.avatar),
      gender: gender(record.gender),
      taoqi,
      createdAt,
      updatedAt: date(record.updatedAt) ?? createdAt,
      weappOpenId: providerId(weapp.openid),
      weappUnionId: unionIdOf(record, authData),
      alipayUid: providerId(alipay.uid) ?? providerId(alipay.user_id) ?? providerId(alipay.openid),
      notes,
    },
  };
}

/** A line of an export file: blank lines and `#` header lines carry no record. */
export function exportLineKind(line: string): 'skip' | 'record' {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#') ? 'skip' : 'record';
}
