import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { FeedEventJson } from '../../../../contract/types';
import { callFunction, toCloudError, type CloudError } from '../../../services/api';
import { mergeFeed } from '../../../utils/feedText';

/** How often a visible group page asks for new events. Hidden pages do not poll. */
export const FEED_POLL_INTERVAL_MS = 4000;

/**
 * The group's timeline: loaded once, then polled with the server's cursor for newer events
 * while the page is visible. `onNewEvents` lets the page refresh members and status when
 * something happened (a friend joined, the group became active).
 */
export function useGroupFeed(groupId: string, enabled: boolean, onNewEvents: () => void) {
  const [events, setEvents] = useState<FeedEventJson[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  const cursorRef = useRef<string | null>(null);
  const visibleRef = useRef(true);
  const inFlightRef = useRef(false);
  const onNewEventsRef = useRef(onNewEvents);
  onNewEventsRef.current = onNewEvents;

  const fetchEvents = useCallback(
    async (fromStart: boolean) => {
      if (inFlightRef.current && !fromStart) return;
      inFlightRef.current = true;
      try {
        const after = fromStart ? undefined : (cursorRef.current ?? undefined);
        const result = await callFunction('groupFeed', after ? { groupId, after } : { groupId });
        if (result.cursor) cursorRef.current = result.cursor;
        setEvents((current) => (fromStart ? mergeFeed([], result.events) : mergeFeed(current, result.events)));
        setLoaded(true);
        setError(null);
        if (!fromStart && result.events.length > 0) onNewEventsRef.current();
      } catch (e) {
        setError(toCloudError(e));
      } finally {
        inFlightRef.current = false;
      }
    },
    [groupId],
  );

  useEffect(() => {
    if (!enabled) return;
    void fetchEvents(true);
    const timer = setInterval(() => {
      if (visibleRef.current) void fetchEvents(false);
    }, FEED_POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [enabled, fetchEvents]);

  useDidShow(() => {
    visibleRef.current = true;
  });
  useDidHide(() => {
    visibleRef.current = false;
  });

  return { events, loaded, error, refresh: () => fetchEvents(true) };
}
