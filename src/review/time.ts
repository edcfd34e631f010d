import { TZDate } from '@date-fns/tz';
import { localDate } from '../quiz/periods';
import type { ReviewSettings } from '../model/reviews';
import { INTERVIEW_RETENTION, NORMAL_RETENTION } from './scheduler';

/** The person's zone, or UTC while Slack has not told us theirs. */
export function zoneOf(settings: ReviewSettings): string {
  return settings.tz ?? 'UTC';
}

/** The first instant after a local date (`2026-12-20`) in a zone: midnight at the start of the next day there. */
export function endOfLocalDate(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, tz).getTime();
}

/** The first instant after the local day that `at` falls on. */
export function endOfLocalDay(at: Date, tz: string): number {
  return endOfLocalDate(localDate(at, tz), tz);
}

/** Interview mode holds through the end of its date, in the person's zone. */
export function interviewModeAt(settings: ReviewSettings, at: Date): boolean {
  return settings.interviewUntil !== null && at.getTime() < endOfLocalDate(settings.interviewUntil, zoneOf(settings));
}

/** The requested retention that schedules a rating made at `at`. */
export function retentionAt(settings: ReviewSettings, at: Date): number {
  return interviewModeAt(settings, at) ? INTERVIEW_RETENTION : NORMAL_RETENTION;
}
