/**
 * The vote and board scripts against a real Redis: a question scores once per person and channel across its posts,
 * equal points share a rank in the order they were reached, and a score's fraction never becomes a point.
 */
import { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { BoardStore } from '../../src/store/boards';
import { PostStore } from '../../src/store/posts';
import type { LevelScore } from '../../src/model/levels';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

const TEAM = 'T0TEST';
const CH = 'C0QUIZ001';
const T0 = 1_800_000_000;

let redis: Redis;
let keys: Keys;
let boards: BoardStore;
let posts: PostStore;

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  boards = new BoardStore(redis, keys);
  posts = new PostStore(redis, keys);
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

/** A revealed post of `questionId` at `ts` (its answer message one step later). */
async function revealed(ts: number, questionId = 'k8s/etcd'): Promise<{ postTs: string; answerTs: string }> {
  const postTs = `${ts}.000100`;
  const answerTs = `${ts}.000200`;
  await posts.create(TEAM, CH, postTs, { questionId, kind: 'adhoc', seq: null, postedAt: ts * 1000 });
  await posts.completeReveal(TEAM, CH, postTs, answerTs);
  return { postTs, answerTs };
}

const vote = (post: { postTs: string; answerTs: string }, user: string, level: LevelScore, at: number | null) =>
  boards.recordLevel({ team: TEAM, channel: CH, ...post, fromTs: post.answerTs, user, level, week: 'w2027-W03', month: 'm2027-01', actionTs: at === null ? undefined : `${at}.000000`, now: new Date((T0 + 5000) * 1000) });

const tallyOf = async (post: { postTs: string }) => (await posts.get(TEAM, CH, post.postTs))!.tally;
const board = async (caller = '', limit = 10) => boards.readBoard(TEAM, CH, 'all', limit, caller);

test('a question that comes back scores once: a new answer on its later post replaces the earlier one', async () => {
  const first = await revealed(T0);
  const again = await revealed(T0 + 600);
  expect(await vote(first, 'UBOB', 2, T0 + 10)).toMatchObject({ status: 'new', previous: null, earlier: false, tallyChanged: true });

  expect(await vote(again, 'UBOB', 3, T0 + 610)).toMatchObject({ status: 'changed', previous: 2, earlier: true, tallyChanged: true });
  let rows = (await board()).rows;
  expect(rows.map((r) => [r.user, r.points, r.answers, r.mix])).toEqual([['UBOB', 3, 1, [0, 0, 0, 1]]]);
  // Each post counts the answers given on it.
  expect(await tallyOf(first)).toEqual([0, 0, 1, 0]);
  expect(await tallyOf(again)).toEqual([0, 0, 0, 1]);

  // The same level again on the later post: nothing moves.
  expect(await vote(again, 'UBOB', 3, T0 + 620)).toMatchObject({ status: 'same', earlier: false, tallyChanged: false });
  // Back on the first post: the answer moves again, and that post's own tally follows.
  expect(await vote(first, 'UBOB', 1, T0 + 630)).toMatchObject({ status: 'changed', previous: 3, earlier: false, tallyChanged: true });
  expect(await tallyOf(first)).toEqual([0, 1, 0, 0]);
  rows = (await board()).rows;
  expect(rows.map((r) => [r.points, r.answers])).toEqual([[1, 1]]);

  // Someone who answers the later post with what they said before: it counts on that post, the points stay.
  await vote(first, 'UCAROL', 2, T0 + 11);
  expect(await vote(again, 'UCAROL', 2, T0 + 640)).toMatchObject({ status: 'same', previous: 2, earlier: true, tallyChanged: true });
  expect(await tallyOf(again)).toEqual([0, 0, 1, 1]);
  expect((await board()).rows.find((r) => r.user === 'UCAROL')).toMatchObject({ points: 2, answers: 1 });
  // An older click than the one recorded for the question, on either post, is stale.
  expect(await vote(first, 'UCAROL', 3, T0 + 12)).toMatchObject({ status: 'stale', previous: 2 });
});

test('another question is another answer', async () => {
  const a = await revealed(T0, 'k8s/etcd');
  const b = await revealed(T0 + 600, 'tf/state');
  await vote(a, 'UBOB', 2, T0 + 10);
  expect(await vote(b, 'UBOB', 3, T0 + 610)).toMatchObject({ status: 'new', earlier: false });
  expect((await board()).rows.map((r) => [r.points, r.answers])).toEqual([[5, 2]]);
});

test('a vote recorded before answers were kept per question still moves instead of adding', async () => {
  const post = await revealed(T0);
  const k = keys.channel(TEAM, CH);
  // As the earlier script left it: the whole answer in the post's votes, integer points on the boards.
  await redis.hset(k.votes(post.postTs), 'UBOB', '2|w2027-W02|m2027-01|001800000010.000000');
  await redis.zadd(k.board('all'), 2, 'UBOB');
  await redis.hset(k.post(post.postTs), 'tally:2', 1);
  expect(await vote(post, 'UBOB', 3, T0 + 20)).toMatchObject({ status: 'changed', previous: 2 });
  expect((await board()).rows[0].points).toBe(3);
  expect(await tallyOf(post)).toEqual([0, 0, 0, 1]);
});

test('equal points share a rank, listed in the order they were reached; the caller below the top gets the shared rank', async () => {
  const post = await revealed(T0);
  // UZED reaches 3 first, UAMY 3 later; UMAX 2; UBEN, UCAT, UDAN 1 in that order.
  await vote(post, 'UAMY', 3, T0 + 30);
  await vote(post, 'UZED', 3, T0 + 20);
  await vote(post, 'UMAX', 2, T0 + 5);
  await vote(post, 'UDAN', 1, T0 + 43);
  await vote(post, 'UBEN', 1, T0 + 41);
  await vote(post, 'UCAT', 1, T0 + 42);
  const top = await board('UCAT', 4);
  expect(top.rows.map((r) => [r.user, r.points, r.rank])).toEqual([
    ['UZED', 3, 1],
    ['UAMY', 3, 1],
    ['UMAX', 2, 3],
    ['UBEN', 1, 4],
  ]);
  expect(top.caller).toMatchObject({ user: 'UCAT', points: 1, rank: 4 });
  expect(top.callerRank).toBe(4);
  expect(top.viewer).toBe('UCAT');
  // Inside the top: the shared rank, no extra row.
  const mine = await board('UAMY', 4);
  expect(mine.callerRank).toBe(1);
  expect(mine.caller).toBeNull();
  // Stats read a board of size 0: just the person's row.
  expect((await board('UDAN', 0)).caller).toMatchObject({ rank: 4, points: 1 });

  // A changed answer reaches its new score at the time of the change: UZED drops to 2 after UMAX got there.
  await vote(post, 'UZED', 2, T0 + 50);
  expect((await board()).rows.map((r) => [r.user, r.rank]).slice(0, 3)).toEqual([
    ['UAMY', 1],
    ['UMAX', 2],
    ['UZED', 2],
  ]);
});

test('a click without a time is ordered by the time now; a fraction never becomes a whole point', async () => {
  const post = await revealed(T0);
  await vote(post, 'UEARLY', 3, T0 + 1);
  await vote(post, 'UNOW', 3, null); // now = T0 + 5000
  await vote(post, 'ULATE', 3, T0 + 9000);
  expect((await board()).rows.map((r) => r.user)).toEqual(['UEARLY', 'UNOW', 'ULATE']);

  // Far more points than the fraction is exact for, and a click from before the board's epoch.
  const k = keys.channel(TEAM, CH);
  await redis.zadd(k.board('all'), 999_999, 'UMANY');
  const old = await revealed(1_600_000_000, 'k8s/old');
  await boards.recordLevel({ team: TEAM, channel: CH, ...old, fromTs: old.answerTs, user: 'UMANY', level: 3, week: 'w', month: 'm', actionTs: '1600000001.000000' });
  expect((await board()).rows[0]).toMatchObject({ user: 'UMANY', points: 1_000_002, rank: 1 });
});
