/**
 * Streaks count consecutive questions of the day answered: they grow with each one answered,
 * stay alive while today's question is still open, and end when one is missed.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

/** Runs the scheduler's next due post now and returns the question's ts. */
async function nextQuestionOfTheDay(): Promise<string> {
  const id = BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL);
  const before = h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted').length;
  const job = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 8000, 'next run');
  await job.promote();
  const posts = await eventually(() => {
    const p = h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted');
    return p.length > before ? p : null;
  }, 8000, 'question of the day');
  const ts = posts.at(-1)!.ts;
  await h.waitForPost(ts);
  return ts;
}

async function answer(ts: string, users: string[]): Promise<void> {
  await h.driver.clickButton({ userId: USERS.admin, channelId: CHANNEL, ts, actionId: 'reveal_answer' });
  const reply = await eventually(() => h.slack.thread(CHANNEL, ts).find((m) => m.ts !== ts), 8000, 'answer');
  for (const user of users) await h.driver.clickButton({ userId: user, channelId: CHANNEL, ts: reply.ts, actionId: 'record_level_2' });
  await eventually(async () => (await h.redis.hlen(h.channelKeys().votes(ts))) === users.length, 5000, 'votes');
}

async function streakOf(user: string): Promise<string> {
  const seen = h.slack.ephemeralsFor(user).length;
  await h.driver.command({ text: 'stats', userId: user, channelId: CHANNEL });
  const stats = await eventually(() => h.slack.ephemeralsFor(user).slice(seen).map(text).find((t) => t.includes('streak')), 5000, 'stats');
  return /streak:\* ([^\\"]+)/.exec(stats)![1];
}

test('answering days in a row builds a streak; missing one ends it', async () => {
  await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
  const day1 = await nextQuestionOfTheDay();
  await answer(day1, [USERS.alice, USERS.bob]);
  const day2 = await nextQuestionOfTheDay();
  await answer(day2, [USERS.alice]);
  expect(await streakOf(USERS.alice)).toBe('🔥 2');
  expect(await streakOf(USERS.bob)).toBe('🔥 1'); // day 2 is still open: Bob's streak lives

  await nextQuestionOfTheDay(); // day 3: nobody answers yet
  expect(await streakOf(USERS.alice)).toBe('🔥 2');
  expect(await streakOf(USERS.bob)).toBe('none running'); // missed day 2
  // An ad-hoc question does not count as a day.
  await h.driver.command({ text: '', userId: USERS.carol, channelId: CHANNEL });
  await eventually(() => h.slack.callsTo('chat.postMessage').some((c) => text(c.args as never).includes('asked by')), 5000, 'ad-hoc');
  expect(await streakOf(USERS.alice)).toBe('🔥 2');
}, 40_000);
