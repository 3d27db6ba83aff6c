/**
 * Which parameter carries what the user pasted. The server recognises both links and share
 * codes in either field; we still send a link as `link` and anything else (a 淘口令 such as
 * ￥AbC123xyz￥, usually inside a longer message) as `shareCode`, and always the text as pasted.
 */
export function pastedParam(text: string): { link: string } | { shareCode: string } {
  const looksLikeLink = /https?:\/\//i.test(text) || /(taobao|tmall)\.com/i.test(text);
  return looksLikeLink ? { link: text } : { shareCode: text };
}

/**
 * What the add page says once the server answered. `merged` means the product was already on
 * this list: a groupmate's repeat counts as her want, the adder's own repeat changes nothing.
 */
export function addedMessage(
  reply: { merged: boolean; item: { addedBy: { userId: string; nickname: string } } },
  myUserId: string | null,
  listLabel: string,
): string {
  if (!reply.merged) return `已加入${listLabel}`;
  if (reply.item.addedBy.userId === myUserId) return `你已经加过这件宝贝了，它就在${listLabel}里`;
  return `${listLabel}里已有它（${reply.item.addedBy.nickname} 加的），已帮你点了想要`;
}
