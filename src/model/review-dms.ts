/**
 * Reviews by DM: one message a day per person with their due cards (at most their cap), sent by BullMQ jobs, and
 * what the message's buttons report. Times are epoch milliseconds.
 */
import type { LevelScore } from './levels';
import type { Question } from './question';

/** A person's delivery: the scheduled time of their next delivery job, and of the last one that ran (null: none). */
export interface DeliveryState {
  next: number | null;
  last: number | null;
  /** The DM channel with the bot (`D…`), once Slack told us. */
  im: string | null;
}

/** What a daily delivery job did at its scheduled time. */
export type DeliveryDayOutcome =
  /** Something is due: the DM is queued (it goes out through the workspace's pace). */
  | { status: 'queued'; cards: number; next: number | null }
  | { status: 'nothing-due' | 'paused' | 'not-a-delivery-day'; next: number | null }
  /** Reviews by DM are off or not agreed to: the chain of jobs ends here. */
  | { status: 'stopped' }
  /** A newer schedule replaced this job (a settings change raced it): it does nothing. */
  | { status: 'superseded' };

/** What sending one day's review DM did. */
export type DeliveryOutcome =
  | { status: 'sent'; ts: string; date: string; cards: number }
  /** An earlier attempt's DM was found in the conversation and taken as this one. */
  | { status: 'adopted'; ts: string; date: string }
  /** That local day's DM went out already. */
  | { status: 'duplicate'; date: string }
  | { status: 'nothing-due'; date: string }
  | { status: 'skipped'; reason: 'no-consent' | 'off' | 'paused' };

/** A card's rating from the DM, as the message shows it. */
export interface DmRating {
  score: LevelScore;
  /** When the card comes back (ms), or null when the rating cleared it. */
  next: number | null;
}

/** One sent review DM, as recorded for its buttons. */
export interface ReviewDmRecord {
  ts: string;
  channel: string;
  /** The person's local date it was sent for. */
  date: string;
  questionIds: string[];
  /** Ratings given from the message, by card index. */
  ratings: Array<DmRating | null>;
}

/** One card of a review DM, for the view: the question (null when the bank no longer has it) and its state. */
export interface DmCardView {
  question: Question | null;
  revealed: boolean;
  rating: DmRating | null;
}

export type DmRevealOutcome =
  | { status: 'revealed'; answerTs: string }
  /** Revealed before: the answer is in the thread (or, answerTs null, being posted right now). */
  | { status: 'already'; answerTs: string | null }
  /** Slack did not say whether it took the answer: a click a little later finds it or posts it. */
  | { status: 'unconfirmed' }
  /** The message is older than its record, or not one of this person's reviews. */
  | { status: 'expired' }
  | { status: 'gone' };

export type DmRateOutcome =
  | { status: 'rated'; score: LevelScore; next: number }
  | { status: 'cleared'; score: LevelScore }
  /** The card is gone (reset, or never made): nothing to rate. */
  | { status: 'no-card' }
  | { status: 'expired' }
  | { status: 'gone' };

/** The metadata event of a review DM (payload: occurrence `<user>/<date>`, questions as JSON). */
export const REVIEW_DM_EVENT = 'review_sent';
/** The metadata event of a review's answer in the DM's thread (payload: the DM's ts and the card index). */
export const REVIEW_ANSWER_EVENT = 'review_answer';
