import { callFunction } from '../../../services/api';

/**
 * WeChat: the poster's code is a mini-program code from WeChat itself (the host asks
 * `wxa/getwxacodeunlimit`), which opens the join page with the invitation as its `scene`.
 */
export async function inviteQrImage(invite: { inviteCode: string; joinPath: string }): Promise<{ src: string; hint: string }> {
  const code = await callFunction('inviteWxaCode', { inviteCode: invite.inviteCode });
  return { src: `data:${code.contentType};base64,${code.imageBase64}`, hint: '微信扫一扫或长按识别小程序码，加入小黑群' };
}

export const fetchesFromServer = true;
