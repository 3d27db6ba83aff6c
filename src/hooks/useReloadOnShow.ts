import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Tab pages stay alive when the user switches away, so they reload whenever shown again
 * (a group joined elsewhere must appear). The first show is skipped: the initial load
 * already happens when the page mounts.
 */
export function useReloadOnShow(reload: () => unknown, enabled: boolean): void {
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true;
      return;
    }
    if (enabled) void reload();
  });
}
