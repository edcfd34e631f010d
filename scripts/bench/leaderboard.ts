/**
 * Item 10: a leaderboard of 100,000 people in one channel. Votes go through the product's own store
 * (BoardStore.recordLevel: the one Lua script a click runs), many in flight at once so ioredis pipelines them;
 * then top 10 + the caller's rank (BoardStore.readBoard, one script) is read many times with random callers.
 * Two questions of the day: the first answers create everyone's board rows, the second adds answers to them.
 */
import type { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { PostStore } from '../../src/store/posts';
import { BoardStore } from '../../src/store/boards';
import type { LevelScore } from '../../src/model/levels';
import { periodIds } from '../../src/quiz/periods';
import { log, percentile } from './lib';

export interface LoadPass {
  answers: number;
  seconds: number;
  perSecond: number;
  /** Growth of the channel's keys (MEMORY USAGE, exact) per recorded answer. */
  bytesPerAnswer: number;
  /** Growth of Redis's used_memory per answer (the whole server: noisy when others use it). */
  usedMemoryPerAnswer: number;
}

export interface ReadStats {
  period: string;
  reads: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface LeaderboardResult {
  users: number;
  passes: LoadPass[];
  keys: Array<{ key: string; type: string; entries: number; bytes: number }>;
  totalBytes: number;
  reads: ReadStats[];
  topPoints: number;
  sampleRank: number | null;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function channelKeys(redis: Redis, base: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  const pattern = `${base.replace(/([*?[\]\\])/g, '\\$1')}*`;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

async function keysBytes(redis: Redis, keys: string[]): Promise<number> {
  let total = 0;
  for (const k of keys) total += Number((await redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')) ?? 0);
  return total;
}

export async function runLeaderboard(o: { redis: Redis; prefix: string; team: string; users: number; reads: number; inFlight: number }): Promise<LeaderboardResult> {
  const { redis, team } = o;
  const keys = new Keys(o.prefix);
  const channel = 'CBOARD100K';
  const ck = keys.channel(team, channel);
  const posts = new PostStore(redis, keys);
  const boards = new BoardStore(redis, keys);
  const { week, month } = periodIds(new Date(), 'UTC');
  const user = (i: number) => `UL${String(i).padStart(7, '0')}`;

  const questions = [
    { ts: '1800000000.000100', answerTs: '1800000000.000200', seq: 1, level: (i: number) => (i % 4) as LevelScore },
    { ts: '1800086400.000100', answerTs: '1800086400.000200', seq: 2, level: (i: number) => ((i * 7 + 3) % 4) as LevelScore },
  ];
  await redis.set(ck.qotdSeq, '2');
  const passes: LoadPass[] = [];
  for (const q of questions) {
    await posts.create(team, channel, q.ts, { questionId: `bench/q${q.seq}`, kind: 'qotd', seq: q.seq, postedAt: Date.now() });
    await posts.completeReveal(team, channel, q.ts, q.answerTs);
    const keysBefore = await channelKeys(redis, ck.base);
    const bytesBefore = await keysBytes(redis, keysBefore);
    const memBefore = await usedMemory(redis);
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < o.users) {
        const i = next++;
        const r = await boards.recordLevel({ team, channel, postTs: q.ts, fromTs: q.answerTs, user: user(i), level: q.level(i), week, month });
        if (r.status !== 'new') throw new Error(`vote ${i} on question ${q.seq}: ${r.status}`);
      }
    };
    await Promise.all(Array.from({ length: o.inFlight }, worker));
    const seconds = (performance.now() - t0) / 1000;
    const memAfter = await usedMemory(redis);
    const bytesAfter = await keysBytes(redis, await channelKeys(redis, ck.base));
    passes.push({
      answers: o.users,
      seconds,
      perSecond: o.users / seconds,
      bytesPerAnswer: (bytesAfter - bytesBefore) / o.users,
      usedMemoryPerAnswer: (memAfter - memBefore) / o.users,
    });
    log(`item 10: question ${q.seq}: ${o.users} answers in ${seconds.toFixed(1)} s (${(o.users / seconds).toFixed(0)}/s), ${((bytesAfter - bytesBefore) / o.users).toFixed(0)} B/answer`);
  }

  const allKeys = await channelKeys(redis, ck.base);
  const keyStats = [];
  for (const k of allKeys) {
    const type = await redis.type(k);
    const entries = type === 'zset' ? await redis.zcard(k) : type === 'hash' ? await redis.hlen(k) : 1;
    const bytes = Number((await redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')) ?? 0);
    keyStats.push({ key: k.slice(ck.base.length + 1) || k, type, entries, bytes });
  }

  const reads: ReadStats[] = [];
  let topPoints = 0;
  let sampleRank: number | null = null;
  for (const period of ['all', week]) {
    // Warm-up, then timed reads with random callers (most of them far below the top 10).
    for (let i = 0; i < 50; i++) await boards.readBoard(team, channel, period, 10, user(i));
    const times: number[] = [];
    for (let i = 0; i < o.reads; i++) {
      const caller = user(Math.floor(Math.random() * o.users));
      const t = performance.now();
      const board = await boards.readBoard(team, channel, period, 10, caller);
      times.push(performance.now() - t);
      if (i === 0) {
        topPoints = board.rows[0]?.points ?? 0;
        sampleRank = board.callerRank;
        if (board.rows.length < 10 || board.callerRank === null) throw new Error(`unexpected board: ${board.rows.length} rows, caller rank ${board.callerRank}`);
      }
    }
    reads.push({ period, reads: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), meanMs: times.reduce((a, b) => a + b, 0) / times.length });
  }
  return {
    users: o.users,
    passes,
    keys: keyStats,
    totalBytes: keyStats.reduce((a, k) => a + k.bytes, 0),
    reads,
    topPoints,
    sampleRank,
  };
}
