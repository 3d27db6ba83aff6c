import { serverUrl } from '../services/serverConfig';

/**
 * The image address to put in an <Image>. The server may answer with a path on the host
 * (its generated product pictures, a campaign banner); a mini-program has no origin, so the
 * path gets the server's address in front. Full URLs pass through.
 */
export function hostImageSrc(imageUrl: string | null | undefined): string | null {
  if (!imageUrl) return null;
  if (/^https?:\/\//i.test(imageUrl) || imageUrl.startsWith('data:')) return imageUrl;
  return `${serverUrl()}${imageUrl.startsWith('/') ? '' : '/'}${imageUrl}`;
}
