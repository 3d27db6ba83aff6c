import { useEffect, useRef, useState } from 'react';

/**
 * Milliseconds left until `targetIso`, ticking every second while there is a target.
 * `onDue` runs once per target when it is reached (the page reloads the pool then).
 */
export function useCountdown(targetIso: string | null, onDue: () => void): number | null {
  const target = targetIso ? new Date(targetIso).getTime() : Number.NaN;
  const [now, setNow] = useState(() => Date.now());
  const onDueRef = useRef(onDue);
  onDueRef.current = onDue;

  useEffect(() => {
    if (Number.isNaN(target)) return;
    let fired = false;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (!fired && current >= target) {
        fired = true;
        onDueRef.current();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [target]);

  return Number.isNaN(target) ? null : target - now;
}
