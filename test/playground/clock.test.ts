/**
 * ⏩ Next day against real BullMQ queues: the delayed jobs due by the end of the new day (in every teammate's zone)
 * run now, later ones wait, and the watchdog's own check is left alone.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PlaygroundClock } from '../../dev/playground/clock';
import { deleteByPattern } from '../../src/store/redis';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

const HOUR = 3600_000;
let queue: Queue;
let redis: Redis;
const prefix = uniquePrefix();

beforeEach(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('tasks', { connection: redis, prefix });
});
afterEach(async () => {
  await queue.close();
  await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
});

test('a day on: what is due by the end of it runs now, in every zone; later jobs wait; the pretend day moves', async () => {
  // Noon UTC on a winter day that is always in the future (5 January next year), so every job below is delayed:
  // the end of tomorrow is 23:59 tomorrow in Berlin, 04:59 the day after in New York (winter).
  const noon = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 12);
  const clock = new PlaygroundClock(['Europe/Berlin', 'America/New_York'], () => noon);
  const at = (ms: number) => ({ delay: ms - Date.now() });
  await queue.add('review-day', {}, { jobId: 'tomorrow-berlin', ...at(noon + 21 * HOUR) }); // 09:00 tomorrow
  await queue.add('recap', {}, { jobId: 'tomorrow-night-new-york', ...at(noon + 40 * HOUR) }); // 04:00 the day after
  await queue.add('review-day', {}, { jobId: 'day-after', ...at(noon + 51 * HOUR) }); // 15:00 the day after
  await queue.add('watchdog', {}, { jobId: 'watchdog', ...at(noon + HOUR / 6) });

  expect(clock.day).toBe(0);
  const first = await clock.nextDay([queue]);
  expect(first).toEqual({ day: 1, promoted: { 'review-day': 1, recap: 1 } });
  expect(clock.pretendNow()).toBe(noon + 24 * HOUR);
  const delayed = (await queue.getDelayed()).map((j) => j.id).sort();
  expect(delayed).toEqual(['day-after', 'watchdog']);
  expect((await queue.getWaiting()).map((j) => j.id).sort()).toEqual(['tomorrow-berlin', 'tomorrow-night-new-york']);

  expect(await clock.nextDay([queue])).toEqual({ day: 2, promoted: { 'review-day': 1 } });
});
