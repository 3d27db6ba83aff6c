import { useRef } from 'react';
import { newRequestId } from '../utils/requestId';

/**
 * One requestId per intended action. An action is named by a key (e.g. `share:<itemId>`):
 * retrying after a failure reuses its id, so the server never acts twice; once it succeeded,
 * `done` forgets the id, so doing it again on purpose is a new action.
 */
export function useRequestIds() {
  const ids = useRef(new Map<string, string>());
  return {
    idFor(key: string): string {
      let id = ids.current.get(key);
      if (!id) {
        id = newRequestId();
        ids.current.set(key, id);
      }
      return id;
    },
    done(key: string): void {
      ids.current.delete(key);
    },
  };
}
