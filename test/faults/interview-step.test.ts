/**
 * A mock interview step cut off halfway (a real bot process, a private redis-server with AOF): while
 * Slack takes 3 seconds to accept a question, the bot gets SIGTERM, or Redis goes away. The question
 * reaches the thread either way; afterwards the interview goes on from it (found by its message
 * metadata), nothing is posted twice, and nobody is told that nothing changed.
 */
import path from 'node:path';
import { bootBotProcess, type ProcessHarness } from '../support/bot-process';
import { CHANNEL, eventually, USERS } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';
import type { StoredMessage } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';

const maybe = hasRedisServer() ? test : test.skip;
if (!hasRedisServer()) console.log('redis-server is not installed: skipping the interview fault tests');

const DRILLS = path.resolve(__dirname, '../fixtures/interview-packs');
const { alice, bob } = USERS;
const SLOW_POST = { delayMs: 3000 };

let redis: PrivateRedis;
let h: ProcessHarness;

beforeEach(async () => {
  redis = new PrivateRedis();
  await redis.start();
  h = await bootBotProcess({ redisUrl: redis.url, env: { CONTENT_DIR: DRILLS } });
});
afterEach(async () => {
  await h.stop();
  await redis.remove();
});

const bodyOf = (m: { text?: string; blocks?: unknown[] } | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');
const replies = (parent: StoredMessage) => h.slack.thread(CHANNEL, parent.ts).filter((m) => m.ts !== parent.ts);
const questions = (parent: StoredMessage, n: number) => replies(parent).filter((m) => m.text.startsWith(`Question ${n} of`));
const said = (user: string) => h.slack.ephemeralsFor(user, { channelId: CHANNEL }).map(bodyOf);
const click = (userId: string, ts: string, actionId: string) => h.driver.clickButton({ userId, channelId: CHANNEL, ts, actionId });

async function question(parent: StoredMessage, n: number, timeoutMs = 8000): Promise<StoredMessage> {
  return eventually(() => questions(parent, n)[0], timeoutMs, `question ${n}`);
}

/** `/devops-quiz mock @bob 3` by alice: the parent message, and the interview id its buttons carry. */
async function openInterview(): Promise<StoredMessage & { id: string }> {
  await h.driver.command({ text: `mock <@${bob}|bob> 3`, userId: alice, channelId: CHANNEL });
  const parent = await eventually(() => h.slack.messages(CHANNEL).find((m) => bodyOf(m).includes('interview_start')), 8000, 'interview parent');
  return { ...parent, id: /"value":"([a-z0-9]+)"/.exec(JSON.stringify(parent.blocks))![1] };
}

/** Redis is back with its data (clicks before the bot reconnects are rightly told "nothing was changed"). */
async function redisBack(): Promise<void> {
  await redis.start();
  await eventually(async () => (await h.redis.ping().catch(() => '')) === 'PONG', 8000, 'Redis back');
}

/** Resolves once the bot's post is with Slack, plus `ms`: the moment to pull the plug. */
async function intoThePost(ms: number): Promise<void> {
  await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.outcome === 'pending', { timeoutMs: 5000 });
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * The interviewer rates question `n` until question `n + 1` is in the thread: clicks that come while
 * the bot cannot tell yet are answered "still being posted" (or fail while Redis reconnects).
 */
async function rateUntilNext(parent: StoredMessage, n: number, actionId: string): Promise<StoredMessage> {
  const q = await question(parent, n);
  return eventually(async () => {
    await click(alice, q.ts, actionId);
    return eventually(() => questions(parent, n + 1)[0], 2000, `question ${n + 1}`).catch(() => undefined);
  }, 30_000, `question ${n + 1} after rating question ${n}`);
}

maybe('SIGTERM while the next question is posted: after the restart the interview goes on from that question', async () => {
  const parent = await openInterview();
  await click(bob, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);

  h.slack.failNext('chat.postMessage', SLOW_POST);
  await click(alice, q1.ts, 'interview_rate_2');
  await intoThePost(500);
  await h.bot.stop('SIGTERM');
  await h.restart();

  // Slack took question 2; rating it moves the interview on, as if nothing had happened.
  await question(parent, 2);
  await rateUntilNext(parent, 2, 'interview_rate_3');
  expect(questions(parent, 2)).toHaveLength(1);
  expect(questions(parent, 3)).toHaveLength(1);
  await eventually(() => bodyOf(h.slack.message(CHANNEL, q1.ts)).includes('Rated 🟡 Intermediate'), 5000, 'question 1 closed');
  const state = await h.redis.hgetall(new Keys(h.prefix).interview(h.slack.team.id, parent.id));
  expect([state['r:0'], state['r:1'], state.index]).toEqual(['2', '3', '2']);
  expect(said(alice).join()).not.toContain('nothing was changed');
}, 90_000);

maybe('Redis lost while Start posts the first question: told it is there, and the interview goes on once Redis is back', async () => {
  const parent = await openInterview();
  h.slack.failNext('chat.postMessage', SLOW_POST);
  await click(bob, parent.ts, 'interview_start');
  await intoThePost(500);
  await redis.stop();

  await question(parent, 1);
  const note = await eventually(() => said(bob)[0], 8000, 'a note to bob');
  expect(note).not.toContain('nothing was changed');
  expect(note).toContain('The question is in the thread');

  await redisBack();
  await rateUntilNext(parent, 1, 'interview_rate_1');
  expect(questions(parent, 1)).toHaveLength(1);
  await eventually(() => bodyOf(h.slack.message(CHANNEL, parent.ts)).includes('In progress'), 5000, 'parent in progress');
}, 90_000);

maybe('Redis lost while Rate posts the next question: the rating and the question both stand once Redis is back', async () => {
  const parent = await openInterview();
  await click(bob, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);

  h.slack.failNext('chat.postMessage', SLOW_POST);
  await click(alice, q1.ts, 'interview_rate_0');
  await intoThePost(500);
  await redis.stop();
  await question(parent, 2);
  const note = await eventually(() => said(alice)[0], 8000, 'a note to alice');
  expect(note).toContain('The question is in the thread');

  expect(note).not.toContain('nothing was changed');

  await redisBack();
  await rateUntilNext(parent, 2, 'interview_skip');
  expect(questions(parent, 2)).toHaveLength(1);
  await eventually(() => bodyOf(h.slack.message(CHANNEL, q1.ts)).includes('Rated 📚 Not yet'), 5000, 'question 1 closed');
  const state = await h.redis.hgetall(new Keys(h.prefix).interview(h.slack.team.id, parent.id));
  expect([state['r:0'], state['r:1'], state.index]).toEqual(['0', 'skip', '2']);
}, 90_000);

maybe('Redis lost while the command posts the interview: told it is in the channel, and its Start works once Redis is back', async () => {
  h.slack.failNext('chat.postMessage', SLOW_POST);
  await h.driver.command({ text: `mock <@${bob}|bob> 3`, userId: alice, channelId: CHANNEL });
  await intoThePost(500);
  await redis.stop();
  const parent = await eventually(() => h.slack.messages(CHANNEL).find((m) => bodyOf(m).includes('interview_start')), 8000, 'interview parent');
  const note = await eventually(() => said(alice)[0], 8000, 'a note to alice');
  expect(note).not.toContain('nothing was changed');
  expect(note).toContain('The interview is in the channel');

  await redisBack();
  await eventually(async () => {
    await click(bob, parent.ts, 'interview_start');
    return eventually(() => questions(parent, 1)[0], 2000, 'question 1').catch(() => undefined);
  }, 30_000, 'question 1 after Start');
  await eventually(() => bodyOf(h.slack.message(CHANNEL, parent.ts)).includes('In progress'), 5000, 'parent in progress');
  expect(questions(parent, 1)).toHaveLength(1);
}, 90_000);
