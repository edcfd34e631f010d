/**
 * Item 12: review DMs. N people of one workspace with reviews by DM on and cards due, their delivery time the same
 * minute: their cards and settings are written with the review store and their delivery jobs scheduled exactly as a
 * settings change does (rescheduleDelivery), then every person's delayed job is promoted at once (the minute
 * comes; their jitter, which would spread them over ten minutes, is skipped: the worst case). The bot's workers
 * run the day jobs, which queue the DM jobs; the per-team pacer holds those to the workspace's posts per minute,
 * and the stand-in enforces the same limit (429 past it). Also Redis memory per card and per person's delivery.
 */
import { Redis } from 'ioredis';
import { Rating } from 'ts-fsrs';
import type { LocalSlack } from '../../dev/local-slack';
import { loadBank } from '../../src/content/bank';
import { createQueues } from '../../src/jobs/queues';
import { BullReviewJobs } from '../../src/jobs/review-jobs';
import { REVIEW_DM_EVENT } from '../../src/model/review-dms';
import type { ReviewCard, ReviewSettings } from '../../src/model/reviews';
import { rescheduleDelivery } from '../../src/review/deliver';
import { DELIVERY_SPREAD_MS, deliveryJitterMs } from '../../src/review/delivery-times';
import { NORMAL_RETENTION, ReviewScheduler } from '../../src/review/scheduler';
import { Keys } from '../../src/store/keys';
import { ReviewDmStore } from '../../src/store/review-dms';
import { ReviewStore } from '../../src/store/reviews';
import { log, sleep } from './lib';

export interface ReviewFanoutResult {
  people: number;
  cardsPerPerson: number;
  cardsPerDm: number;
  workspacePerMinute: number;
  /** From the first promotion to the last accepted DM. */
  elapsedS: number;
  /** What the limit allows at best: bursts of `workspacePerMinute`, a minute apart. */
  windowBoundS: number;
  /** A steady workspacePerMinute / 60 posts a second. */
  steadyBoundS: number;
  delivered: number;
  duplicates: number;
  missing: number;
  rateLimited: number;
  otherFailures: number;
  /** MEMORY USAGE of the people's card keys (cards, due, touch) per card. */
  bytesPerCard: number;
  /** MEMORY USAGE of a person's review settings per person. */
  bytesPerSettings: number;
  /** MEMORY USAGE of a person's delivery keys (state, sent, day claim, DM record) per person. */
  bytesPerDelivery: number;
  /** The spread of the people's jitter (what their own times would have spread them over), and its bound. */
  jitterSpreadS: number;
  jitterBoundS: number;
}

const pad = (n: number) => String(n).padStart(5, '0');

async function memory(redis: Redis, keys: string[]): Promise<number> {
  let total = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const pipe = redis.pipeline();
    for (const k of keys.slice(i, i + 500)) pipe.memory('USAGE', k);
    for (const [error, value] of (await pipe.exec()) ?? []) if (!error) total += Number(value ?? 0);
  }
  return total;
}

export async function runReviewFanout(o: {
  slack: LocalSlack;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  contentDir: string;
  people: number;
  cardsPerPerson: number;
  workspacePerMinute: number;
  horizonDays?: number;
}): Promise<ReviewFanoutResult> {
  const { slack, redis } = o;
  const team = slack.team.id;
  const keys = new Keys(o.prefix);
  const horizon = o.horizonDays ?? 120;
  const store = new ReviewStore(redis, keys, horizon);
  const dms = new ReviewDmStore(redis, keys);
  const scheduler = new ReviewScheduler(horizon);
  const queueConnection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const queues = createQueues(queueConnection, keys.queuePrefix);
  const jobs = new BullReviewJobs(queues.tasks);
  try {
    const questions = loadBank(o.contentDir).questions.slice(0, o.cardsPerPerson);
    if (questions.length < o.cardsPerPerson) throw new Error(`the bank has ${questions.length} questions, fewer than ${o.cardsPerPerson}`);
    const now = Date.now();
    // A time of day that passed longer ago than the jitter's spread: everyone's slot is that minute tomorrow.
    const past = new Date(now - DELIVERY_SPREAD_MS - 5 * 60_000);
    const settings: ReviewSettings = {
      consent: 'yes',
      offeredAt: now,
      on: true,
      time: `${String(past.getUTCHours()).padStart(2, '0')}:${String(past.getUTCMinutes()).padStart(2, '0')}`,
      tz: 'UTC',
      days: [0, 1, 2, 3, 4, 5, 6],
      max: 2,
      pausedUntil: null,
      interviewUntil: null,
      updatedAt: now,
    };
    const madeAt = new Date(now - 2 * 24 * 3600_000);
    const cardOf = (questionId: string): ReviewCard => ({
      questionId,
      fsrs: scheduler.rate(null, Rating.Again, madeAt, NORMAL_RETENTION).fields,
      streak: 0,
      retiredAt: null,
      retiredWhy: null,
      createdAt: madeAt.getTime(),
      touchedAt: madeAt.getTime(),
      origin: { source: 'channel', channel: 'C0BENCHREV' },
      lastRef: `post:bench-${questionId}`,
      lastSource: 'channel',
      lastScore: 0,
      undo: { fsrs: null, streak: 0, retiredAt: null },
    });
    const users = Array.from({ length: o.people }, (_, i) => `UREV${pad(i)}`);
    for (const id of users) slack.addUser({ id, name: id.toLowerCase(), tz: 'UTC' });
    log(`item 12: ${o.people} people with ${o.cardsPerPerson} due cards each (review store), delivery at ${settings.time} UTC, their jobs scheduled as a settings change does`);
    const clock = { dms, jobs, now: () => new Date() };
    for (let i = 0; i < users.length; i += 50) {
      await Promise.all(
        users.slice(i, i + 50).map(async (user) => {
          await store.saveSettings(team, user, settings);
          for (const q of questions) {
            const written = await store.write({ team, user, questionId: q.id, expected: null, card: cardOf(q.id), now: madeAt.getTime(), offer: false, readiness: [] });
            if (written.status !== 'ok') throw new Error(`card write ${written.status}`);
          }
          await rescheduleDelivery(clock, team, user, settings);
        }),
      );
    }
    const delayed = (await queues.tasks.getDelayed(0, o.people * 2)).filter((j) => j.name === 'review-day');
    if (delayed.length !== o.people) throw new Error(`expected ${o.people} delivery jobs, found ${delayed.length}`);
    const jitters = users.map((u) => deliveryJitterMs(team, u));

    // A fresh minute for the workspace: the pacer's window and the stand-in's limit start empty.
    const pace = keys.pace(team);
    await redis.del(pace.minute, pace.blockedUntil);
    slack.setRateLimit({ workspacePerMinute: o.workspacePerMinute });
    const callsBefore = slack.calls.length;
    log(`item 12: promoting ${delayed.length} delivery jobs at once; workspace limit ${o.workspacePerMinute}/min (pacer and stand-in)`);
    const t0 = Date.now();
    for (let i = 0; i < delayed.length; i += 100) await Promise.all(delayed.slice(i, i + 100).map((j) => j.promote()));

    const windowBoundS = Math.floor((o.people - 1) / o.workspacePerMinute) * 60;
    const steadyBoundS = (o.people - 1) / (o.workspacePerMinute / 60);
    const deadline = t0 + Math.max(windowBoundS, steadyBoundS) * 2_000 + 90_000;
    const userOf = (c: { args: Record<string, unknown> }) => String((c.args.metadata as { event_payload?: { occurrence?: string } }).event_payload?.occurrence ?? '').split('/')[0];
    const dmPosts = () =>
      slack.calls
        .slice(callsBefore)
        .filter((c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === REVIEW_DM_EVENT);
    let lastReport = Date.now();
    for (;;) {
      const n = new Set(dmPosts().map(userOf)).size;
      if (n >= o.people || Date.now() > deadline) break;
      if (Date.now() - lastReport > 15_000) {
        log(`item 12: ${n}/${o.people} people sent their DM after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        lastReport = Date.now();
      }
      await sleep(100);
    }
    const firstDone = dmPosts();
    const elapsedS = firstDone.length ? (Math.max(...firstDone.map((c) => c.at)) - t0) / 1000 : NaN;
    // Time for a late second DM (a duplicate) to show up before counting.
    await sleep(3000);
    const all = dmPosts();
    const perUser = new Map<string, number>();
    for (const c of all) perUser.set(userOf(c), (perUser.get(userOf(c)) ?? 0) + 1);
    const calls = slack.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage');
    slack.setRateLimit(undefined);

    const cardKeys = users.flatMap((u) => {
      const k = keys.review(team, u);
      return [k.cards, k.due, k.touch];
    });
    // Each person's delivery keys: the state, the sent marks, the claim of the day the job ran for, the DM's record.
    const deliveryKeys: string[] = [];
    const dmTs = new Map(all.map((c) => [userOf(c), String((c.response as { ts?: string } | undefined)?.ts ?? '')]));
    for (const u of users) {
      const k = keys.reviewDm(team, u);
      const { last } = await dms.state(team, u);
      deliveryKeys.push(k.state, k.sent, ...(last !== null ? [k.claim(new Date(last).toISOString().slice(0, 10))] : []), ...(dmTs.get(u) ? [k.message(dmTs.get(u)!)] : []));
    }
    return {
      people: o.people,
      cardsPerPerson: o.cardsPerPerson,
      cardsPerDm: settings.max,
      workspacePerMinute: o.workspacePerMinute,
      elapsedS,
      windowBoundS,
      steadyBoundS,
      delivered: perUser.size,
      duplicates: [...perUser.values()].reduce((a, n) => a + Math.max(0, n - 1), 0),
      missing: users.filter((u) => !perUser.has(u)).length,
      rateLimited: calls.filter((c) => c.outcome === 'http:429').length,
      otherFailures: calls.filter((c) => c.outcome !== 'ok' && c.outcome !== 'http:429').length,
      bytesPerCard: (await memory(redis, cardKeys)) / (o.people * o.cardsPerPerson),
      bytesPerSettings: (await memory(redis, users.map((u) => keys.review(team, u).settings))) / o.people,
      bytesPerDelivery: (await memory(redis, deliveryKeys)) / o.people,
      jitterSpreadS: (Math.max(...jitters) - Math.min(...jitters)) / 1000,
      jitterBoundS: DELIVERY_SPREAD_MS / 1000,
    };
  } finally {
    await queues.close();
    await queueConnection.quit();
  }
}
