import { accountIds } from '../domain/money/posting';
import type { UserScope } from '../store/readVersions';
import type { CallContext } from './define';

/**
 * A group screen's answer through the host's read cache (cloud/readCache.ts): one small statement
 * (shared with the checks of other calls in flight, cloud/statementBatcher.ts) reads the group's
 * version, the caller's membership and (`withPool`) the pool's balance; the stored answer is
 * used when the version has not moved, otherwise `load` runs and its answer is stored. For anyone
 * who is not a member `load` runs uncached, and its own checks answer (101 no group, 119 not a
 * member), so what a member is refused never depends on the cache.
 *
 * `key` must name everything the answer depends on besides the group's data: the function, its
 * parameters and, where the answer differs per member, the caller.
 */
export async function readGroupScreen<T>(
  ctx: CallContext<'user'>,
  groupId: string,
  key: string,
  load: () => Promise<T>,
  options: { withPool?: boolean } = {},
): Promise<{ value: T; poolFen: number }> {
  const state = await ctx.readVersions.group.ask({
    groupId,
    userId: ctx.user.id,
    poolAccountId: options.withPool ? accountIds.pool(groupId) : null,
  });
  if (!state.member) return { value: await load(), poolFen: state.poolFen };
  return { value: await ctx.reads.through(key, state.version, load), poolFen: state.poolFen };
}

/**
 * One of her own screens (her notices, her order history) through the host's read cache: one
 * small statement reads the version of that scope of hers; `key` must name the function and its
 * parameters (the user is added here).
 */
export async function readUserScreen<T>(ctx: CallContext<'user'>, scope: UserScope, key: string, load: () => Promise<T>): Promise<T> {
  const version = await ctx.readVersions.user.ask({ scope, userId: ctx.user.id });
  return ctx.reads.through(readKey(scope, ctx.user.id, key), version, load);
}

/** A cache key from its parts; the separator cannot occur in ids or validated parameters. */
export function readKey(...parts: Array<string | number | undefined>): string {
  return parts.map((part) => (part === undefined ? '' : String(part))).join('\u0000');
}
