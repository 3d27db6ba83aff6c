import Taro from '@tarojs/taro';
import { withQuery } from '../routes';

/** The URL (route and query) of the page being shown, so a login can come back to it. */
export function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router) return null;
  const [path = ''] = router.path.split('?');
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(router.params ?? {})) {
    // Taro adds its own bookkeeping params ($taroTimestamp …); they must not travel along.
    if (key.startsWith('$') || key === 'stamp' || value === undefined) continue;
    params[key] = String(value);
  }
  return withQuery(path, params);
}
