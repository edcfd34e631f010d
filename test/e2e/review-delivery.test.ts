/**
 * Reviews by DM, end to end: Not yet makes a card and brings the offer; yes schedules the person's delivery job;
 * the job (promoted, as if its time had come) sends a DM with the question; Reveal answers in the DM's thread; a
 * rating moves the card with FSRS and the DM shows the next review date. Five due cards go out two a day.
 */
import { Rating } from 'ts-fsrs';
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { INTERVIEW_DRILLS } from '../support/mock-interview';
import { acceptOffer, answerNotYet, bodyOf, clickDm, dmQuestions, imOf, nextDm, nextSlot, reviewDms, type ReviewWorld } from '../support/review-delivery';
import { expected } from '../review/fixtures';
import { Keys } from '../../src/store/keys';
import { parseCard } from '../../src/store/reviews';
import { dayLabel } from '../../src/views/review';
import { localDate } from '../../src/quiz/periods';

let h: BotHarness;
let w: ReviewWorld;

async function boot(contentDir?: string): Promise<void> {
  h = await bootBot(contentDir ? { contentDir } : {});
  w = { slack: h.slack, driver: h.driver, redis: h.redis, prefix: h.prefix, tasks: h.bot.queues.tasks };
}
afterEach(async () => {
  await h.stop();
});

async function storedCard(user: string, questionId: string) {
  const k = new Keys(h.prefix).review(h.slack.team.id, user);
  const [raw, due, touch] = await Promise.all([h.redis.hget(k.cards, questionId), h.redis.zscore(k.due, questionId), h.redis.zscore(k.touch, questionId)]);
  return parseCard(raw!, due, touch)!;
}

test('Not yet → the offer → yes → the due job brings a DM; Reveal answers in its thread; a rating sets the next review at FSRS\'s interval', async () => {
  await boot();
  const bob = USERS.bob; // America/New_York
  await answerNotYet(w, bob, 'beginner');
  // Nothing goes by DM before a yes.
  expect(await nextSlot(w, bob)).toBeNull();
  await acceptOffer(w, bob);

  const { slot, dm } = await nextDm(w, bob);
  const body = bodyOf(dm);
  expect(body).toContain('What does a container image contain?');
  expect(body).toContain('🟢 Beginner');
  expect(body).toContain('Mini Test Pack');
  expect(body).toContain('Containers');
  expect(body).toContain('🧠');
  expect(body).toContain('How well did you know it now?');
  expect(body).toContain('review_reveal_0');
  expect(reviewDms(w, bob)).toHaveLength(1);
  // The DM is for the local day of the slot the job was due at, in bob's zone, at his time.
  expect(dm.metadata?.event_payload?.occurrence).toBe(`${bob}/${localDate(new Date(slot), 'America/New_York')}`);
  expect(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'America/New_York' }).format(new Date(slot))).toBe('10:00');

  // Two clicks at once (a double click): one answer in the thread.
  const [, revealed] = await Promise.all([
    h.driver.clickButton({ userId: bob, channelId: imOf(bob), ts: dm.ts, actionId: 'review_reveal_0' }),
    clickDm(w, bob, dm, 'review_reveal_0', (m) => !bodyOf(m).includes('review_reveal_0')),
  ]);
  expect(bodyOf(revealed)).toContain('The answer is in the thread');
  await new Promise((r) => setTimeout(r, 300));
  const thread = h.slack.thread(imOf(bob), dm.ts).filter((m) => m.ts !== dm.ts);
  expect(thread).toHaveLength(1);
  expect(bodyOf(thread[0])).toContain('filesystem in layers');
  const [questionId] = dmQuestions(dm);
  const rated = await clickDm(w, bob, dm, 'review_rate_0_1', (m) => bodyOf(m).includes('next review'));
  const card = await storedCard(bob, questionId);
  // Not yet made it (Again), Beginner on a beginner question is Good: exactly what ts-fsrs gives for the two.
  const fsrs = expected([
    [Rating.Again, new Date(card.createdAt)],
    [Rating.Good, new Date(card.fsrs.last_review!)],
  ]);
  expect(card.fsrs.due).toBe(fsrs.due.getTime());
  expect(card.fsrs.reps).toBe(2);
  expect(bodyOf(rated)).toContain(`next review *${dayLabel(fsrs.due.getTime(), 'America/New_York')}*`);
  expect(bodyOf(rated)).toContain('You said *Beginner*');
  expect(h.slack.thread(imOf(bob), dm.ts).filter((m) => m.ts !== dm.ts)).toHaveLength(1);
  expect(h.slack.warnings).toEqual([]);
}, 60_000);

test('five due cards: at most two a day, the rest on the next days, none twice before all went out', async () => {
  await boot(INTERVIEW_DRILLS);
  const bob = USERS.bob;
  for (let i = 0; i < 5; i++) await answerNotYet(w, bob);
  await acceptOffer(w, bob);
  const days: string[][] = [];
  for (let day = 0; day < 3; day++) days.push(dmQuestions((await nextDm(w, bob)).dm));
  expect(days.map((d) => d.length)).toEqual([2, 2, 2]);
  // Days one and two carry four different cards; day three the fifth, then the one sent longest ago.
  const firstFour = new Set([...days[0], ...days[1]]);
  expect(firstFour.size).toBe(4);
  const allCards = (await h.redis.hkeys(new Keys(h.prefix).review(h.slack.team.id, bob).cards)).sort();
  expect(allCards).toHaveLength(5);
  const fifth = allCards.find((id) => !firstFour.has(id));
  expect(days[2][0]).toBe(fifth);
  expect(days[0]).toContain(days[2][1]);
  // One DM per delivery day, never more than the cap.
  expect(reviewDms(w, bob)).toHaveLength(3);
}, 90_000);

test('the cap follows `review max`: three a day, then one', async () => {
  await boot(INTERVIEW_DRILLS);
  const bob = USERS.bob;
  for (let i = 0; i < 3; i++) await answerNotYet(w, bob);
  await acceptOffer(w, bob);
  await h.driver.command({ text: 'review max 3', userId: bob, channelId: CHANNEL });
  expect(dmQuestions((await nextDm(w, bob)).dm)).toHaveLength(3);
  await h.driver.command({ text: 'review max 1', userId: bob, channelId: CHANNEL });
  expect(dmQuestions((await nextDm(w, bob)).dm)).toHaveLength(1);
  expect(reviewDms(w, bob)).toHaveLength(2);
}, 90_000);

test('a tampered button, a card index the DM does not have, or someone else\'s click change nothing and say so', async () => {
  await boot();
  const bob = USERS.bob;
  await answerNotYet(w, bob, 'beginner');
  await acceptOffer(w, bob);
  const { dm } = await nextDm(w, bob);
  const [questionId] = dmQuestions(dm);
  const notes = (user: string) => h.slack.ephemeralsFor(user, { channelId: imOf(bob) }).map(bodyOf).join('\n');
  const click = (userId: string, actionId: string, value: string) => h.driver.blockAction({ userId, channelId: imOf(bob), message: dm, actionId, value });

  await click(bob, 'review_rate_0_2', '0|3');
  await eventually(() => notes(bob).includes('does not belong to a review I know'), 5000, 'tampered button refused');
  await click(bob, 'review_rate_5_2', '5|2');
  await eventually(() => notes(bob).includes('too old for its buttons'), 5000, 'an index the DM does not have refused');
  // Carol cannot click in bob's DM on Slack; a forged click finds no review of hers there.
  await click(USERS.carol, 'review_reveal_0', '0');
  await click(USERS.carol, 'review_rate_0_1', '0|1');
  const toCarol = () => h.slack.responses.filter((r) => r.userId === USERS.carol && JSON.stringify(r.body).includes('too old for its buttons'));
  await eventually(() => toCarol().length === 2, 5000, 'carol told, privately');
  // Bob's card was rated by none of them, and nothing was posted in his DM's thread.
  expect((await storedCard(bob, questionId)).fsrs.reps).toBe(1);
  expect(h.slack.thread(imOf(bob), dm.ts)).toHaveLength(1);
  expect(bodyOf(h.slack.message(imOf(bob), dm.ts))).toContain('review_reveal_0');
}, 60_000);
