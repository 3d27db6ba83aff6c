import Taro from '@tarojs/taro';
import { AVATAR_DATA_URL_MAX_CHARS } from '../../../../contract/profile';

/** The picture's type from its first bytes, as base64 ("iVBOR…" PNG, "/9j/…" JPEG, "UklGR…" WebP). */
function typeOf(base64: string): string | null {
  if (base64.startsWith('iVBOR')) return 'png';
  if (base64.startsWith('/9j/')) return 'jpeg';
  if (base64.startsWith('UklGR')) return 'webp';
  return null;
}

/**
 * Mini-programs: a picture file on the phone (a chosen avatar or image) as a data URL for the
 * profile, shrunk first where the platform can. Throws with a sentence for the user when it is
 * not a picture we take or still too big.
 */
export async function pictureFileToDataUrl(filePath: string): Promise<string> {
  let path = filePath;
  try {
    const compressed = await Taro.compressImage({ src: filePath, quality: 60, compressedWidth: 160 } as Taro.compressImage.Option);
    path = compressed.tempFilePath || filePath;
  } catch {
    // Not every platform or base library can compress; the size check below still applies.
  }
  const base64 = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (result) => resolve(String(result.data)),
      fail: () => reject(new Error('读取图片失败，请换一张')),
    });
  });
  const type = typeOf(base64);
  if (!type) throw new Error('只支持 PNG、JPEG 或 WebP 图片');
  const dataUrl = `data:image/${type};base64,${base64}`;
  if (dataUrl.length > AVATAR_DATA_URL_MAX_CHARS) throw new Error('图片太大了，请换一张小一点的');
  return dataUrl;
}

/** Alipay: lets the user pick a picture (weapp uses the chooseAvatar button instead). Null when cancelled. */
export async function chooseAvatarPicture(): Promise<string | null> {
  let path: string | undefined;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    path = chosen.tempFilePaths[0];
  } catch {
    return null;
  }
  return path ? pictureFileToDataUrl(path) : null;
}
