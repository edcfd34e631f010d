/**
 * When reviews by DM go out: the person's time on their days in their zone, across daylight-saving changes, after
 * a hold, each person a fixed few minutes after the hour. Pure functions, no Redis.
 */
import { REVIEW_DEFAULTS, type ReviewSettings } from '../../src/model/reviews';
import { DELIVERY_SPREAD_MS, deliveryJitterMs, isDeliveryDay, nextDeliveryAt } from '../../src/review/delivery-times';

function settings(over: Partial<ReviewSettings> = {}): ReviewSettings {
  return {
    consent: 'yes',
    offeredAt: null,
    on: true,
    time: REVIEW_DEFAULTS.time,
    tz: 'UTC',
    days: [...REVIEW_DEFAULTS.days],
    max: REVIEW_DEFAULTS.max,
    pausedUntil: null,
    interviewUntil: null,
    updatedAt: 0,
    ...over,
  };
}

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

test('the next weekday at 10:00 in the person\'s zone, by default', () => {
  const s = settings({ tz: 'Europe/Berlin' });
  // Monday 2026-03-02, 08:00 UTC = 09:00 in Berlin: today at 10:00 Berlin.
  expect(iso(nextDeliveryAt(s, at('2026-03-02T08:00:00Z'), 0))).toBe('2026-03-02T09:00:00.000Z');
  // Friday after the slot: Monday (the weekend is skipped).
  expect(iso(nextDeliveryAt(s, at('2026-03-06T12:00:00Z'), 0))).toBe('2026-03-09T09:00:00.000Z');
});

test('a job acts on its own time: the next slot follows the one it ran for, wherever the clock is', () => {
  const s = settings();
  const slot = at('2026-09-15T10:00:00Z');
  const jitter = 4 * 60_000;
  // Run for its slot (slot + jitter), the next is the following weekday, also for a slot months ahead.
  expect(iso(nextDeliveryAt(s, slot + jitter, jitter))).toBe('2026-09-16T10:00:00.000Z');
  // A slot whose run (10:04) is still ahead keeps its day: a change at 10:03 does not skip today.
  expect(iso(nextDeliveryAt(s, at('2026-09-15T10:03:00Z'), jitter))).toBe('2026-09-15T10:00:00.000Z');
  expect(iso(nextDeliveryAt(s, at('2026-09-15T10:05:00Z'), jitter))).toBe('2026-09-16T10:00:00.000Z');
});

test('across daylight saving in New York: 10:00 local before and after each change', () => {
  const s = settings({ tz: 'America/New_York', days: EVERY_DAY });
  // Spring forward on Sunday 2026-03-08: 10:00 EST is 15:00 UTC, 10:00 EDT is 14:00 UTC.
  expect(iso(nextDeliveryAt(s, at('2026-03-07T15:00:00Z'), 0))).toBe('2026-03-08T14:00:00.000Z');
  expect(iso(nextDeliveryAt(s, at('2026-03-08T14:00:00Z'), 0))).toBe('2026-03-09T14:00:00.000Z');
  // Fall back on Sunday 2026-11-01.
  expect(iso(nextDeliveryAt(s, at('2026-10-31T14:00:00Z'), 0))).toBe('2026-11-01T15:00:00.000Z');
});

test('a time skipped by the spring change comes that much later; a repeated one comes once', () => {
  const gap = settings({ tz: 'America/New_York', days: EVERY_DAY, time: '02:30' });
  // 02:30 does not exist on 2026-03-08: 03:30 EDT that day, still that local date.
  const spring = nextDeliveryAt(gap, at('2026-03-07T12:00:00Z'), 0)!;
  expect(iso(spring)).toBe('2026-03-08T07:30:00.000Z');
  expect(isDeliveryDay(gap, spring)).toBe(true);
  const twice = settings({ tz: 'America/New_York', days: EVERY_DAY, time: '01:30' });
  // 01:30 happens twice on 2026-11-01: the first (EDT), and the next run is the next day's.
  const first = nextDeliveryAt(twice, at('2026-10-31T12:00:00Z'), 0)!;
  expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
  expect(iso(nextDeliveryAt(twice, first, 0))).toBe('2026-11-02T06:30:00.000Z');
});

test('half-hour shifts (Lord Howe Island) and a European spring change', () => {
  const lordHowe = settings({ tz: 'Australia/Lord_Howe', days: EVERY_DAY, time: '02:15' });
  // 02:00 → 02:30 on 2026-10-04: 02:15 is skipped, the slot is 02:45 (+11:00).
  expect(iso(nextDeliveryAt(lordHowe, at('2026-10-03T00:00:00Z'), 0))).toBe('2026-10-03T15:45:00.000Z');
  const rome = settings({ tz: 'Europe/Rome', days: EVERY_DAY });
  expect(iso(nextDeliveryAt(rome, at('2025-03-29T09:00:00Z'), 0))).toBe('2025-03-30T08:00:00.000Z');
});

test('a hold moves the next slot to the first one not before its end', () => {
  const s = settings({ pausedUntil: at('2026-03-04T12:00:00Z') });
  // Paused on Monday until Wednesday noon: Thursday 10:00.
  expect(iso(nextDeliveryAt(s, at('2026-03-02T08:00:00Z'), 0))).toBe('2026-03-05T10:00:00.000Z');
});

test('chosen days only, in the person\'s zone (a late zone\'s slot falls on the previous UTC date)', () => {
  const s = settings({ tz: 'Pacific/Kiritimati', days: [1], time: '07:00' });
  // Monday 07:00 at UTC+14 is Sunday 17:00 UTC.
  const slot = nextDeliveryAt(s, at('2026-03-04T00:00:00Z'), 0)!;
  expect(iso(slot)).toBe('2026-03-08T17:00:00.000Z');
  expect(isDeliveryDay(s, slot)).toBe(true);
  expect(nextDeliveryAt(settings({ days: [] }), 0, 0)).toBeNull();
});

test('each person has a fixed jitter under ten minutes, and a team\'s people spread out', () => {
  const jitters = Array.from({ length: 200 }, (_, i) => deliveryJitterMs('T0TEAM', `U${String(i).padStart(6, '0')}`));
  expect(deliveryJitterMs('T0TEAM', 'U000001')).toBe(jitters[1]);
  expect(Math.min(...jitters)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...jitters)).toBeLessThan(DELIVERY_SPREAD_MS);
  // Spread over the ten minutes: every minute gets some.
  expect(new Set(jitters.map((j) => Math.floor(j / 60_000))).size).toBe(10);
});
