import { TZDate } from '@date-fns/tz';
import { votePeriods } from '../../src/quiz/record-level';
import { periodIds } from '../../src/quiz/periods';

// Zones with whole-hour, half-hour and 45-minute offsets, DST either side of the equator, and Lord Howe's 30-minute DST.
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati'];

function expectSame(at: Date, tz: string): void {
  const { week, month } = periodIds(at, tz);
  expect({ at: at.toISOString(), tz, ...votePeriods(at, tz) }).toEqual({ at: at.toISOString(), tz, week, month });
}

test('the cached week and month are those of periodIds on either side of local midnights', () => {
  // A new ISO week and year, a new month, a Monday, and the DST changes of the northern and southern zones.
  const days: Array<[number, number, number]> = [[2027, 0, 1], [2026, 11, 1], [2026, 10, 30], [2026, 2, 29], [2026, 9, 25], [2026, 3, 5], [2026, 9, 4]];
  for (const tz of ZONES) {
    for (const [y, m, d] of days) {
      const midnight = new TZDate(y, m, d, 0, 0, 0, tz).getTime();
      for (const ms of [-60_001, -60_000, -1, 0, 1, 59_999, 60_000]) expectSame(new Date(midnight + ms), tz);
    }
  }
});

test('instants out of order and in turn across zones never get a stale entry', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 600; i++) {
    const at = new Date(start + Math.floor(random() * 400 * 86_400_000));
    expectSame(at, ZONES[Math.floor(random() * ZONES.length)]);
  }
});
