/**
 * AV.Cloud.rpc sends and expects LeanCloud's typed encoding: dates as
 * `{__type: 'Date', iso}`, objects as `{__type: 'Pointer' | 'Object', className, objectId, ...}`.
 * Our functions speak plain JSON with ISO strings and ids, so rpc params are decoded to that
 * shape and results pass through (Date values, if any, are encoded).
 */
// Recursive: the body parser (jsonBody.ts) has already refused nesting deeper than
// MAX_JSON_DEPTH and `__proto__` keys, so this neither overflows the stack nor sets a prototype.
export function decodeRpcParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeRpcParams);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.__type === 'Date' && typeof record.iso === 'string') return record.iso;
  if (record.__type === 'Pointer' && typeof record.objectId === 'string') return record.objectId;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (key === '__type' || key === 'className') continue;
    out[key] = decodeRpcParams(inner);
  }
  return out;
}

export function encodeRpcResult(value: unknown): unknown {
  if (value instanceof Date) return { __type: 'Date', iso: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeRpcResult);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encodeRpcResult(inner)]));
}
