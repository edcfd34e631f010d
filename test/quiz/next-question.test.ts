/**
 * Which question a channel gets next, against a real Redis: never one it had while a candidate is unposted, else
 * the one it had longest ago; one look-up for nearly every post, three at most.
 */
import { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { PostStore } from '../../src/store/posts';
import { FIRST_LOOK, nextQuestion } from '../../src/quiz/post-question';
import { seededRandom } from '../support/random';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

const TEAM = 'T0TEST';
const CH = 'C0QUIZ001';

let redis: Redis;
let keys: Keys;
let posts: PostStore;
let lookups: number;

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  posts = new PostStore(redis, keys);
  lookups = 0;
  const lastPosted = posts.lastPosted.bind(posts);
  posts.lastPosted = (...args) => {
    lookups++;
    return lastPosted(...args);
  };
  const oldestPosted = posts.oldestPosted.bind(posts);
  posts.oldestPosted = (...args) => {
    lookups++;
    return oldestPosted(...args);
  };
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

const ids = (n: number, prefix = 'p/q') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const post = (questionId: string, at: number) => posts.create(TEAM, CH, `${1_800_000_000 + at}.000100`, { questionId, kind: 'adhoc', seq: null, postedAt: at });
const next = (candidates: string[], seed = 1, name: string | null = null) => nextQuestion({ posts }, TEAM, CH, candidates, name, seededRandom(seed));

test('a channel that had most of the candidates gets one it never had, in two look-ups at most', async () => {
  const candidates = ids(300);
  const left = new Set(['p/q7', 'p/q150', 'p/q299']);
  let at = 0;
  for (const id of candidates) if (!left.has(id)) await post(id, ++at);
  for (let seed = 1; seed <= 20; seed++) {
    lookups = 0;
    expect(left.has((await next(candidates, seed))!)).toBe(true);
    expect(lookups).toBeLessThanOrEqual(2);
  }
});

test('while many are new, one look-up of a sample does', async () => {
  const candidates = ids(1000);
  for (let i = 0; i < 100; i++) await post(candidates[i], i + 1);
  const chosen = await next(candidates);
  expect(Number(chosen!.slice(3))).toBeGreaterThanOrEqual(100);
  expect(lookups).toBe(1);
});

test('every candidate posted: the one posted longest ago among them, not some other question', async () => {
  await post('other/q0', 1); // older, but not a candidate of this filter
  const candidates = ids(FIRST_LOOK + 40);
  const order = [...candidates].reverse();
  for (let i = 0; i < order.length; i++) await post(order[i], 10 + i);
  expect(await next(candidates)).toBe(order[0]);
  expect(lookups).toBe(2);
  // Posted again, it is now the newest: the next one follows.
  await post(order[0], 10_000);
  expect(await next(candidates)).toBe(order[1]);
});

test('a small filter is answered in one look-up; no candidates, none at all', async () => {
  await post('p/q0', 1);
  expect(await next(['p/q0', 'p/q1'])).toBe('p/q1');
  expect(await next(['p/q0'])).toBe('p/q0');
  expect(lookups).toBe(2);
  expect(await next([])).toBeNull();
  expect(lookups).toBe(2);
});

test('a filter found used up takes one look-up of the oldest posts from then on, until the record begins again', async () => {
  const candidates = ids(FIRST_LOOK * 3);
  await post('other/q0', 1);
  for (let i = 0; i < candidates.length; i++) await post(candidates[i], 10 + i);
  let at = 10_000;
  // Found used up by the full look-up (two), then each post is one look-up, in the order they were had.
  expect(await next(candidates, 1, 'f')).toBe('p/q0');
  expect(lookups).toBe(2);
  for (let i = 0; i < 5; i++) {
    lookups = 0;
    const chosen = await next(candidates, 1, 'f');
    expect(lookups).toBe(1);
    expect(chosen).toBe(i === 0 ? 'p/q0' : `p/q${i}`);
    await post(chosen!, ++at);
  }
  // The record expires (or is deleted) and begins again: every candidate is new once more.
  await redis.del(keys.channel(TEAM, CH).posted);
  await post('p/q5', ++at);
  lookups = 0;
  const fresh = await next(candidates, 1, 'f');
  expect(fresh).not.toBe('p/q5');
  expect(lookups).toBe(2); // the remembered record no longer matches, then the sample
});
