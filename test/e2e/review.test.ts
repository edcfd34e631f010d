/**
 * Personal review end to end: a "Not yet" vote makes a card and asks, privately, before any DM; the offer's
 * buttons and `/devops-quiz review …` change the settings the delivery reads. Real Bolt over signed HTTP, real
 * Redis, the local Slack stand-in.
 */
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import type { StoredMessage } from '../../dev/local-slack';
import { dueFor } from '../../src/review/cards';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const DAY = 24 * 3600 * 1000;
const bodyOf = (m: { text?: string; blocks?: unknown[] } | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');
const team = () => h.slack.team.id;
const store = () => h.bot.deps.review.store;

async function answerMessage(level = 'intermediate'): Promise<{ question: StoredMessage; answer: StoredMessage }> {
  const before = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text: level, userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, 'question posted');
  await h.waitForPost(question.ts);
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  return { question, answer };
}

const vote = (user: string, answer: StoredMessage, score: number) => h.driver.clickButton({ userId: user, channelId: CHANNEL, ts: answer.ts, actionId: `record_level_${score}` });
const ephemerals = (user: string) => h.slack.ephemeralsFor(user, { channelId: CHANNEL });
const offerFor = (user: string) => ephemerals(user).find((e) => bodyOf(e).includes('review_consent_yes'));

async function command(user: string, text: string): Promise<string> {
  const before = ephemerals(user).length;
  await h.driver.command({ text, userId: user, channelId: CHANNEL });
  const reply = await eventually(() => ephemerals(user)[before], 5000, `reply to ${text}`);
  return bodyOf(reply);
}

test('"Not yet" → the offer, privately → yes → a card, due when FSRS says; nothing before the yes', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.bob, answer, 0);
  await eventually(() => ephemerals(USERS.bob).some((e) => bodyOf(e).includes('Recorded')), 5000, 'vote confirmation');
  const offer = await eventually(() => offerFor(USERS.bob), 5000, 'the offer');
  expect(bodyOf(offer)).toContain('Want this back in a few days, by DM?');
  expect(bodyOf(offer)).toContain('No thanks');

  // The card is there already; until the yes, the delivery finds nothing to send.
  const [card] = await store().allCards(team(), USERS.bob, Date.now());
  expect(card.questionId).toBe('mini/why-pin-images-by-digest');
  expect((await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(card.fsrs.due))).status).toBe('no-consent');

  await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: offer.message_ts, actionId: 'review_consent_yes' });
  // The offer is replaced by what was set: bob's Slack time zone, weekdays at 10:00, two a day.
  await eventually(() => bodyOf(ephemerals(USERS.bob).find((e) => e.message_ts === offer.message_ts)).includes('Reviews by DM are on'), 5000, 'offer answered');
  const answered = bodyOf(ephemerals(USERS.bob).find((e) => e.message_ts === offer.message_ts));
  expect(answered).toContain('weekdays at 10:00 (America/New_York), at most 2 a day');
  expect(answered).not.toContain('review_consent_yes');
  expect(await store().subscribers(team())).toEqual([USERS.bob]);

  // Due by the end of the day FSRS scheduled it for, in bob's zone.
  const due = await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(card.fsrs.due));
  expect(due.status).toBe('due');
  expect(due.status === 'due' && due.cards.map((c) => c.questionId)).toEqual([card.questionId]);
  expect((await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(card.fsrs.due - 2 * DAY))).status === 'due').toBe(true);
  const early = await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(card.fsrs.due - 2 * DAY));
  expect(early.status === 'due' && early.cards).toEqual([]);

  // `/devops-quiz review` lists it as coming up, with the question's title.
  const overview = await command(USERS.bob, 'review');
  expect(overview).toContain('Your review cards');
  expect(overview).toContain('Why pin images by digest?');
  expect(overview).toContain('Coming up');
  expect(overview).toContain('Reviews by DM: *on*');
});

test('no thanks: nothing by DM, and no second offer', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.carol, answer, 0);
  const offer = await eventually(() => offerFor(USERS.carol), 5000, 'the offer');
  await h.driver.clickButton({ userId: USERS.carol, channelId: CHANNEL, ts: offer.message_ts, actionId: 'review_consent_no' });
  await eventually(() => bodyOf(ephemerals(USERS.carol).find((e) => e.message_ts === offer.message_ts)).includes('No problem: nothing by DM'), 5000, 'declined');
  expect((await store().settings(team(), USERS.carol)).consent).toBe('no');
  const [card] = await store().allCards(team(), USERS.carol, Date.now());
  expect((await dueFor(h.bot.deps.review, team(), USERS.carol, new Date(card.fsrs.due))).status).toBe('no-consent');
  expect(await store().subscribers(team())).toEqual([]);

  const { answer: advanced } = await answerMessage('advanced');
  await vote(USERS.carol, advanced, 1);
  await eventually(() => ephemerals(USERS.carol).filter((e) => bodyOf(e).includes('Recorded')).length === 2, 5000, 'second vote');
  // The one offer was answered (and replaced): no new one came with the second card.
  expect(offerFor(USERS.carol)).toBeUndefined();
  expect(await store().allCards(team(), USERS.carol, Date.now())).toHaveLength(2);
});

test('an answer at the question level makes no card and no offer', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.carol, answer, 2);
  await eventually(() => ephemerals(USERS.carol).some((e) => bodyOf(e).includes('Recorded')), 5000, 'vote confirmation');
  // The confirmation is the last private message: give a (wrong) offer time to follow it.
  await new Promise((r) => setTimeout(r, 300));
  expect(offerFor(USERS.carol)).toBeUndefined();
  expect(await store().allCards(team(), USERS.carol, Date.now())).toEqual([]);
});

test('pause moves every due date by its length, off stops delivery, on starts it, reset deletes the cards', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.bob, answer, 0);
  await eventually(() => offerFor(USERS.bob), 5000, 'the offer');
  expect(await command(USERS.bob, 'review on')).toContain('Reviews by DM are on');
  const [before] = await store().allCards(team(), USERS.bob, Date.now());

  const paused = await command(USERS.bob, 'review pause 2w');
  expect(paused).toContain('Paused for 2 weeks');
  expect(paused).toContain('1 card moved');
  const [after] = await store().allCards(team(), USERS.bob, Date.now());
  expect(after.fsrs.due - before.fsrs.due).toBe(14 * DAY);
  // During the hold nothing is due, even on the card's new date minus a day.
  expect((await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(Date.now() + 7 * DAY))).status).toBe('paused');

  expect(await command(USERS.bob, 'review resume')).toContain('Welcome back');
  const [resumed] = await store().allCards(team(), USERS.bob, Date.now());
  expect(Math.abs(resumed.fsrs.due - before.fsrs.due)).toBeLessThan(60_000);

  expect(await command(USERS.bob, 'review off')).toContain('Reviews by DM are off');
  expect((await store().settings(team(), USERS.bob)).on).toBe(false);
  expect((await dueFor(h.bot.deps.review, team(), USERS.bob, new Date(before.fsrs.due))).status).toBe('off');
  expect(await store().subscribers(team())).toEqual([]);

  expect(await command(USERS.bob, 'review time 7:30 Europe/Berlin')).toContain('weekdays at 07:30 (Europe/Berlin)');
  expect(await command(USERS.bob, 'review max 4')).toContain('At most 4 a day');
  expect(await command(USERS.bob, 'review on')).toContain('on again: weekdays at 07:30 (Europe/Berlin), at most 4 a day');

  expect(await command(USERS.bob, 'review reset')).toContain('Deleted your 1 review card');
  expect(await store().allCards(team(), USERS.bob, Date.now())).toEqual([]);
  expect(await command(USERS.bob, 'review')).toContain('No cards to review yet');
});

test('interview mode brings cards forward and raises the cap; a bad date says what to type', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.bob, answer, 0);
  await eventually(() => offerFor(USERS.bob), 5000, 'the offer');
  await command(USERS.bob, 'review on');
  const inThreeWeeks = new Date(Date.now() + 21 * DAY).toISOString().slice(0, 10);
  const reply = await command(USERS.bob, `review interview ${inThreeWeeks}`);
  expect(reply).toContain('Interview mode until');
  expect(reply).toContain('up to 5 a day');
  const due = await dueFor(h.bot.deps.review, team(), USERS.bob, new Date());
  expect(due.status === 'due' && due.cap).toBe(5);

  expect(await command(USERS.bob, 'review interview 2020-01-01')).toContain('is not after today');
  expect(await command(USERS.bob, 'review interview soon')).toContain('takes the date of your interview as YYYY-MM-DD');
  expect(await command(USERS.bob, 'review interview off')).toContain('Interview mode is off');
});

test('forget me removes review cards and settings too', async () => {
  const { answer } = await answerMessage();
  await vote(USERS.bob, answer, 0);
  await eventually(() => offerFor(USERS.bob), 5000, 'the offer');
  await command(USERS.bob, 'review on');
  await command(USERS.bob, 'forget me');
  expect(await store().allCards(team(), USERS.bob, Date.now())).toEqual([]);
  expect((await store().settings(team(), USERS.bob)).consent).toBe('unasked');
  expect(await store().subscribers(team())).toEqual([]);
});
