import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

const HOUR_MS = 3_600_000;

interface Day {
  date: string;
  startMs: number;
  endMs: number;
}

/**
 * The last day computed per time zone. Time-zone arithmetic is costly (dayjs goes through
 * Intl for every conversion) and every share asks for the current day twice, while the answer
 * changes once a day: a day is one unbroken interval, so any instant inside it gets it back.
 */
const lastDayByZone = new Map<string, Day>();

/**
 * The calendar day that contains `now` in a named time zone (per-day limits count in Beijing
 * time, not in the server's zone): its date and its [start, end) instants.
 */
export function localDay(now: Date, timeZone: string): { date: string; start: Date; end: Date } {
  const ms = now.getTime();
  let day = lastDayByZone.get(timeZone);
  if (!day || ms < day.startMs || ms >= day.endMs) {
    const start = dayjs(now).tz(timeZone).startOf('day');
    // Not start + 24 h: a day with a daylight-saving change lasts 23 or 25 hours. 30 hours after
    // its start is always inside the next day, whose start is this day's end.
    const end = dayjs(start.valueOf() + 30 * HOUR_MS)
      .tz(timeZone)
      .startOf('day');
    day = { date: start.format('YYYY-MM-DD'), startMs: start.valueOf(), endMs: end.valueOf() };
    lastDayByZone.set(timeZone, day);
  }
  return { date: day.date, start: new Date(day.startMs), end: new Date(day.endMs) };
}
