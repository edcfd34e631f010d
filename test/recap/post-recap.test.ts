/**
 * The recap goes out once per channel and week, as questions of the day do (postOnce): a run whose post reached
 * Slack but whose answer was lost is settled by the retry, which finds the post by its metadata and adopts it
 * instead of posting a second recap; a refused post can be made again.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { bootBot, BOT_TOKEN, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { IN_FLIGHT_MS, PostInFlightError } from '../../src/quiz/post-once';
import { runWeeklyRecap } from '../../src/recap/post-recap';
import { webClientPort } from '../../src/slack/port';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const recaps = () => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'recap_posted');

async function aQuestionThisWeek(): Promise<void> {
  await h.driver.command({ text: 'schedule 09:30 UTC weekdays', userId: USERS.admin, channelId: CHANNEL });
  await eventually(() => h.slack.messages(CHANNEL).some((m) => /set the question of the day/.test(JSON.stringify(m.blocks))), 5000, 'schedule announced');
  await h.driver.command({ text: '', userId: USERS.carol, channelId: CHANNEL });
  const post = await eventually(() => h.slack.messages(CHANNEL).find((m) => m.metadata?.event_type === 'question_posted'), 8000, 'question');
  await h.waitForPost(post.ts);
}

test('a recap Slack took but whose answer was lost is adopted by the retry, not posted twice', async () => {
  await aQuestionThisWeek();
  const team = h.slack.team.id;
  const slack = webClientPort(new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 }, timeout: 2000, logLevel: LogLevel.ERROR }));
  const scheduledAt = new Date(Date.now() + 3600_000);
  const req = { team, channel: CHANNEL, scheduledAt, attempt: 'first' };

  h.slack.failNext('chat.postMessage', { dropAfterStore: true });
  await expect(runWeeklyRecap(h.bot.deps, slack, req)).rejects.toThrow();
  expect(recaps()).toHaveLength(1); // it did reach the channel

  // At once, the first attempt may still be posting: the retry waits instead of risking a second post.
  await expect(runWeeklyRecap(h.bot.deps, slack, { ...req, attempt: 'second' })).rejects.toBeInstanceOf(PostInFlightError);
  // Once that is surely over, the retry finds the post by its metadata and takes it as this week's recap.
  const later = { ...h.bot.deps, now: () => new Date(Date.now() + IN_FLIGHT_MS + 1000) };
  const adopted = await runWeeklyRecap(later, slack, { ...req, attempt: 'third' });
  expect(adopted).toEqual({ status: 'adopted', ts: recaps()[0].ts, week: expect.any(String) });
  expect(await runWeeklyRecap(h.bot.deps, slack, { ...req, attempt: 'fourth' })).toMatchObject({ status: 'duplicate' });
  expect(recaps()).toHaveLength(1);
});

test('a recap Slack refused is posted by the next attempt', async () => {
  await aQuestionThisWeek();
  const slack = webClientPort(new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } }));
  const req = { team: h.slack.team.id, channel: CHANNEL, scheduledAt: new Date(Date.now() + 3600_000), attempt: 'first' };
  h.slack.failNext('chat.postMessage', { error: 'internal_error' });
  await expect(runWeeklyRecap(h.bot.deps, slack, req)).rejects.toThrow();
  expect(recaps()).toHaveLength(0);
  expect(await runWeeklyRecap(h.bot.deps, slack, { ...req, attempt: 'second' })).toMatchObject({ status: 'posted' });
  expect(recaps()).toHaveLength(1);
});
