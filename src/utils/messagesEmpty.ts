/**
 * The hint under Messages' empty state. Only a user who may create a group is pointed at the +
 * menu; everyone else (and anyone while that is still being checked) is told how to join one.
 */
export function messagesEmptyHint(canCreateGroup: boolean | null): string {
  if (canCreateGroup === true) return '点右上角的 + 创建小黑群；好友发来的邀请链接打开后就能加入。';
  return '打开好友发来的邀请链接，就能加入她的小黑群。';
}
