/** Swedish local time for the audit review: date filters are Swedish calendar days. */
const TIME_ZONE = 'Europe/Stockholm';

const localFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** 'YYYY-MM-DD HH:mm:ss' in Swedish local time. */
export function swedishLocalTime(at: Date): string {
  return localFormat.format(at);
}

/**
 * The instant a Swedish calendar day begins. Sweden is UTC+1 or UTC+2, and daylight saving time
 * switches at 02:00/03:00 local, never at midnight, so one of the two offsets is right.
 */
export function swedishDayStart(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const utcMidnight = Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    if (swedishLocalTime(candidate) === `${isoDate} 00:00:00`) return candidate;
  }
  throw new Error(`${isoDate} is not a calendar date`);
}

/** The start of the Swedish day after `isoDate`: the exclusive end of a "to" date filter. */
export function swedishDayEnd(isoDate: string): Date {
  const next = new Date(`${isoDate}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return swedishDayStart(next.toISOString().slice(0, 10));
}
