import { FixedClock } from '../../cloud/clock';

/**
 * Where every integration suite's clock starts unless it needs another moment: 10:00 in Beijing on a
 * Wednesday, 5 November 2025, well before the day's 20:00 split. The demo seed reads the same clock,
 * so its campaign (a week back to a month ahead of the start's day) is running at this moment.
 */
export const TEST_START = '2025-11-05T02:00:00.000Z';

/**
 * A clock for a test host that moves only when the test moves it (`advance(ms)`, `set(date)`):
 * time passes in a test by saying so, never by waiting.
 */
export function fixedClock(start: Date | string = TEST_START): FixedClock {
  return new FixedClock(start);
}
