/**
 * Review cards: an answer below a question's own level (or Not yet) makes a card for that person, FSRS schedules
 * it, and every later report on the same question rates it, until its next interval passes the horizon or three
 * reports in a row are at or above the level. Every rule here acts at the instant it is given (`at`).
 */
import type { LevelScore } from '../model/levels';
import { REVIEW_DEFAULTS, type CardChange, type ClearedCard, type DueCards, type Relative, type ReviewCard, type ReviewNote, type ReviewRating, type ReviewSource } from '../model/reviews';
import type { CardWrite, ReadinessDelta } from '../store/reviews';
import type { ReviewDeps } from './deps';
import { gradeFor, relativeTo } from './scheduler';
import { endOfLocalDay, interviewModeAt, retentionAt, zoneOf } from './time';

/** Three reports in a row at or above the question's level retire its card. */
export const RETIRE_AFTER_GOOD_REPORTS = 3;

/** Compare-and-set retries when two reports on one card cross (a DM review and a channel vote at once). */
const WRITE_TRIES = 3;

export interface AnswerNote {
  team: string;
  user: string;
  questionId: string;
  score: LevelScore;
  at: Date;
  source: ReviewSource;
  /** Where the answer was given: a card it makes is credited to this channel. */
  channel: string;
  /**
   * The occasion answered (a post's ts, an interview's question, a review message): the same occasion answered
   * again with another score redoes its own rating instead of adding one.
   */
  ref: string;
  /** For the readiness counters: this occasion's earlier answer, which this one replaces (a changed vote), or null. */
  replaces: LevelScore | null;
  /** Channel answers and mock ratings may make a card; a review only rates the card it is about. */
  mayMake: boolean;
}

interface Plan {
  change: CardChange;
  card: ReviewCard | null;
  cleared: ClearedCard | null;
  uncleared: ClearedCard | null;
}

/** Records one self-report: readiness, and the person's card for the question (made, rated, retired or undone). */
export async function noteAnswer(deps: ReviewDeps, a: AnswerNote): Promise<ReviewNote> {
  const question = deps.questions.get(a.questionId);
  if (!question) return { change: 'unchanged', card: null, offer: false };
  const relative = relativeTo(a.score, question.level);
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.store.read(a.team, a.user, a.questionId);
    const plan = planCard(deps, stored.card, a, relative, retentionAt(stored.settings, a.at));
    const sameOccasion = stored.card?.lastRef === a.ref ? stored.card.lastScore : null;
    const replaces = a.replaces ?? sameOccasion;
    const readiness: ReadinessDelta = {
      source: a.source,
      level: question.level,
      pack: question.pack,
      category: question.category,
      total: replaces === null ? 1 : 0,
      atLevel: (relative !== 'below' ? 1 : 0) - (replaces !== null && relativeTo(replaces, question.level) !== 'below' ? 1 : 0),
      points: a.score - (replaces ?? 0),
    };
    const write: CardWrite = {
      team: a.team,
      user: a.user,
      questionId: a.questionId,
      expected: stored.raw,
      card: plan.card,
      now: a.at.getTime(),
      offer: plan.change === 'made' && a.source !== 'review',
      readiness: replaces === a.score ? [] : [readiness],
      cleared: plan.cleared,
      uncleared: plan.uncleared,
    };
    const written = await deps.store.write(write);
    if (written.status === 'ok') {
      // Channel answers count on that channel's board, shown on Home; reviews and mock ratings on none.
      await deps.home?.changed(a.team, a.user, a.source === 'channel' ? a.channel : null);
      return { change: plan.change, card: plan.card, offer: written.offer };
    }
    if (attempt >= WRITE_TRIES) throw new Error(`review card ${a.questionId} kept changing under a write`);
  }
}

/** What a report does to the card: pure, from the card as read. */
function planCard(deps: ReviewDeps, card: ReviewCard | null, a: AnswerNote, relative: Relative, retention: number): Plan {
  const at = a.at.getTime();
  const none = (change: CardChange): Plan => ({ change, card, cleared: null, uncleared: null });
  const rated = (base: { fsrs: ReviewCard['fsrs'] | null; streak: number }, from: ReviewCard | null): ReviewCard => {
    const { fields, passesHorizon } = deps.scheduler.rate(base.fsrs, gradeFor(relative), a.at, retention);
    const streak = relative === 'below' ? 0 : base.streak + 1;
    const why = streak >= RETIRE_AFTER_GOOD_REPORTS ? 'streak' : passesHorizon ? 'horizon' : null;
    return {
      questionId: a.questionId,
      fsrs: fields,
      streak,
      retiredAt: why ? at : null,
      retiredWhy: why,
      createdAt: from?.createdAt ?? at,
      touchedAt: at,
      origin: from?.origin ?? { source: a.source, channel: a.channel },
      lastRef: a.ref,
      lastSource: a.source,
      lastScore: a.score,
      undo: { fsrs: base.fsrs, streak: base.streak, retiredAt: null },
    };
  };
  const clearedOf = (c: ReviewCard): ClearedCard | null => (c.retiredAt !== null ? { user: a.user, channel: c.origin.channel, questionId: a.questionId, at: c.retiredAt } : null);

  if (card && card.lastRef === a.ref) {
    // The same occasion answered again (a changed vote, a second click): its own rating is redone.
    if (card.lastScore === a.score) return none('unchanged');
    const base = card.undo ?? { fsrs: null, streak: 0, retiredAt: null };
    const uncleared = card.retiredAt !== null ? clearedOf(card) : null;
    if (base.fsrs === null) {
      // This occasion made the card: below the level it stays as it is (Again either way), else it is gone.
      if (relative === 'below') return { change: 'unchanged', card: { ...card, lastScore: a.score, touchedAt: at }, cleared: null, uncleared: null };
      return { change: 'undone', card: null, cleared: null, uncleared };
    }
    const next = rated(base, card);
    return { change: next.retiredAt !== null ? 'retired' : 'rated', card: next, cleared: clearedOf(next), uncleared };
  }
  if (card && card.retiredAt === null) {
    const next = rated(card, card);
    return { change: next.retiredAt !== null ? 'retired' : 'rated', card: next, cleared: clearedOf(next), uncleared: null };
  }
  if (a.mayMake && relative === 'below') {
    // A first card, or a retired one that is not known any more: made afresh.
    return { change: 'made', card: rated({ fsrs: null, streak: 0 }, null), cleared: null, uncleared: null };
  }
  return none('none');
}

/**
 * A review's rating (the DM's buttons, or any surface that shows a due card): FSRS moves the card, and the
 * result says when it comes back. `ref` names the occasion (the review message), so a second click on it
 * redoes the rating instead of adding one.
 */
export async function rateReview(
  deps: ReviewDeps,
  team: string,
  user: string,
  questionId: string,
  score: LevelScore,
  at: Date,
  ref = `review:${at.getTime()}`,
): Promise<ReviewRating> {
  if (!deps.questions.has(questionId)) return { status: 'unknown-question' };
  const note = await noteAnswer(deps, { team, user, questionId, score, at, source: 'review', channel: '', ref, replaces: null, mayMake: false });
  if (!note.card || note.change === 'none' || note.change === 'undone') return { status: 'no-card' };
  if (note.card.retiredAt !== null) return { status: 'retired', card: note.card };
  return { status: 'rated', card: note.card, nextDue: new Date(note.card.fsrs.due) };
}

/**
 * What is due for a person at instant `at`: cards due by the end of that local day in their zone, oldest due
 * first, up to their cap (5 in interview mode). Nothing without consent, while off, or during a hold.
 */
export async function dueFor(deps: ReviewDeps, team: string, user: string, at: Date): Promise<DueCards> {
  const settings = await deps.store.settings(team, user);
  if (settings.consent !== 'yes') return { status: 'no-consent', settings };
  if (!settings.on) return { status: 'off', settings };
  if (settings.pausedUntil !== null && settings.pausedUntil > at.getTime()) return { status: 'paused', settings };
  const cap = interviewModeAt(settings, at) ? REVIEW_DEFAULTS.interviewMax : settings.max;
  // A question gone from the bank cannot be asked again: its card is left out (it expires untouched).
  const cards = (await deps.store.dueCards(team, user, endOfLocalDay(at, zoneOf(settings)), cap + 5, at.getTime())).filter((c) => deps.questions.has(c.questionId)).slice(0, cap);
  return { status: 'due', cards, cap, settings };
}
