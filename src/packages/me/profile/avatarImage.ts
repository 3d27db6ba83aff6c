import Taro from '@tarojs/taro';
import { AVATAR_DATA_URL_MAX_CHARS } from '../../../../contract/profile';

/** Side of the square avatar picture we store, in pixels. */
const AVATAR_SIDE = 160;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('这张图片打不开，请换一张'));
    image.src = src;
  });
}

/**
 * H5: lets the user pick a picture, crops its centre square and shrinks it to 160×160 JPEG, as
 * a data URL small enough for the profile (contract/profile.ts). Null when the user cancelled.
 */
export async function chooseAvatarPicture(): Promise<string | null> {
  let path: string | undefined;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    path = chosen.tempFilePaths[0];
  } catch {
    return null;
  }
  if (!path) return null;
  const image = await loadImage(path);
  const side = Math.min(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIDE;
  canvas.height = AVATAR_SIDE;
  const context = canvas.getContext('2d');
  if (!context || side === 0) throw new Error('这张图片打不开，请换一张');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, AVATAR_SIDE, AVATAR_SIDE);
  context.drawImage(image, (image.naturalWidth - side) / 2, (image.naturalHeight - side) / 2, side, side, 0, 0, AVATAR_SIDE, AVATAR_SIDE);
  for (const quality of [0.85, 0.7, 0.5]) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    if (dataUrl.length <= AVATAR_DATA_URL_MAX_CHARS) return dataUrl;
  }
  throw new Error('图片太大了，请换一张');
}
