/**
 * A Reveal cut off half-way (a real bot process in HTTP mode; Slack takes 3 s to accept the answer): by a SIGTERM,
 * by Redis going away, by kill -9. Whatever stops it, the answer ends up in the thread once, votes on it count,
 * and nobody is told that nothing changed when the answer is out.
 */
import { bootBotProcess, type ProcessHarness } from '../support/bot-process';
import { eventually, USERS, CHANNEL } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';
import type { StoredMessage } from '../../dev/local-slack';
import { REVEAL_IN_FLIGHT_MS } from '../../src/quiz/reveal';

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

let h: ProcessHarness | null = null;
let redis: PrivateRedis | null = null;
afterEach(async () => {
  await h?.stop();
  await redis?.remove();
  h = null;
  redis = null;
});

async function askQuestion(): Promise<StoredMessage> {
  await h!.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h!.slack.messages(CHANNEL).find((m) => text(m).includes('reveal_answer')), 8000, 'question');
  await eventually(() => h!.redis.exists(h!.keys.post(question.ts)), 5000, 'post recorded');
  return question;
}

/** Alice clicks Reveal while Slack takes 3 s over the answer (or fails after 3 s); resolves half a second in. */
async function slowReveal(question: StoredMessage, fault: { delayMs: number; status?: number } = { delayMs: 3000 }): Promise<number> {
  h!.slack.failNext('chat.postMessage', fault);
  const clickedAt = Date.now();
  await h!.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  await h!.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === question.ts, { timeoutMs: 5000 });
  await sleep(500);
  return clickedAt;
}

/** Waits until a claim made by a click at `clickedAt` (the bot claims a moment later) is older than any post can take. */
const pastClaimWindow = (clickedAt: number) => sleep(clickedAt + REVEAL_IN_FLIGHT_MS + 1000 - Date.now());

const answers = (question: StoredMessage) => h!.slack.thread(CHANNEL, question.ts).filter((m) => m.ts !== question.ts);
const notices = (user: string) => h!.slack.ephemeralsFor(user).map(text);

/** A vote on the answer is recorded (not "does not belong to this question"). */
async function voteCounts(answer: StoredMessage, user: string): Promise<void> {
  await h!.driver.clickButton({ userId: user, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_3' });
  const reply = await eventually(() => notices(user).find((t) => t.includes('Advanced') || t.includes('nothing was recorded')), 8000, 'vote answer');
  expect(reply).toContain('Recorded');
}

test('SIGTERM during a Reveal: shutdown lets it finish, so after a restart votes count and the question shows it', async () => {
  h = await bootBotProcess();
  const question = await askQuestion();
  await slowReveal(question);
  const { code } = await h.bot.stop('SIGTERM');
  expect(code).toBe(0);
  expect(answers(question)).toHaveLength(1);
  expect(text(h.slack.message(CHANNEL, question.ts)!)).toContain('Answer revealed by');

  await h.restart();
  await voteCounts(answers(question)[0], USERS.bob);
}, 60_000);

const withRedisServer = hasRedisServer() ? test : test.skip;

withRedisServer('Redis lost while the answer is posted: the clicker hears it is in the thread, and the next click puts the record right', async () => {
  redis = new PrivateRedis();
  await redis.start();
  h = await bootBotProcess({ redisUrl: redis.url });
  const question = await askQuestion();
  const clickedAt = await slowReveal(question);
  await redis.stop();
  const told = await eventually(() => notices(USERS.alice)[0], 8000, "alice's notice");
  expect(told).toContain("The answer is in this question's thread");
  expect(told).not.toContain('nothing was changed');
  expect(answers(question)).toHaveLength(1);

  await redis.start();
  await eventually(async () => (await h!.redis.ping().catch(() => '')) === 'PONG', 8000, 'redis back');
  // Until the claim is older than any post can take, a click cannot tell a slow post from a lost record.
  await pastClaimWindow(clickedAt);
  await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  expect(await eventually(() => notices(USERS.bob)[0], 8000, "bob's notice")).toContain('already in');
  expect(answers(question)).toHaveLength(1);
  await eventually(() => text(h!.slack.message(CHANNEL, question.ts)!).includes('Answer revealed by'), 5000, 'question marked revealed');
  await voteCounts(answers(question)[0], USERS.carol);
}, 90_000);

test('kill -9 during a Reveal whose post never reached Slack: a later click reveals the answer, once', async () => {
  h = await bootBotProcess();
  const question = await askQuestion();
  const clickedAt = await slowReveal(question, { delayMs: 3000, status: 500 });
  await h.restart(); // SIGKILL, then a fresh process
  await sleep(clickedAt + 3000 - Date.now());
  expect(answers(question)).toHaveLength(0);

  await pastClaimWindow(clickedAt);
  await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => answers(question)[0], 8000, 'answer posted');
  await sleep(500);
  expect(answers(question)).toHaveLength(1);
  await voteCounts(answer, USERS.carol);
}, 90_000);

test('Slack stored the answer but its reply was lost: the clicker is not told nothing happened, and a later click adopts it', async () => {
  h = await bootBotProcess();
  const question = await askQuestion();
  h.slack.failNext('chat.postMessage', { dropAfterStore: true });
  const clickedAt = Date.now();
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const told = await eventually(() => notices(USERS.alice)[0], 8000, "alice's notice");
  expect(told).toContain('Slack did not confirm');
  expect(told).not.toContain('nothing was changed');
  expect(answers(question)).toHaveLength(1);

  await pastClaimWindow(clickedAt);
  await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  expect(await eventually(() => notices(USERS.bob)[0], 8000, "bob's notice")).toContain('already in');
  expect(answers(question)).toHaveLength(1);
  await voteCounts(answers(question)[0], USERS.carol);
}, 60_000);
