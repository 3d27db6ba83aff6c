/**
 * "The latest answer wins", for clients that load while the user keeps going: each `begin()`
 * supersedes every request begun before it and returns a check that stays true only while nothing
 * newer has begun. An answer (or failure) that arrives after a newer request was sent is dropped,
 * so a slow first page never overwrites a fresh reload. The app's and the console's loading hooks
 * share it.
 */
export interface LatestRequest {
  /** Starts a request; the returned function says whether it is still the latest one. */
  begin(): () => boolean;
}

export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    begin() {
      const ticket = ++latest;
      return () => ticket === latest;
    },
  };
}
