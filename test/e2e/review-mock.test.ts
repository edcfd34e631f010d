/**
 * Mock interview ratings and personal review: the interviewer's rating below the question's level makes a card
 * for the candidate, who alone is asked (in the thread) before any DM. Real bot, local Slack stand-in.
 */
import { CHANNEL, eventually } from '../support/bot-harness';
import { at, bodyOf, mockInterviewBot, USERS } from '../support/mock-interview';

const { alice, bob } = USERS;
const bot = mockInterviewBot();
const { openMock, question, click, titleOf, bankQuestion } = bot;
const store = () => bot.h.bot.deps.review.store;
const team = () => bot.h.slack.team.id;

test("a Not yet rating makes the candidate's card and offers the candidate, in the thread, alone", async () => {
  const parent = await openMock(alice, `${at(bob)} 2`);
  await click(bob, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);
  await click(alice, q1.ts, 'interview_rate_0');
  const q2 = await question(parent, 2);

  const offer = await eventually(() => bot.h.slack.ephemeralsFor(bob, { channelId: CHANNEL }).find((e) => bodyOf(e).includes('review_consent_yes')), 5000, 'offer to bob');
  expect(offer.thread_ts).toBe(parent.ts);
  expect(bot.h.slack.ephemeralsFor(alice, { channelId: CHANNEL }).some((e) => bodyOf(e).includes('review_consent_yes'))).toBe(false);

  const cards = await store().allCards(team(), bob, Date.now());
  expect(cards.map((c) => c.questionId)).toEqual([bankQuestion(titleOf(q1)).id]);
  expect(cards[0].origin).toEqual({ source: 'mock', channel: CHANNEL });
  expect(await store().allCards(team(), alice, Date.now())).toEqual([]);

  // A rating at the question's own level makes no card; readiness counts both ratings as the candidate's.
  const level = bankQuestion(titleOf(q2)).level;
  const score = { beginner: 1, intermediate: 2, advanced: 3 }[level];
  await click(alice, q2.ts, `interview_rate_${score}`);
  await eventually(() => bot.h.slack.thread(CHANNEL, parent.ts).some((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
  await eventually(async () => (await store().readiness(team(), bob)).reduce((n, r) => n + r.total, 0) === 2, 5000, 'readiness');
  expect(await store().allCards(team(), bob, Date.now())).toHaveLength(1);

  // The candidate says yes from the thread.
  await bot.h.driver.clickButton({ userId: bob, channelId: CHANNEL, ts: offer.message_ts, actionId: 'review_consent_yes' });
  await eventually(async () => (await store().settings(team(), bob)).consent === 'yes', 5000, 'consent');
});
