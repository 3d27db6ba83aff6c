/**
 * Which parameter carries what the user pasted. The server recognises both links and share
 * codes in either field; we still send a link as `link` and anything else (a 淘口令 such as
 * ￥AbC123xyz￥, usually inside a longer message) as `shareCode`, and always the text as pasted.
 */
export function pastedParam(text: string): { link: string } | { shareCode: string } {
  const looksLikeLink = /https?:\/\//i.test(text) || /(taobao|tmall)\.com/i.test(text);
  return looksLikeLink ? { link: text } : { shareCode: text };
}
