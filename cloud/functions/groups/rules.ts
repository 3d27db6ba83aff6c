import { DEFAULT_GROUP_RULES, type GroupRules } from '../../domain/groupRules';
import { findRulesAt } from '../../store/campaigns';
import type { Queryable } from '../../store/store';

/** How long a host reuses the running campaign's rules before reading them again. */
export const RULES_CACHE_MS = 1000;

const cache = new WeakMap<Queryable, { at: number; rules: GroupRules }>();

/**
 * The group rules in force: the running campaign's, over the product defaults. Read on every
 * create, join and `me`, so they are cached for a second: a marketer's published change reaches
 * shoppers within that.
 */
export async function groupRulesAt(db: Queryable, now: Date): Promise<GroupRules> {
  const nowMs = Date.now();
  const hit = cache.get(db);
  if (hit && nowMs - hit.at < RULES_CACHE_MS) return hit.rules;
  const rules = { ...DEFAULT_GROUP_RULES, ...((await findRulesAt(db, now)) ?? {}) } as GroupRules;
  cache.set(db, { at: nowMs, rules });
  return rules;
}
