/** What the create page shows for the `me` answer: the form, or why not and what to do instead. */
export type CreateView = { kind: 'form' } | { kind: 'blocked'; title: string; reason: string; instead: string };

/**
 * An ineligible user sees the server's reason (it names the rule and her own value, e.g. 淘气值
 * 600 vs hers 560) and how to join instead, with no create button at all: nothing to tap in vain.
 */
export function createViewOf(me: { canCreateGroup: boolean; createBlockedReason?: string }): CreateView {
  if (me.canCreateGroup) return { kind: 'form' };
  return {
    kind: 'blocked',
    title: '你暂时不能创建小黑群',
    reason: me.createBlockedReason || '你暂时不满足创建小黑群的条件。',
    instead: '请好友把她的小黑群邀请链接发给你，打开就能加入。',
  };
}
