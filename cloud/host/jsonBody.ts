import { invalidParams, type CloudError } from '../errors';

/**
 * How deeply objects and arrays may nest in a request body. The deepest legitimate body (a
 * campaign: params → campaign → money → shareReward) is 4 levels; recursive decoding and
 * validation of thousands of levels overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Field names that would reach an object's prototype when copied by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

type Checked = { ok: true; value: unknown } | { ok: false; error: CloudError };

/**
 * Parses a JSON request body and refuses, before any route sees it, what no route can store or
 * should walk: text containing NUL (PostgreSQL refuses it in text columns, so it would surface
 * as a 500 deep inside a handler), nesting deeper than MAX_JSON_DEPTH, and `__proto__` keys.
 * An empty body is `{}` (the SDK sends nothing for a call without params).
 */
export function parseJsonBody(raw: string): Checked {
  const text = raw.trim();
  if (text === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: invalidParams('request body is not valid JSON') };
  }
  const problem = findProblem(value);
  return problem ? { ok: false, error: invalidParams(`参数不正确（invalid params）— ${problem}`) } : { ok: true, value };
}

/**
 * Walks the parsed body with an explicit stack (a recursive walk is what deep nesting breaks)
 * and describes the first problem, naming where it is as `field.0.inner` like a 142 from zod.
 */
function findProblem(root: unknown): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  const where = (path: string) => path || 'body';
  const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return `${where(path)}: text may not contain the NUL character (\\u0000)`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `${where(path)}: nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: child(path, String(i)), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.includes('\u0000')) return `${where(path)}: a field name may not contain the NUL character (\\u0000)`;
      if (FORBIDDEN_KEYS.has(key)) return `${where(path)}: "${key}" is not allowed as a field name`;
      stack.push({ value: (value as Record<string, unknown>)[key], path: child(path, key), depth: depth + 1 });
    }
  }
  return null;
}
