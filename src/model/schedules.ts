/** A channel's question-of-the-day schedule. */
import type { Level } from './levels';

export interface ScheduleSettings {
  /** Local time of day, `HH:MM`. */
  time: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  tz: string;
  /** Days of the week it posts on, 0 = Sunday … 6 = Saturday, sorted. */
  days: number[];
  level: Level | null;
  topics: string[];
  /** Reveal the answer this many minutes after posting if nobody has; null = never. */
  revealAfterMinutes: number | null;
  setBy: string;
  updatedAt: number;
  /** Why posting stopped by itself (archived channel, bot removed), or null while active. */
  pausedReason: string | null;
}

export const DAY_NAMES: readonly string[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
export const EVERY_DAY: readonly number[] = [0, 1, 2, 3, 4, 5, 6];
