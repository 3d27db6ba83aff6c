import type { FieldProblem } from '../../domain/merchandising';
import { invalidParams } from '../../errors';

/** Default page size of the marketers' lists. */
export const ADMIN_PAGE_SIZE = 50;

/** A cursor over newest-first lists: the last row's creation time and id. */
export function encodeCursor(createdAt: Date, id: string): string {
  return `${createdAt.toISOString()}_${id}`;
}

/** The position a cursor names; a cursor this host did not hand out is a 142. */
export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{24})$/.exec(cursor);
  const createdAt = match ? new Date(match[1]!) : undefined;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime()))
    throw invalidParams('参数不正确（invalid params）— cursor: 必须是上一页返回的 nextCursor', [
      { path: 'cursor', message: '必须是上一页返回的 nextCursor' },
    ]);
  return { createdAt, id: match[2]! };
}

/** A 142 naming each field (under `root`, e.g. coupon.thresholdFen) with its Chinese message. */
export function fieldsError(root: string, problems: readonly FieldProblem[]) {
  const issues = problems.map((p) => ({ path: `${root}.${p.field}`, message: p.message }));
  return invalidParams(`参数不正确（invalid params）— ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}
