/**
 * The weekly team recap through the real app: a week of posts with known votes, then the recap scheduler's own
 * delayed job promoted (instead of waiting for Monday). The recap lists the week's questions with their level
 * mix, links the hardest one through chat.getPermalink, names the streak leaders and nobody else, counts the
 * review cards cleared, goes out once per week, and `schedule recap off` stops it.
 */
import path from 'node:path';
import type { Job } from 'bullmq';
import { WebClient } from '@slack/web-api';
import { bootBot, BOT_TOKEN, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { rateReview } from '../../src/review/cards';
import { runWeeklyRecap } from '../../src/recap/post-recap';
import { webClientPort } from '../../src/slack/port';
import type { StoredMessage } from '../../dev/local-slack';

const TOPIC_PACKS = path.resolve(__dirname, '../fixtures/topic-packs');
let h: BotHarness;

beforeEach(async () => {
  h = await bootBot({ contentDir: TOPIC_PACKS });
});
afterEach(async () => {
  await h.stop();
});

const textOf = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const recaps = () => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'recap_posted');
const titleOf = (m: StoredMessage) => /"text":"\*([^*]+)\*"/.exec(textOf(m))![1];

async function delayedJob(queue: 'qotd' | 'tasks', schedulerId: string): Promise<Job> {
  return eventually(async () => (await h.bot.queues[queue].getDelayed()).find((j) => j.id?.startsWith(`repeat:${schedulerId}:`)), 8000, `${schedulerId} job`);
}

/** Reveals a question and records each vote, waiting until all are counted. */
async function vote(question: StoredMessage, votes: Array<[string, number]>): Promise<void> {
  await h.driver.clickButton({ userId: USERS.admin, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 8000, 'answer');
  for (const [userId, level] of votes) await h.driver.clickButton({ userId, channelId: CHANNEL, ts: answer.ts, actionId: `record_level_${level}` });
  await eventually(async () => (await h.redis.hlen(h.channelKeys().votes(question.ts))) === votes.length, 5000, 'votes recorded');
}

/** Runs the question of the day's next due post now (a day passes). */
async function questionOfTheDay(): Promise<StoredMessage> {
  const before = h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted').length;
  await (await delayedJob('qotd', BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL))).promote();
  const post = await eventually(() => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted')[before], 8000, 'question of the day');
  await h.waitForPost(post.ts);
  return post;
}

/** A question asked for at one level (so its below-level answers are known). */
async function asked(level: string): Promise<StoredMessage> {
  const before = h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'question_posted').length;
  await h.driver.command({ text: level, userId: USERS.carol, channelId: CHANNEL });
  const post = await eventually(() => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'question_posted')[before], 8000, `${level} question`);
  await h.waitForPost(post.ts);
  return post;
}

test('the recap lists the week with its mix, links the hardest, names streak leaders only, counts cleared cards, once a week', async () => {
  const team = h.slack.team.id;
  await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
  // Two questions of the day: alice answers both (a streak of 2), bob only the second (1, not a leader).
  // Advanced is at or above every level, so neither counts towards the hardest.
  await vote(await questionOfTheDay(), [[USERS.alice, 3]]);
  await vote(await questionOfTheDay(), [[USERS.alice, 3], [USERS.bob, 3]]);
  // Three asked for: a beginner one 1 of 3 below its level (carol: Not yet), an advanced one 2 of 2 below (the
  // hardest), an intermediate one at its level.
  const beginner = await asked('beginner');
  await vote(beginner, [[USERS.alice, 1], [USERS.bob, 2], [USERS.carol, 0]]);
  const advanced = await asked('advanced');
  await vote(advanced, [[USERS.alice, 0], [USERS.bob, 1]]);
  await vote(await asked('intermediate'), [[USERS.alice, 2]]);

  // carol's card for the beginner question (made by her Not yet in the channel) is cleared in three reviews.
  const beginnerId = (await h.bot.deps.posts.get(team, CHANNEL, beginner.ts))!.questionId;
  for (let i = 0; i < 3; i++) await rateReview(h.bot.deps.review, team, USERS.carol, beginnerId, 1, new Date(), `review:test-${i}`);

  const recapJob = await delayedJob('tasks', BullQuizJobs.recapSchedulerId(team, CHANNEL));
  const scheduledFor = recapJob.opts.prevMillis!;
  expect(new Date(scheduledFor).getUTCDay()).toBe(1); // daily: the week's first day, Monday, at 09:30 UTC
  expect(new Date(scheduledFor).toISOString()).toMatch(/T09:30:00\.000Z$/);
  await recapJob.promote();
  const [recap] = await eventually(() => (recaps().length ? recaps() : null), 8000, 'the recap');
  const text = textOf(recap);

  expect(text).toContain('Weekly recap');
  expect(text).toContain('5 questions this week');
  // Each question with the channel's level mix (🟢 🟡 🔴 📚).
  expect(text).toContain(`${titleOf(beginner)}  —  🟢 1 · 🟡 1 · 🔴 0 · 📚 1`);
  expect(text).toContain(`${titleOf(advanced)}  —  🟢 1 · 🟡 0 · 🔴 0 · 📚 1`);
  // The hardest, linked to its thread through chat.getPermalink.
  const permalinks = h.slack.callsTo('chat.getPermalink').filter((c) => c.outcome === 'ok');
  expect(permalinks).toHaveLength(1);
  const link = String(permalinks[0].response?.permalink);
  expect(link).toContain(`/archives/${CHANNEL}/p`);
  expect(text).toContain(`Hardest this week:* <${link.replace(/&/g, '&amp;')}|${titleOf(advanced)}>`);
  expect(text).toContain('2 of 2 answers were 📚 Not yet or below its Advanced level');
  // Streak leaders only: alice. Nobody who answered below a level is named for it.
  expect(text).toContain(`<@${USERS.alice}> 🔥 2`);
  for (const other of [USERS.bob, USERS.carol, USERS.admin]) expect(text).not.toContain(other);
  expect(text).toContain('Review cards cleared:* 1 this week');

  // Exactly once: the same week's run again (a retry or a redelivery) posts nothing more.
  const slack = webClientPort(new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } }));
  const again = await runWeeklyRecap(h.bot.deps, slack, { team, channel: CHANNEL, scheduledAt: new Date(scheduledFor), attempt: 'again' });
  expect(again).toEqual({ status: 'duplicate', week: expect.stringMatching(/^w\d{4}-W\d\d$/) });
  expect(recaps()).toHaveLength(1);
  expect(h.slack.warnings).toEqual([]);
}, 60_000);

test('schedule recap off stops it and is announced; on brings it back; a week without questions posts nothing', async () => {
  const team = h.slack.team.id;
  const schedulerId = BullQuizJobs.recapSchedulerId(team, CHANNEL);
  await h.driver.command({ text: 'schedule 09:30 UTC weekdays', userId: USERS.admin, channelId: CHANNEL });
  await delayedJob('tasks', schedulerId);
  await h.driver.command({ text: 'schedule', userId: USERS.bob, channelId: CHANNEL });
  await eventually(() => h.slack.ephemeralsFor(USERS.bob).map(textOf).find((t) => /Weekly recap: Mon \d+ \w+ at 09:30/.test(t)), 5000, 'recap shown with the schedule');

  // Only those who may set the schedule may turn it off.
  await h.driver.command({ text: 'schedule recap off', userId: USERS.bob, channelId: CHANNEL });
  await eventually(() => h.slack.ephemeralsFor(USERS.bob).some((e) => textOf(e).includes("turn this channel's weekly recap on or off")), 5000, 'refusal');
  expect(await h.bot.queues.tasks.getJobScheduler(schedulerId)).toBeTruthy();

  await h.driver.command({ text: 'schedule recap off', userId: USERS.admin, channelId: CHANNEL });
  await eventually(() => h.slack.messages(CHANNEL).some((m) => textOf(m).includes('turned off the weekly recap')), 5000, 'announcement');
  await eventually(async () => !(await h.bot.queues.tasks.getJobScheduler(schedulerId)), 5000, 'recap scheduler removed');
  expect((await h.bot.queues.tasks.getDelayed()).filter((j) => j.name === 'recap')).toEqual([]);

  // A question in the week, and a recap run left over from before (a job already taken): it posts nothing.
  await vote(await asked('beginner'), [[USERS.alice, 0]]);
  const slack = webClientPort(new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } }));
  const soon = new Date(Date.now() + 3600_000);
  expect(await runWeeklyRecap(h.bot.deps, slack, { team, channel: CHANNEL, scheduledAt: soon, attempt: 'leftover' })).toEqual({ status: 'skipped', reason: 'recap off' });
  // A schedule set again keeps the recap off.
  await h.driver.command({ text: 'schedule 10:00 UTC weekdays', userId: USERS.admin, channelId: CHANNEL });
  await eventually(() => h.slack.messages(CHANNEL).some((m) => textOf(m).includes('Weekly recap: off')), 5000, 'changed schedule says the recap is off');
  expect(await h.bot.queues.tasks.getJobScheduler(schedulerId)).toBeFalsy();
  expect(recaps()).toEqual([]);

  // On again: its scheduler is back, at the schedule's time on its first day.
  await h.driver.command({ text: 'schedule recap on', userId: USERS.admin, channelId: CHANNEL });
  await eventually(() => h.slack.messages(CHANNEL).some((m) => textOf(m).includes('turned on the weekly recap')), 5000, 'on announced');
  expect((await h.bot.queues.tasks.getJobScheduler(schedulerId))?.pattern).toBe('0 10 * * 1');
  const job = await delayedJob('tasks', schedulerId);
  await job.promote();
  await eventually(() => recaps().length === 1, 8000, 'the recap once on again');

  // A week with no question: nothing to recap, nothing posted.
  const empty = new Date(Date.now() + 30 * 24 * 3600_000);
  expect(await runWeeklyRecap(h.bot.deps, slack, { team, channel: CHANNEL, scheduledAt: empty, attempt: 'empty' })).toEqual({ status: 'skipped', reason: 'no questions' });
  expect(recaps()).toHaveLength(1);
}, 60_000);

test('`schedule recap` without on or off says what to type', async () => {
  await h.driver.command({ text: 'schedule recap weekly', userId: USERS.admin, channelId: CHANNEL });
  const reply = await eventually(() => h.slack.ephemeralsFor(USERS.admin).map(textOf).find((t) => t.includes('schedule recap')), 5000, 'usage');
  expect(reply).toContain('takes `on` or `off`, not `weekly`');
  expect(reply).toContain('/devops-quiz schedule recap off');
});
