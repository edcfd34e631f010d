/**
 * When a channel's weekly recap comes: at its schedule's time on the first of its scheduled days in the week
 * (weeks start on Monday, as the boards' ISO weeks do), and which week one run is for.
 */
import type { ScheduleSettings } from '../model/schedules';
import { periodIds } from '../quiz/periods';

export const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The first of the days in a Monday-first week: `weekdays` → Monday, `weekends` → Saturday, `sun` → Sunday. */
export function firstScheduledDay(days: readonly number[]): number {
  const mondayFirst = (d: number) => (d + 6) % 7;
  return [...days].sort((a, b) => mondayFirst(a) - mondayFirst(b))[0] ?? 1;
}

/** The recap's scheduler timing: a cron pattern (minute, hour, its day) in the schedule's zone. */
export function recapTiming(s: Pick<ScheduleSettings, 'time' | 'days' | 'tz'>): { pattern: string; tz: string } {
  const [hour, minute] = s.time.split(':').map(Number);
  return { pattern: `${minute} ${hour} * * ${firstScheduledDay(s.days)}`, tz: s.tz };
}

/**
 * The week one run covers: the seven days before the time it was scheduled for (not the time it runs, which a
 * retry or a queue backlog makes later), claimed by that time's ISO week in the channel's zone, so each week has
 * one recap however often its job runs.
 */
export function recapWeek(scheduledAt: Date, tz: string): { week: string; from: number; to: number } {
  const to = scheduledAt.getTime();
  return { week: periodIds(scheduledAt, tz).week, from: to - WEEK_MS, to };
}
