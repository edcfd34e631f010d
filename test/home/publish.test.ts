/**
 * The Home rules against a real Redis, with a Slack port that records what is published: a failed open still
 * says what happened, and a choice Home never offered changes nothing.
 */
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger';
import type { HomeDeps } from '../../src/home/deps';
import { homeAction, openHome, publishFailure } from '../../src/home/publish';
import { NO_DELIVERY } from '../../src/review/deps';
import { ReviewScheduler } from '../../src/review/scheduler';
import type { SlackPort } from '../../src/slack/port';
import { BoardStore } from '../../src/store/boards';
import { HomeStore } from '../../src/store/home';
import { InterviewStore } from '../../src/store/interviews';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { ReviewStore } from '../../src/store/reviews';
import type { HomeView } from '../../src/views/home';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';
import { bank } from '../review/fixtures';

const REQ = { team: 'T0HOME002', user: 'UHOME0002' };
const NOW = new Date('2026-03-02T09:00:00Z');

let redis: Redis;
let keys: Keys;
let deps: HomeDeps;
let published: HomeView[];
let slack: SlackPort;

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  const logger = createLogger('silent');
  const questions = bank();
  const review = { store: new ReviewStore(redis, keys, 120), scheduler: new ReviewScheduler(120), questions, delivery: NO_DELIVERY, logger, now: () => NOW };
  deps = {
    questions,
    boards: new BoardStore(redis, keys),
    review,
    interviews: new InterviewStore(redis, keys),
    store: new HomeStore(redis, keys),
    deliverNow: async () => ({ sent: 0 }),
    logger,
    storeUnavailable: (error) => (error as Error).message === 'Redis is away',
    now: () => NOW,
  };
  published = [];
  const unused = () => Promise.reject(new Error('not used by Home'));
  slack = {
    postMessage: unused,
    updateMessage: unused,
    postEphemeral: unused,
    userInfo: async () => ({ id: REQ.user, isBot: false, isAdmin: false, deleted: false, tz: 'Europe/Berlin' }),
    recentMessages: unused,
    threadReplies: unused,
    isChannelMember: unused,
    permalink: unused,
    openDm: unused,
    publishHome: async (_user: string, view: HomeView) => {
      published.push(view);
    },
  } as unknown as SlackPort;
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

const text = (view: HomeView | undefined) => JSON.stringify(view?.blocks ?? []);

test('opening Home marks the person as using it, so their answers refresh it from then on', async () => {
  expect((await deps.store.noteActivity(REQ.team, REQ.user, null, NOW.getTime())).seen).toBe(false);
  await openHome(deps, slack, REQ);
  expect(published).toHaveLength(1);
  expect((await deps.store.noteActivity(REQ.team, REQ.user, null, NOW.getTime())).seen).toBe(true);
});

test('when Home cannot be gathered (Redis away), it says so instead of staying blank', async () => {
  deps.review.store.readiness = () => Promise.reject(new Error('Redis is away'));
  await publishFailure(deps, slack, REQ, new Error('Redis is away'));
  expect(published).toHaveLength(1);
  expect(text(published[0])).toContain('I could not reach my database just now');
});

test('a date that is no real date, or a control Home does not have, changes nothing and redraws Home', async () => {
  await homeAction(deps, slack, { ...REQ, action: { do: 'interview', date: '2026-04-31' } });
  await homeAction(deps, slack, { ...REQ, action: null });
  expect(published).toHaveLength(2);
  expect((await deps.review.store.settings(REQ.team, REQ.user)).interviewUntil).toBeNull();
  expect(text(published[1])).not.toContain('Interview mode');
});

test('today\'s reviews now, without reviews by DM on, sends nothing and says why', async () => {
  await homeAction(deps, slack, { ...REQ, action: { do: 'send-now' } });
  expect(text(published[0])).toContain('Reviews by DM are off, so nothing was sent');
});
