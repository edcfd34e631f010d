/**
 * FSRS through ts-fsrs, set up for a bot that writes at most once a day: no short-term (minute) learning steps,
 * fuzz on (so cards made together spread out), intervals capped at the horizon. The one module that imports the
 * library: cards are kept as plain fields (model/reviews.ts) and converted here.
 */
import { createEmptyCard, fsrs, Rating, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { Level, LevelScore } from '../model/levels';
import type { FsrsFields, Relative } from '../model/reviews';

/** Requested retention: ts-fsrs's default, and the higher one of interview mode (shorter intervals, more reviews). */
export const NORMAL_RETENTION = 0.9;
export const INTERVIEW_RETENTION = 0.95;

/** The horizon when none is configured: a card whose next interval passes it is learnt well enough. */
export const DEFAULT_HORIZON_DAYS = 120;

const DAY_MS = 24 * 3600 * 1000;

const LEVEL_SCORE: Readonly<Record<Level, LevelScore>> = { beginner: 1, intermediate: 2, advanced: 3 };

/** A self-report against the question's own level (Not yet is below every level). */
export function relativeTo(score: LevelScore, level: Level): Relative {
  const own = LEVEL_SCORE[level];
  return score < own ? 'below' : score === own ? 'equal' : 'above';
}

/**
 * The FSRS grade of a report. Below the level is Again, not Hard: Hard means "passed, with effort" and
 * lengthens the interval, which is wrong for someone who did not know the answer.
 */
export function gradeFor(relative: Relative): Grade {
  return relative === 'below' ? Rating.Again : relative === 'equal' ? Rating.Good : Rating.Easy;
}

/** The parameters every scheduler of the bot is built with, for a retention and a horizon. */
export function fsrsParams(retention: number, horizonDays: number) {
  return { enable_short_term: false, enable_fuzz: true, maximum_interval: horizonDays, request_retention: retention };
}

export function toFsrsCard(f: FsrsFields): Card {
  return {
    due: new Date(f.due),
    stability: f.stability,
    difficulty: f.difficulty,
    elapsed_days: 0, // deprecated in ts-fsrs; it computes the days since last_review itself
    scheduled_days: f.scheduled_days,
    learning_steps: f.learning_steps,
    reps: f.reps,
    lapses: f.lapses,
    state: f.state,
    ...(f.last_review !== null ? { last_review: new Date(f.last_review) } : {}),
  };
}

export function fromFsrsCard(c: Card): FsrsFields {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

export class ReviewScheduler {
  private readonly byRetention = new Map<number, FSRS>();

  constructor(readonly horizonDays: number = DEFAULT_HORIZON_DAYS) {
    if (!Number.isInteger(horizonDays) || horizonDays < 1) throw new Error(`review horizon must be a whole number of days, got ${horizonDays}`);
  }

  /** The ts-fsrs scheduler for a retention (built once each). */
  scheduler(retention: number): FSRS {
    let f = this.byRetention.get(retention);
    if (!f) {
      f = fsrs(fsrsParams(retention, this.horizonDays));
      this.byRetention.set(retention, f);
    }
    return f;
  }

  /**
   * One rating at `at`: a card with no FSRS state yet starts empty at that instant. `passesHorizon`: the interval
   * FSRS wants next (before the cap and fuzz) is longer than the horizon, so the card retires.
   */
  rate(fields: FsrsFields | null, grade: Grade, at: Date, retention: number): { fields: FsrsFields; passesHorizon: boolean } {
    const f = this.scheduler(retention);
    const card = fields ? toFsrsCard(fields) : createEmptyCard(at);
    const next = f.next(card, at, grade).card;
    return { fields: fromFsrsCard(next), passesHorizon: this.interval(next.stability, retention) > this.horizonDays };
  }

  /** The interval in days FSRS gives a stability at a retention, before the horizon's cap and before fuzz. */
  interval(stability: number, retention: number): number {
    return Math.max(1, Math.round(stability * this.scheduler(retention).interval_modifier));
  }

  /**
   * When a card comes back at a higher retention: its last review plus the interval its stability gets there,
   * never later than it was due already (interview mode only pulls reviews in).
   */
  dueAt(fields: FsrsFields, retention: number): number {
    if (fields.last_review === null) return fields.due;
    const days = Math.min(this.interval(fields.stability, retention), this.horizonDays);
    return Math.min(fields.due, fields.last_review + days * DAY_MS);
  }
}
