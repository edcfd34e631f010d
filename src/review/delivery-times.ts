/**
 * When reviews by DM go out: at the person's time of day in their zone, on their days, never during a hold, each
 * person a few minutes after the hour by a jitter of their own (so a workspace's people due at 10:00 do not all
 * post in the same second). Pure: every instant comes in as an argument.
 */
import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { ReviewSettings } from '../model/reviews';
import { localDate } from '../quiz/periods';
import { zoneOf } from './time';

/** Delivery jobs of one workspace spread over this long after the person's time (a deterministic offset each). */
export const DELIVERY_SPREAD_MS = 10 * 60_000;

/** The person's offset after their time of day: the same every day, different for most people of a team. */
export function deliveryJitterMs(team: string, user: string): number {
  const hash = createHash('sha256').update(`${team}/${user}`).digest();
  return hash.readUInt32BE(0) % DELIVERY_SPREAD_MS;
}

/** Day of the week (0 = Sunday) of a local date `YYYY-MM-DD`. */
function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `date` moved by `days` calendar days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The instant of the person's time of day on a local date in their zone. A time that does not exist that day (the
 * hour skipped when clocks go forward) comes that much later, at the same distance from midnight in the new
 * offset (02:30 → 03:30); a time that happens twice (clocks going back) is its first occurrence.
 */
export function slotOn(date: string, time: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y, m - 1, d, hh, mm, 0, 0, tz).getTime();
}

/** True when the slot's local date is one of the person's days. */
export function isDeliveryDay(settings: ReviewSettings, slot: number): boolean {
  return settings.days.includes(weekdayOf(localDate(new Date(slot), zoneOf(settings))));
}

/**
 * The next delivery slot (the person's time of day on one of their days, in their zone) whose job runs after
 * `afterRun` (the slot plus the person's jitter), and that is not before the end of a hold: its nominal instant,
 * which is what the job acts on. Null when the person has no days.
 */
export function nextDeliveryAt(settings: ReviewSettings, afterRun: number, jitterMs: number): number | null {
  if (!settings.days.length) return null;
  const tz = zoneOf(settings);
  const notBefore = settings.pausedUntil ?? -Infinity;
  // From the day before (a late zone's slot can fall on the previous UTC date) through two weeks ahead.
  let date = addDays(localDate(new Date(Math.max(afterRun - jitterMs, notBefore)), tz), -1);
  for (let i = 0; i < 16; i++, date = addDays(date, 1)) {
    if (!settings.days.includes(weekdayOf(date))) continue;
    const slot = slotOn(date, settings.time, tz);
    if (slot + jitterMs > afterRun && slot >= notBefore) return slot;
  }
  return null;
}

