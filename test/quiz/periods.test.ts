import { localDate, periodIds } from '../../src/quiz/periods';

test('weeks and months are counted in the channel time zone', () => {
  // Sunday 23:30 UTC is already Monday in Berlin: a new ISO week there, not in UTC.
  const at = new Date('2026-11-29T23:30:00Z');
  expect(periodIds(at, 'UTC')).toMatchObject({ week: 'w2026-W48', month: 'm2026-11' });
  expect(periodIds(at, 'Europe/Berlin')).toMatchObject({ week: 'w2026-W49', month: 'm2026-11' });
  // The last evening of November in Los Angeles is December in UTC.
  const evening = new Date('2026-12-01T03:00:00Z');
  expect(periodIds(evening, 'America/Los_Angeles').month).toBe('m2026-11');
  expect(periodIds(evening, 'UTC').month).toBe('m2026-12');
  // ISO week-numbering year: 2027-01-01 is in week 53 of 2026.
  expect(periodIds(new Date('2027-01-01T12:00:00Z'), 'UTC').week).toBe('w2026-W53');
  expect(localDate(at, 'Asia/Tokyo')).toBe('2026-11-30');
});
