/**
 * Campaign times: stored as ISO 8601 with an offset, entered and shown as wall-clock times in the
 * campaign's own time zone (which is usually not the marketer's browser zone).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const LOCAL_INPUT_FORMAT = 'YYYY-MM-DDTHH:mm';

export const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'America/Los_Angeles',
  'UTC',
];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "2024-10-20T00:00" in Asia/Shanghai → "2024-10-20T00:00:00+08:00"; null when not a valid local time. */
export function localToIso(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) || !isValidTimeZone(timeZone)) return null;
  const parsed = dayjs.tz(local, LOCAL_INPUT_FORMAT, timeZone);
  return parsed.isValid() ? parsed.format() : null;
}

/** An ISO instant → its wall-clock time in `timeZone`, for a datetime-local input. */
export function isoToLocal(iso: string, timeZone: string): string {
  const parsed = dayjs(iso);
  if (!parsed.isValid()) return '';
  return (isValidTimeZone(timeZone) ? parsed.tz(timeZone) : parsed).format(LOCAL_INPUT_FORMAT);
}

/** "Oct 20, 2024 00:00 (Asia/Shanghai)" */
export function formatInZone(iso: string | null | undefined, timeZone: string, withZone = true): string {
  if (!iso) return '—';
  const parsed = dayjs(iso);
  if (!parsed.isValid()) return '—';
  const text = (isValidTimeZone(timeZone) ? parsed.tz(timeZone) : parsed).format('YYYY-MM-DD HH:mm');
  return withZone ? `${text} (${timeZone})` : text;
}

/** To the second, for records people match against other systems: "2024-10-20 09:05:07"; "—" without a time. */
export function formatStamp(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const parsed = dayjs(iso);
  if (!parsed.isValid()) return '—';
  return (isValidTimeZone(timeZone) ? parsed.tz(timeZone) : parsed).format('YYYY-MM-DD HH:mm:ss');
}

/** The offset of a zone at an instant, e.g. "UTC+08:00". */
export function zoneOffset(timeZone: string, at: Date = new Date()): string {
  if (!isValidTimeZone(timeZone)) return '';
  return `UTC${dayjs(at).tz(timeZone).format('Z')}`;
}

/**
 * The first split after `now`: each daily HH:mm in the campaign zone within the window, plus the
 * end of the window when a final split is configured (the same rule the backend uses).
 */
export function nextSplit(
  window: { startsAt: string; endsAt: string; timeZone: string },
  dailyAt: string[],
  finalSplit: boolean,
  now: Date,
): Date | null {
  const start = dayjs(window.startsAt);
  const end = dayjs(window.endsAt);
  if (!start.isValid() || !end.isValid() || !isValidTimeZone(window.timeZone) || !end.isAfter(start)) return null;
  const from = dayjs(Math.max(now.getTime(), start.valueOf() - 1));
  const times = dailyAt.filter((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t));
  let day = from.tz(window.timeZone).startOf('day');
  const lastDay = end.tz(window.timeZone).startOf('day');
  for (let i = 0; i < 400 && !day.isAfter(lastDay); i++, day = day.add(1, 'day')) {
    const slots = times
      .map((t) => dayjs.tz(`${day.format('YYYY-MM-DD')} ${t}`, 'YYYY-MM-DD HH:mm', window.timeZone))
      .filter((slot) => slot.isAfter(from) && !slot.isBefore(start) && slot.isBefore(end))
      .sort((a, b) => a.valueOf() - b.valueOf());
    const [first] = slots;
    if (first) return first.toDate();
  }
  return finalSplit && end.isAfter(dayjs(now)) ? end.toDate() : null;
}

/** Time left as "2d 03:04:05" / "03:04:05"; "00:00:00" once due. */
export function formatCountdown(remainingMs: number, dayLabel = 'd'): string {
  const total = Math.max(0, Math.floor(remainingMs / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(total / 86_400);
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}${dayLabel} ${clock}` : clock;
}

export { dayjs };
