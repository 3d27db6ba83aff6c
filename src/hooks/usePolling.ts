import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Calls `tick` every `intervalMs` while `enabled` and the page is visible, so what friends do
 * elsewhere (a seat taken, a part paid) shows up without pulling down. Hidden pages stay quiet.
 */
export function usePolling(tick: () => unknown, intervalMs: number, enabled: boolean): void {
  const visible = useRef(true);
  const tickRef = useRef(tick);
  tickRef.current = tick;

  useDidShow(() => {
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });

  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (visible.current) void tickRef.current();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [enabled, intervalMs]);
}
