import { format } from 'date-fns';
import { tz as inZone } from '@date-fns/tz';

/** Board period ids for a moment in a time zone: ISO weeks and calendar months, local to the channel. */
export function periodIds(at: Date, timeZone: string): { week: string; month: string; weekLabel: string; monthLabel: string } {
  const opts = { in: inZone(timeZone) };
  return {
    week: `w${format(at, "RRRR-'W'II", opts)}`,
    month: `m${format(at, 'yyyy-MM', opts)}`,
    weekLabel: `week ${format(at, 'I, RRRR', opts)}`,
    monthLabel: format(at, 'MMMM yyyy', opts),
  };
}

/** The local calendar date (`2026-11-25`) of a moment in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return format(at, 'yyyy-MM-dd', { in: inZone(timeZone) });
}

/** True when the zone is one the runtime knows (IANA names like `Europe/Berlin`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
