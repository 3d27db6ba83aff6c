import { z } from 'zod';

/**
 * Field rules that the cloud functions' schemas and the console's forms share, so a value the
 * console accepts is one the function accepts, with the same message.
 */

/**
 * Years a date param may fall in (UTC). Both engines and JS Date hold far wider ranges, but not
 * the same ones (year 0, +14:00 on 9999-12-31 and the like fail in one place or another, deep
 * inside a handler); no campaign, slot or deadline is legitimately outside these.
 */
export const DATE_PARAM_YEARS = { min: 2000, max: 2100 } as const;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 time with an offset whose UTC year is within DATE_PARAM_YEARS. */
export function isBoundedIsoTime(value: string): boolean {
  if (!ISO_WITH_OFFSET.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= DATE_PARAM_YEARS.min && year <= DATE_PARAM_YEARS.max;
}

const ISO_DATE_EXAMPLE = '2026-11-11T20:00:00+08:00';

/**
 * The one schema for a date param: an ISO time with an offset (e.g. 2026-11-11T20:00:00+08:00)
 * within DATE_PARAM_YEARS. Every function that takes a time uses it, so none can meet a date
 * its engine cannot store.
 */
export function isoDateTime(
  name: string,
  message = `${name} 必须是带时区偏移的 ISO 时间，年份在 ${DATE_PARAM_YEARS.min}-${DATE_PARAM_YEARS.max} 之间，例如 ${ISO_DATE_EXAMPLE}`,
) {
  return z
    .string({ required_error: `缺少 ${name}：${message}`, invalid_type_error: message })
    .max(40, message)
    .refine(isBoundedIsoTime, message);
}

/** An object id param: 24 lower-case hex digits. */
export function objectId(name: string) {
  return z
    .string({ required_error: `缺少 ${name}`, invalid_type_error: `${name} 必须是字符串` })
    .regex(/^[0-9a-f]{24}$/, `${name} 必须是 24 位的对象 id`);
}
