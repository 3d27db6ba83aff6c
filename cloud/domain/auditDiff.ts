/**
 * The field-level difference between two JSON values, for the audit log: what a change changed.
 * Objects are compared key by key and arrays of objects item by item (paths `money.budgetFen`,
 * `lines.0.qty`); an array of plain values (`dailyAt`, `roles`) is one value, shown whole. A side
 * that does not exist (a creation's before) is null. Pure and bounded: at most `limit` changes.
 */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Changes listed per entry at most: a whole new campaign is about 30. */
export const MAX_CHANGES = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!same(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** A missing value and null read the same: a field added with a value shows before = null. */
function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

export function diffValues(before: unknown, after: unknown, limit = MAX_CHANGES): ValueChange[] {
  const changes: ValueChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (changes.length >= limit) return;
    if (isObject(a) || isObject(b)) {
      if (isObject(a) && isObject(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        for (const key of keys) walk(a[key], b[key], path ? `${path}.${key}` : key);
        return;
      }
      // An object against nothing (created, deleted): its fields one by one; against a plain value: one change.
      const other = isObject(a) ? b : a;
      if (other !== undefined && other !== null) {
        changes.push({ path: path || '(value)', before: orNull(a), after: orNull(b) });
        return;
      }
      const obj = (isObject(a) ? a : b) as Record<string, unknown>;
      for (const key of Object.keys(obj).sort()) {
        walk(isObject(a) ? a[key] : undefined, isObject(b) ? b[key] : undefined, path ? `${path}.${key}` : key);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && !(isPlainArray(a) && isPlainArray(b))) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], path ? `${path}.${i}` : String(i));
      return;
    }
    if (!same(orNull(a), orNull(b))) changes.push({ path: path || '(value)', before: orNull(a), after: orNull(b) });
  };
  walk(before, after, '');
  return changes;
}

/** The changes an audit entry's detail records (`{before, after}`); none when it holds no such pair. */
export function auditChanges(detail: Record<string, unknown>, limit = MAX_CHANGES): ValueChange[] {
  if (!('before' in detail) && !('after' in detail)) return [];
  return diffValues(detail.before, detail.after, limit);
}
