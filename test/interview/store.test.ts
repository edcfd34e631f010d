/** The interview store's scripts against a real Redis: one winner per transition, nothing left behind. */
import { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { ENDED_TTL_SECONDS, InterviewStore, OPEN_TTL_SECONDS, RATE_WINDOW_SECONDS, type NewInterview } from '../../src/store/interviews';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

let redis: Redis;
let keys: Keys;
let store: InterviewStore;
const T = 'T1';

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  store = new InterviewStore(redis, keys);
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

const base = (id: string, interviewer = 'UA', candidate = 'UB'): NewInterview => ({
  id,
  channel: 'C1',
  interviewer,
  candidate,
  count: 2,
  requested: 2,
  level: null,
  topics: ['k8s'],
  createdBy: interviewer,
  now: 1_000,
});

/** Limits no test below reaches unless it means to. */
const ROOMY = { maxOpen: 10, perHour: 100 };

async function running(id: string) {
  await store.create(T, base(id), ROOMY);
  const iv = (await store.get(T, id))!;
  expect(await store.begin(T, iv, 'q/one', 'UB', 2_000)).toBe('started');
  await store.recordPosted(T, iv, 0, 'q/one', '1.0', 2_000);
  return (await store.get(T, id))!;
}

test('one open interview per pair, either direction; a closed one frees the pair', async () => {
  expect(await store.create(T, base('aaaaaa111111'), ROOMY)).toEqual({ status: 'ok' });
  expect(await store.create(T, base('bbbbbb222222'), ROOMY)).toEqual({ status: 'busy', id: 'aaaaaa111111' });
  expect(await store.create(T, base('bbbbbb222222', 'UB', 'UA'), ROOMY)).toEqual({ status: 'busy', id: 'aaaaaa111111' });
  expect(await store.create(T, base('cccccc333333', 'UA', 'UC'), ROOMY)).toEqual({ status: 'ok' });
  expect(await redis.ttl(keys.interview(T, 'aaaaaa111111'))).toBeGreaterThan(OPEN_TTL_SECONDS - 5);
  expect(await redis.ttl(keys.interviewPair(T, 'UA', 'UB'))).toBeGreaterThan(OPEN_TTL_SECONDS - 5);

  const iv = (await store.get(T, 'aaaaaa111111'))!;
  expect(iv.topics).toEqual(['k8s']);
  expect(await store.close(T, iv, 'cancel', 'UB', 3_000)).toEqual({ status: 'ok', previous: 'pending' });
  expect(await redis.exists(keys.interviewPair(T, 'UA', 'UB'))).toBe(0);
  expect(await redis.ttl(keys.interview(T, 'aaaaaa111111'))).toBeLessThanOrEqual(ENDED_TTL_SECONDS);
  expect(await store.create(T, base('bbbbbb222222', 'UB', 'UA'), ROOMY)).toEqual({ status: 'ok' });
});

test('fifty concurrent ratings of one question: one moves on, the rest see it done', async () => {
  const iv = await running('dddddd444444');
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      store.advance(T, iv, { index: 0, fromTs: '1.0', rating: (i % 4) as 0 | 1 | 2 | 3, nextQuestionId: `q/next${i}`, by: 'UA', now: 5_000 }),
    ),
  );
  expect(results.filter((r) => r.status === 'next')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'stale')).toHaveLength(49);
  const after = (await store.get(T, iv.id))!;
  expect(after.index).toBe(1);
  expect(after.slots).toHaveLength(2);
  expect(after.touchedAt).toBe(5_000);
});

test('a click from another message, or on a question not asked, changes nothing', async () => {
  const iv = await running('eeeeee555555');
  expect((await store.advance(T, iv, { index: 0, fromTs: '9.9', rating: 3, nextQuestionId: 'q/x', by: 'UA', now: 5_000 })).status).toBe('mismatch');
  expect((await store.advance(T, iv, { index: 1, fromTs: '1.0', rating: 3, nextQuestionId: 'q/x', by: 'UA', now: 5_000 })).status).toBe('mismatch');
  expect(await redis.hget(keys.interview(T, iv.id), 'r:0')).toBeNull();
});

test('the last rating ends it once and counts it; an undone advance can be clicked again', async () => {
  const iv = await running('ffffff666666');
  expect((await store.advance(T, iv, { index: 0, fromTs: '1.0', rating: 1, nextQuestionId: 'q/two', by: 'UA', now: 5_000 })).status).toBe('next');
  expect(await store.undoAdvance(T, iv.id, 0)).toBe(true);
  expect((await store.get(T, iv.id))!.index).toBe(0);
  expect((await store.advance(T, iv, { index: 0, fromTs: '1.0', rating: 1, nextQuestionId: 'q/two', by: 'UA', now: 5_000 })).status).toBe('next');
  await store.recordPosted(T, iv, 1, 'q/two', '1.1', 5_000);
  expect(await store.undoAdvance(T, iv.id, 0)).toBe(false); // its question is out: no undo
  const both = await Promise.all([1, 2].map(() => store.advance(T, iv, { index: 1, fromTs: '1.1', rating: 'skip', nextQuestionId: null, by: 'UA', now: 6_000 })));
  expect(both.map((r) => r.status).sort()).toEqual(['ended', 'stale']);
  expect(await store.counts(T, 'UA')).toEqual({ given: 1, taken: 0 });
  expect(await store.counts(T, 'UB')).toEqual({ given: 0, taken: 1 });
  expect(await redis.exists(keys.interviewPair(T, 'UA', 'UB'))).toBe(0);
  const seen = await store.seen(T, 'UB');
  expect([...seen.keys()].sort()).toEqual(['q/one', 'q/two']);
  expect(await redis.ttl(keys.interviewSeen(T, 'UB'))).toBeGreaterThan(0);
});

test('expire closes only an interview untouched for the idle time, and never a closed one', async () => {
  const iv = await running('gggggg777777');
  expect(await store.close(T, iv, 'expire', 'auto', 2_000 + 999, 1_000)).toEqual({ status: 'later', touchedAt: 2_000 });
  expect(await store.close(T, iv, 'expire', 'auto', 2_000 + 1_000, 1_000)).toEqual({ status: 'ok', previous: 'running' });
  expect(await store.close(T, iv, 'expire', 'auto', 9_000, 1_000)).toEqual({ status: 'stale', current: 'expired' });
  expect(await store.close(T, iv, 'end', 'UA', 9_000)).toEqual({ status: 'stale', current: 'expired' });
  expect(await store.counts(T, 'UA')).toEqual({ given: 0, taken: 0 });
});

test('an interviewer has at most maxOpen open interviews and opens at most perHour an hour', async () => {
  const limits = { maxOpen: 2, perHour: 3 };
  expect(await store.create(T, base('hhhhhh000001', 'UA', 'U1'), limits)).toEqual({ status: 'ok' });
  expect(await store.create(T, base('hhhhhh000002', 'UA', 'U2'), limits)).toEqual({ status: 'ok' });
  expect(await store.create(T, base('hhhhhh000003', 'UA', 'U3'), limits)).toEqual({ status: 'full', open: 2 });
  // Another interviewer is not held back, and the refused one counted nothing.
  expect(await store.create(T, base('hhhhhh000004', 'UZ', 'U3'), limits)).toEqual({ status: 'ok' });
  const first = (await store.get(T, 'hhhhhh000001'))!;
  await store.close(T, first, 'cancel', 'UA', 3_000);
  expect(await store.create(T, base('hhhhhh000005', 'UA', 'U3'), limits)).toEqual({ status: 'ok' });
  const third = (await store.get(T, 'hhhhhh000005'))!;
  await store.close(T, third, 'cancel', 'UA', 3_000);
  // Three opened this hour: open → cancel cannot go on.
  const refused = await store.create(T, base('hhhhhh000006', 'UA', 'U4'), limits);
  expect(refused.status).toBe('rate');
  expect(refused.status === 'rate' && refused.retryInSeconds).toBeGreaterThan(RATE_WINDOW_SECONDS - 5);
  expect(await redis.ttl(keys.interviewOpenRate(T, 'UA'))).toBeGreaterThan(0);
  expect(await store.get(T, 'hhhhhh000006')).toBeNull();
});

test('an unrecorded question: one caller takes its claim over; recording checks the question', async () => {
  const iv = await running('iiiiii888888');
  expect((await store.advance(T, iv, { index: 0, fromTs: '1.0', rating: 2, nextQuestionId: 'q/two', by: 'UA', now: 5_000 })).status).toBe('next');
  const claimed = (await store.get(T, iv.id))!.slots[1];
  expect(claimed).toEqual({ index: 1, questionId: 'q/two', ts: null, claimedAt: 5_000, rating: null });
  const takes = await Promise.all([1, 2, 3].map(() => store.reclaimQuestion(T, iv.id, 1, 5_000, 30_000)));
  expect(takes.filter(Boolean)).toHaveLength(1);
  expect(await store.reclaimQuestion(T, iv.id, 0, 2_000, 30_000)).toBe(false); // not the question on the table
  // Given up (0): the next caller may take it at once.
  expect(await store.reclaimQuestion(T, iv.id, 1, 30_000, 0)).toBe(true);
  expect(await store.reclaimQuestion(T, iv.id, 1, 0, 40_000)).toBe(true);
  expect(await store.recordPosted(T, iv, 1, 'q/other', '1.1', 40_000)).toBe(false);
  expect(await store.recordPosted(T, iv, 1, 'q/two', '1.1', 40_000)).toBe(true);
  expect(await store.reclaimQuestion(T, iv.id, 1, 40_000, 50_000)).toBe(false); // recorded: nothing to take over
});
