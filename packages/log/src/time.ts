/**
 * Timestamps as text, without ICU's time-zone data: the first `Date#toISOString`,
 * `Date#toUTCString` or `Date#toJSON` of a process makes V8 load ICU's time-zone tables
 * (≈ 0.85 MB of resident memory for the life of the process, though the output is UTC); the
 * `getUTC*` accessors these formatters use do not.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

function utcDate(ms: number): Date {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return d;
}

/** `new Date(ms).toISOString()`: `2026-12-07T05:03:25.120Z` (±YYYYYY outside years 0–9999). */
export function isoTime(ms: number = Date.now()): string {
  const d = utcDate(ms);
  const y = d.getUTCFullYear();
  const year =
    y >= 0 && y <= 9999
      ? String(y).padStart(4, '0')
      : `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}`;
  return (
    `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `.${pad3(d.getUTCMilliseconds())}Z`
  );
}

/** `new Date(ms).toUTCString()`, the HTTP `Date` header's format: `Mon, 07 Dec 2026 05:03:25 GMT`. */
export function httpDate(ms: number = Date.now()): string {
  const d = utcDate(ms);
  const y = d.getUTCFullYear();
  const year = `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}`;
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`
  );
}
