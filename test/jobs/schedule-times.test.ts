/**
 * When does a channel's question of the day run? The cron pattern we build, fed to BullMQ's own
 * next-run function, across daylight-saving changes. Pure: no Redis, no waiting.
 */
import { getNextMillis } from 'bullmq';
import { cronPattern } from '../../src/quiz/schedule';
import { localDate } from '../../src/quiz/periods';

const WEEKDAYS = [1, 2, 3, 4, 5];
const DAILY = [0, 1, 2, 3, 4, 5, 6];

function nextRuns(fromIso: string, time: string, days: number[], tz: string, count: number): string[] {
  const pattern = cronPattern({ time, days });
  const runs: string[] = [];
  let millis = Date.parse(fromIso);
  for (let i = 0; i < count; i++) {
    millis = getNextMillis(millis, { pattern, tz })!;
    runs.push(new Date(millis).toISOString());
  }
  return runs;
}

test('the cron pattern names minute, hour and days', () => {
  expect(cronPattern({ time: '09:30', days: WEEKDAYS })).toBe('30 9 * * 1,2,3,4,5');
  expect(cronPattern({ time: '00:05', days: [0, 6] })).toBe('5 0 * * 0,6');
});

test('New York 09:00 on weekdays keeps local time across the March change', () => {
  // DST starts Sunday 2026-03-08: 09:00 EST is 14:00Z before, 09:00 EDT is 13:00Z after.
  expect(nextRuns('2026-03-05T15:00:00Z', '09:00', WEEKDAYS, 'America/New_York', 3)).toEqual([
    '2026-03-06T14:00:00.000Z',
    '2026-03-09T13:00:00.000Z',
    '2026-03-10T13:00:00.000Z',
  ]);
});

test('New York 09:00 daily keeps local time across the November change', () => {
  // DST ends Sunday 2026-11-01.
  expect(nextRuns('2026-10-31T00:00:00Z', '09:00', DAILY, 'America/New_York', 3)).toEqual([
    '2026-10-31T13:00:00.000Z',
    '2026-11-01T14:00:00.000Z',
    '2026-11-02T14:00:00.000Z',
  ]);
});

test('a time inside the spring-forward gap still posts once that day', () => {
  // Berlin skips 02:00–03:00 on 2026-03-29.
  const runs = nextRuns('2026-03-28T12:00:00Z', '02:30', DAILY, 'Europe/Berlin', 3);
  const dates = runs.map((r) => localDate(new Date(r), 'Europe/Berlin'));
  expect(dates).toEqual(['2026-03-29', '2026-03-30', '2026-03-31']);
  expect(runs[1]).toBe('2026-03-30T00:30:00.000Z');
});

test('a time inside the fall-back overlap posts once that day', () => {
  // Berlin lives 02:00–03:00 twice on 2026-10-25.
  const runs = nextRuns('2026-10-24T12:00:00Z', '02:30', DAILY, 'Europe/Berlin', 3);
  const dates = runs.map((r) => localDate(new Date(r), 'Europe/Berlin'));
  expect(dates).toEqual(['2026-10-25', '2026-10-26', '2026-10-27']);
});

// Known upstream bug: cron-parser 5.10 ("loop limit exceeded") finds no run after the
// half-hour DST change on Lord Howe Island, and BullMQ then silently creates no next job.
// This test fails while the bug stands; when it passes, drop `.failing` and the note in the README.
test.failing('Lord Howe Island shifts by half an hour', () => {
  // DST ends 2026-04-05 (UTC+11 → UTC+10:30).
  expect(nextRuns('2026-04-03T00:00:00Z', '09:00', DAILY, 'Australia/Lord_Howe', 3)).toEqual([
    '2026-04-03T22:00:00.000Z',
    '2026-04-04T22:00:00.000Z',
    '2026-04-05T22:30:00.000Z',
  ]);
});
