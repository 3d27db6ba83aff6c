import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The calendar day that contains `now` in a named time zone (per-day limits count in Beijing
 * time, not in the server's zone): its date and its [start, end) instants.
 */
export function localDay(now: Date, timeZone: string): { date: string; start: Date; end: Date } {
  const start = dayjs(now).tz(timeZone).startOf('day');
  return { date: start.format('YYYY-MM-DD'), start: start.toDate(), end: start.add(1, 'day').toDate() };
}
