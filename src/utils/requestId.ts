/**
 * A client-generated id for one intended action (create this group, pay this order). The
 * server acts once per id, so a retry after a timeout must reuse the id, and a new action
 * must get a new one. Uniqueness per user is what matters, not unpredictability.
 */
export function newRequestId(): string {
  const time = Date.now().toString(36);
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const more = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${time}-${random}${more}`;
}
