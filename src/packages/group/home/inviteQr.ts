import qrcode from 'qrcode-generator';
import { serverUrl } from '../../../services/serverConfig';
import { h5ShareLink } from '../../../routes';

/**
 * H5 and Alipay: the poster's QR code is drawn here from the invitation's H5 link (the host
 * serves the H5 app on its own origin, so an Alipay poster opens in any phone's browser).
 * WeChat uses a mini-program code instead (inviteQr.weapp.ts).
 */
export async function inviteQrImage(invite: { inviteCode: string; joinPath: string }): Promise<{ src: string; hint: string }> {
  const link =
    process.env.TARO_ENV === 'h5' && typeof window !== 'undefined'
      ? h5ShareLink(invite.joinPath, window.location)
      : h5ShareLink(invite.joinPath, { origin: serverUrl(), pathname: '/' });
  const qr = qrcode(0, 'M');
  qr.addData(link);
  qr.make();
  return { src: qr.createDataURL(8, 2), hint: '用手机扫码或长按识别，加入小黑群' };
}

/** H5 and Alipay draw the code on the phone; WeChat asks the server. */
export const fetchesFromServer = false;
