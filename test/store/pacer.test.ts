/** The per-team post pacer against a real Redis: each team its own minute, each channel its own second, 429 blocks one team. */
import { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { PacerStore } from '../../src/store/pacer';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

let redis: Redis;
let keys: Keys;
let pacer: PacerStore;
const T0 = 1_800_000_000_000;

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  pacer = new PacerStore(redis, keys, { perMinute: 5, perSecond: 1 });
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

test("a team's burst uses its whole minute at once, then waits until its oldest slot leaves the minute", async () => {
  const waits = [];
  for (let i = 0; i < 6; i++) waits.push(await pacer.take('TA', `C${i}`, T0 + i * 10));
  expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  // The sixth must wait for the first slot (taken at T0) to be a minute old, and half a second more: Slack counts
  // the first post when it arrived, a moment after T0, so a slot taken at T0 + 60 s could still be refused.
  expect(waits[5]).toBe(60_500 - 50);
  expect(await pacer.take('TA', 'C9', T0 + 60_001)).toBe(499);
  expect(await pacer.take('TA', 'C9', T0 + 60_501)).toBe(0);
});

test('one busy team does not slow another', async () => {
  for (let i = 0; i < 5; i++) await pacer.take('TA', `C${i}`, T0);
  expect(await pacer.take('TA', 'CX', T0 + 1)).toBeGreaterThan(0);
  expect(await pacer.take('TB', 'CX', T0 + 1)).toBe(0);
});

test('a channel gets one post a second; other channels of the team are not held by it', async () => {
  expect(await pacer.take('TA', 'C1', T0)).toBe(0);
  expect(await pacer.take('TA', 'C1', T0 + 200)).toBe(800);
  expect(await pacer.take('TA', 'C2', T0 + 200)).toBe(0);
  expect(await pacer.take('TA', 'C1', T0 + 1001)).toBe(0);
});

test("Slack's Retry-After blocks that team only, until it is over", async () => {
  await pacer.block('TA', T0 + 30_000, T0);
  expect(await pacer.take('TA', 'C1', T0 + 10)).toBe(29_990);
  expect(await pacer.take('TB', 'C1', T0 + 10)).toBe(0);
  // An earlier block does not shorten a later one.
  await pacer.block('TA', T0 + 5_000, T0 + 20);
  expect(await pacer.take('TA', 'C1', T0 + 6_000)).toBe(24_000);
  expect(await pacer.take('TA', 'C1', T0 + 30_000)).toBe(0);
});

test('a waiting take leaves no slot behind, and a team with no channel is paced by its minute alone', async () => {
  for (let i = 0; i < 5; i++) await pacer.take('TA', null, T0);
  expect(await pacer.take('TA', null, T0 + 1)).toBeGreaterThan(0);
  expect(await redis.zcard(keys.pace('TA').minute)).toBe(5);
});
