/** A review store on a real Redis under a prefix of its own, and a small bank of questions at known levels. */
import { Redis } from 'ioredis';
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { Level } from '../../src/model/levels';
import type { Question } from '../../src/model/question';
import { createLogger } from '../../src/logger';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { ReviewStore } from '../../src/store/reviews';
import { NO_DELIVERY, type ReviewDelivery, type ReviewDeps } from '../../src/review/deps';
import { fsrsParams, NORMAL_RETENTION, ReviewScheduler } from '../../src/review/scheduler';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';
import { makeQuestion } from '../interview/fixtures';

export const TEAM = 'T0REVIEW1';
export const USER = 'UREVIEW01';
export const CHANNEL = 'C0REVIEW1';
/** A Monday morning, UTC. */
export const T0 = new Date('2026-03-02T09:00:00Z');
export const DAY = 24 * 3600 * 1000;

export function bank(count = 6): Map<string, Question> {
  const levels: Level[] = ['beginner', 'intermediate', 'advanced'];
  return new Map(
    Array.from({ length: count }, (_, i) => {
      const q = makeQuestion(i + 1, { level: levels[i % 3] });
      return [q.id, q] as const;
    }),
  );
}

export interface ReviewHarness {
  redis: Redis;
  keys: Keys;
  deps: ReviewDeps;
  stop(): Promise<void>;
}

export function reviewHarness(opts: { horizonDays?: number; questions?: Map<string, Question>; delivery?: ReviewDelivery; now?: () => Date } = {}): ReviewHarness {
  const redis = new Redis(REDIS_URL);
  const keys = new Keys(uniquePrefix());
  const horizon = opts.horizonDays ?? 120;
  const deps: ReviewDeps = {
    store: new ReviewStore(redis, keys, horizon),
    scheduler: new ReviewScheduler(horizon),
    questions: opts.questions ?? bank(),
    delivery: opts.delivery ?? NO_DELIVERY,
    logger: createLogger('silent'),
    now: opts.now ?? (() => T0),
  };
  return {
    redis,
    keys,
    deps,
    async stop() {
      await deleteByPattern(redis, `${keys.prefix}*`);
      await redis.quit();
    },
  };
}

/** What ts-fsrs itself gives for the same inputs: the scheduler built with the bot's parameters, in the test. */
export function expected(ratings: Array<[Grade, Date]>, retention = NORMAL_RETENTION, horizon = 120): Card {
  const f = fsrs(fsrsParams(retention, horizon));
  let card = createEmptyCard(ratings[0][1]);
  for (const [grade, at] of ratings) card = f.next(card, at, grade).card;
  return card;
}
