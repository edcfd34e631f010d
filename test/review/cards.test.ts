/**
 * Review cards against a real Redis: which answers make a card, how reports map to FSRS ratings (compared with
 * what ts-fsrs itself computes for the same inputs, never a hard-coded day count), retirement, the cap, expiry.
 */
import { Rating, type Grade } from 'ts-fsrs';
import type { LevelScore } from '../../src/model/levels';
import { dueFor, noteAnswer, rateReview, RETIRE_AFTER_GOOD_REPORTS, type AnswerNote } from '../../src/review/cards';
import { INTERVIEW_RETENTION } from '../../src/review/scheduler';
import { REVIEW_CARD_CAP, REVIEW_EXPIRY_GRACE_DAYS } from '../../src/store/reviews';
import { bank, CHANNEL, DAY, expected, reviewHarness, T0, TEAM, USER, type ReviewHarness } from './fixtures';

let h: ReviewHarness;
beforeEach(() => {
  h = reviewHarness();
});
afterEach(async () => {
  await h.stop();
});

// drills/q1 is a beginner question, q2 intermediate, q3 advanced.
const BEGINNER = 'drills/q1';
const INTERMEDIATE = 'drills/q2';
const ADVANCED = 'drills/q3';

function vote(questionId: string, score: LevelScore, at = T0, over: Partial<AnswerNote> = {}) {
  return noteAnswer(h.deps, { team: TEAM, user: USER, questionId, score, at, source: 'channel', channel: CHANNEL, ref: `post:${at.getTime()}`, replaces: null, mayMake: true, ...over });
}

const days = (n: number) => new Date(T0.getTime() + n * DAY);

test('"Not yet" makes a card, due when ts-fsrs schedules an Again; the first card asks for consent, the next does not', async () => {
  const first = await vote(INTERMEDIATE, 0);
  expect(first.change).toBe('made');
  expect(first.offer).toBe(true);
  expect(first.card!.fsrs.due).toBe(expected([[Rating.Again, T0]]).due.getTime());
  expect(first.card!.origin).toEqual({ source: 'channel', channel: CHANNEL });

  const second = await vote(ADVANCED, 1);
  expect(second.change).toBe('made');
  expect(second.offer).toBe(false);
});

test('an unanswered offer is shown again a week later, an answered one never', async () => {
  expect((await vote(INTERMEDIATE, 0)).offer).toBe(true);
  expect((await vote(ADVANCED, 0, days(6))).offer).toBe(false);
  expect((await vote(BEGINNER, 0, days(8))).offer).toBe(true);
  const settings = await h.deps.store.settings(TEAM, USER);
  await h.deps.store.saveSettings(TEAM, USER, { ...settings, consent: 'no' });
  await h.deps.store.reset(TEAM, USER);
  expect((await vote(INTERMEDIATE, 0, days(30))).offer).toBe(false);
});

test('answers at or above the level make no card; below the level does, as Again (never Hard)', async () => {
  expect((await vote(INTERMEDIATE, 2)).change).toBe('none');
  expect((await vote(BEGINNER, 3)).change).toBe('none');
  expect(await h.deps.store.allCards(TEAM, USER, T0.getTime())).toEqual([]);

  const below = await vote(ADVANCED, 2);
  expect(below.change).toBe('made');
  const again = expected([[Rating.Again, T0]]);
  expect(below.card!.fsrs.due).toBe(again.due.getTime());
  expect(below.card!.fsrs.stability).toBe(again.stability);
  // Hard would have given another card (it lengthens the interval); the card is not that one.
  expect(below.card!.fsrs.stability).not.toBe(expected([[Rating.Hard, T0]]).stability);
});

test.each([
  ['equal to the level → Good', 2 as LevelScore, Rating.Good as Grade],
  ['above the level → Easy', 3 as LevelScore, Rating.Easy as Grade],
  ['below the level → Again', 1 as LevelScore, Rating.Again as Grade],
  ['Not yet → Again', 0 as LevelScore, Rating.Again as Grade],
])('rateReview: %s, next due date as ts-fsrs gives for that rating', async (_name, score, grade) => {
  await vote(INTERMEDIATE, 0);
  const at = days(1);
  const rated = await rateReview(h.deps, TEAM, USER, INTERMEDIATE, score, at);
  expect(rated.status).toBe('rated');
  if (rated.status !== 'rated') return;
  const card = expected([
    [Rating.Again, T0],
    [grade, at],
  ]);
  expect(rated.nextDue.getTime()).toBe(card.due.getTime());
  expect(rated.card.fsrs).toEqual({
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: at.getTime(),
  });
  // What is stored is what the rule returned.
  const [stored] = await h.deps.store.allCards(TEAM, USER, at.getTime());
  expect(stored.fsrs).toEqual(rated.card.fsrs);
});

test('interview mode schedules ratings for the higher retention', async () => {
  await vote(INTERMEDIATE, 0);
  const settings = await h.deps.store.settings(TEAM, USER);
  await h.deps.store.saveSettings(TEAM, USER, { ...settings, interviewUntil: '2026-03-20' });
  const at = days(1);
  const rated = await rateReview(h.deps, TEAM, USER, INTERMEDIATE, 2, at);
  const card = expected(
    [
      [Rating.Again, T0],
      [Rating.Good, at],
    ],
    INTERVIEW_RETENTION,
  );
  expect(rated.status === 'rated' && rated.nextDue.getTime()).toBe(card.due.getTime());
});

test(`${RETIRE_AFTER_GOOD_REPORTS} reports in a row at or above the level retire the card; a lapse starts the count again`, async () => {
  await vote(INTERMEDIATE, 0);
  let at = T0;
  const rate = async (score: LevelScore) => {
    const [card] = await h.deps.store.allCards(TEAM, USER, at.getTime());
    at = new Date(card.retiredAt === null ? card.fsrs.due : at.getTime());
    return rateReview(h.deps, TEAM, USER, INTERMEDIATE, score, at);
  };
  expect((await rate(2)).status).toBe('rated');
  expect((await rate(3)).status).toBe('rated');
  expect((await rate(1)).status).toBe('rated'); // below: the run is broken
  expect((await rate(2)).status).toBe('rated');
  expect((await rate(2)).status).toBe('rated');
  const last = await rate(3);
  expect(last.status).toBe('retired');
  if (last.status === 'retired') expect(last.card.retiredWhy).toBe('streak');
  // A retired card is not due any more, and counts as cleared for the recap, in the channel where it was made.
  expect(await h.deps.store.dueCards(TEAM, USER, at.getTime() + 1000 * DAY, 5, at.getTime())).toEqual([]);
  expect(await h.deps.store.cleared(TEAM, { from: T0.getTime(), to: at.getTime() + 1 })).toEqual([{ user: USER, channel: CHANNEL, questionId: INTERMEDIATE, at: at.getTime() }]);
  expect(await h.deps.store.cleared(TEAM, { from: T0.getTime(), to: at.getTime() + 1, channel: 'C0OTHER01' })).toEqual([]);
  // A review of a retired card finds none to rate.
  expect((await rateReview(h.deps, TEAM, USER, INTERMEDIATE, 2, new Date(at.getTime() + DAY))).status).toBe('no-card');
});

test('a card retires when its next interval passes the horizon', async () => {
  await h.stop();
  h = reviewHarness({ horizonDays: 7 });
  await vote(ADVANCED, 0);
  // Good reviews, each on the day the card is due, until ts-fsrs's own next interval (before the cap) passes 7 days.
  const ratings: Array<[Grade, Date]> = [[Rating.Again, T0]];
  for (;;) {
    const [card] = await h.deps.store.allCards(TEAM, USER, T0.getTime());
    const at = new Date(card.fsrs.due);
    ratings.push([Rating.Good, at]);
    const rated = await rateReview(h.deps, TEAM, USER, ADVANCED, 3, at);
    const passes = h.deps.scheduler.interval(expected(ratings, 0.9, 7).stability, 0.9) > 7;
    expect(rated.status).toBe(passes ? 'retired' : 'rated');
    if (rated.status === 'retired') {
      expect(rated.card.retiredWhy).toBe('horizon');
      break;
    }
  }
  expect(ratings.length - 1).toBeLessThan(RETIRE_AFTER_GOOD_REPORTS);
});

test('a changed vote on the same post redoes its own rating: a misclick fixed takes the card back', async () => {
  const ref = 'post:1700000000.000100';
  expect((await vote(INTERMEDIATE, 0, T0, { ref })).change).toBe('made');
  expect((await vote(INTERMEDIATE, 3, T0, { ref, replaces: 0 })).change).toBe('undone');
  expect(await h.deps.store.allCards(TEAM, USER, T0.getTime())).toEqual([]);
  // Readiness counted one answer, now at the level.
  expect(await h.deps.store.readiness(TEAM, USER)).toEqual([expect.objectContaining({ source: 'channel', level: 'intermediate', pack: 'drills', category: 'Pipelines', total: 1, atLevel: 1 })]);
});

test('the same question answered again on a later post is a review of its card', async () => {
  await vote(INTERMEDIATE, 0, T0);
  const later = days(2);
  const again = await vote(INTERMEDIATE, 2, later);
  expect(again.change).toBe('rated');
  expect(again.card!.fsrs.due).toBe(
    expected([
      [Rating.Again, T0],
      [Rating.Good, later],
    ]).due.getTime(),
  );
  const ready = await h.deps.store.readiness(TEAM, USER);
  expect(ready).toEqual([expect.objectContaining({ source: 'channel', level: 'intermediate', pack: 'drills', category: 'Pipelines', total: 2, atLevel: 1 })]);
});

test('two reviews of one card at once both count, one after the other', async () => {
  await vote(INTERMEDIATE, 0);
  const at = days(1);
  await Promise.all([rateReview(h.deps, TEAM, USER, INTERMEDIATE, 2, at, 'dm:1'), rateReview(h.deps, TEAM, USER, INTERMEDIATE, 2, at, 'dm:2')]);
  const [card] = await h.deps.store.allCards(TEAM, USER, at.getTime());
  expect(card.fsrs.reps).toBe(3);
});

test(`at most ${REVIEW_CARD_CAP} cards a person: the oldest retired card goes first, then the oldest`, async () => {
  await h.stop();
  h = reviewHarness({ questions: bank(3 * (REVIEW_CARD_CAP + 2)) });
  // Advanced questions (q3, q6, …) answered Not yet: one card each, a minute apart.
  const advanced = [...h.deps.questions.values()].filter((q) => q.level === 'advanced').map((q) => q.id);
  const at = (i: number) => new Date(T0.getTime() + i * 60_000);
  // The first card retires (three Easy reviews), so it is the one to drop first although it is not the oldest.
  await vote(advanced[0], 0, at(0));
  await vote(advanced[1], 0, at(1));
  for (let r = 0; r < 3; r++) await rateReview(h.deps, TEAM, USER, advanced[1], 3, at(2 + r), `dm:${r}`);
  for (let i = 2; i < REVIEW_CARD_CAP; i++) await vote(advanced[i], 0, at(10 + i));
  expect((await h.deps.store.counts(TEAM, USER, 0)).total).toBe(REVIEW_CARD_CAP);

  await vote(advanced[REVIEW_CARD_CAP], 0, at(10 + REVIEW_CARD_CAP));
  let ids = (await h.deps.store.allCards(TEAM, USER, at(500).getTime())).map((c) => c.questionId);
  expect(ids).toHaveLength(REVIEW_CARD_CAP);
  expect(ids).not.toContain(advanced[1]);
  expect(ids).toContain(advanced[0]);

  await vote(advanced[REVIEW_CARD_CAP + 1], 0, at(11 + REVIEW_CARD_CAP));
  ids = (await h.deps.store.allCards(TEAM, USER, at(500).getTime())).map((c) => c.questionId);
  expect(ids).toHaveLength(REVIEW_CARD_CAP);
  expect(ids).not.toContain(advanced[0]);
});

test('a card untouched for the horizon plus the grace expires', async () => {
  await vote(INTERMEDIATE, 0, T0);
  const past = days(120 + REVIEW_EXPIRY_GRACE_DAYS + 1);
  expect(await h.deps.store.dueCards(TEAM, USER, past.getTime(), 5, past.getTime())).toEqual([]);
  // The next write removes it for good.
  await vote(ADVANCED, 0, past);
  expect(await h.redis.hexists(h.keys.review(TEAM, USER).cards, INTERMEDIATE)).toBe(0);
  // Every key of the person's cards expires too, counted from the last write.
  const ttl = await h.redis.ttl(h.keys.review(TEAM, USER).cards);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual((120 + REVIEW_EXPIRY_GRACE_DAYS) * 24 * 3600);
});

test('mock interview ratings make cards too, credited to the interview channel, and count apart in readiness', async () => {
  const note = await noteAnswer(h.deps, { team: TEAM, user: USER, questionId: ADVANCED, score: 1, at: T0, source: 'mock', channel: 'C0MOCK001', ref: 'iv:abc:0', replaces: null, mayMake: true });
  expect(note.change).toBe('made');
  expect(note.card!.origin).toEqual({ source: 'mock', channel: 'C0MOCK001' });
  expect(await h.deps.store.readiness(TEAM, USER)).toEqual([expect.objectContaining({ source: 'mock', level: 'advanced', pack: 'drills', category: 'Containers', total: 1, atLevel: 0 })]);
});

test('forgetting a person removes their cards, settings, readiness and cleared entries', async () => {
  await vote(INTERMEDIATE, 0);
  for (let r = 0; r < 3; r++) await rateReview(h.deps, TEAM, USER, INTERMEDIATE, 3, days(1 + r), `dm:${r}`);
  await noteAnswer(h.deps, { team: TEAM, user: 'UOTHER001', questionId: ADVANCED, score: 0, at: T0, source: 'channel', channel: CHANNEL, ref: 'x', replaces: null, mayMake: true });
  expect(await h.deps.store.cleared(TEAM, { from: 0, to: days(10).getTime() })).toHaveLength(1);
  await h.deps.store.forget(TEAM, USER);
  const left = await h.redis.keys(`${h.keys.prefix}*`);
  expect(left.filter((k) => k.includes(USER))).toEqual([]);
  expect(await h.deps.store.cleared(TEAM, { from: 0, to: days(10).getTime() })).toEqual([]);
  expect(await h.deps.store.allCards(TEAM, 'UOTHER001', T0.getTime())).toHaveLength(1);
});

test('what is due leaves out cards whose question left the bank, still up to the cap', async () => {
  await h.stop();
  const questions = bank(9);
  h = reviewHarness({ questions });
  for (const id of ['drills/q3', 'drills/q6', 'drills/q9']) await vote(id, 0, T0);
  const settings = await h.deps.store.settings(TEAM, USER);
  await h.deps.store.saveSettings(TEAM, USER, { ...settings, consent: 'yes', on: true, max: 2 });
  questions.delete('drills/q3');
  const due = await dueFor(h.deps, TEAM, USER, days(3));
  expect(due.status === 'due' && due.cards.map((c) => c.questionId)).toEqual(['drills/q6', 'drills/q9']);
});
