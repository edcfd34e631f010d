/**
 * Personal review: cards scheduled with FSRS (one per person and question), the person's delivery settings and
 * consent, and what the review rules report. Times are epoch milliseconds; the rules convert to and from
 * ts-fsrs's own card type (review/scheduler.ts), so nothing here depends on the library.
 */
import type { Level, LevelScore } from './levels';

/** Where a self-report came from: a channel's answer buttons, a review (by DM), or a mock interview rating. */
export type ReviewSource = 'channel' | 'review' | 'mock';

/** The FSRS state of a card, as ts-fsrs documents it (`elapsed_days` is deprecated there and not kept). */
export interface FsrsFields {
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  last_review: number | null;
}

/** What a card was before its last rating, so a changed answer to the same occasion redoes that rating. */
export interface CardUndo {
  fsrs: FsrsFields | null;
  streak: number;
  retiredAt: number | null;
}

export type RetiredWhy = 'horizon' | 'streak';

export interface ReviewCard {
  questionId: string;
  fsrs: FsrsFields;
  /** Reports in a row at or above the question's level (three retire the card). */
  streak: number;
  /** When it retired (its next interval passed the horizon, or three good reports in a row); null while active. */
  retiredAt: number | null;
  retiredWhy: RetiredWhy | null;
  createdAt: number;
  /** Last time anything changed the card: a card untouched for the horizon plus 30 days expires. */
  touchedAt: number;
  /** Where the card was made: the channel of the answer or of the mock interview. */
  origin: { source: ReviewSource; channel: string };
  /** The occasion of the last report that moved it (a post's ts, an interview question, a review message). */
  lastRef: string;
  lastSource: ReviewSource;
  lastScore: LevelScore;
  /** The card before the last report (null fsrs: the last report made the card). */
  undo: CardUndo | null;
}

/**
 * Asked before the first DM: `unasked` (never offered), `offered` (shown the offer, no answer yet), `yes`, `no`.
 * Nothing is sent by DM without `yes`.
 */
export type Consent = 'unasked' | 'offered' | 'yes' | 'no';

export interface ReviewSettings {
  consent: Consent;
  /** When the offer was last shown (ms), or null. */
  offeredAt: number | null;
  /** Reviews by DM go out (the delivery reads this): true after consent, false after `review off`. */
  on: boolean;
  /** Local time of day of the DM, `HH:MM`. */
  time: string;
  /** The person's IANA zone (their Slack time zone when they said yes), or null while unknown. */
  tz: string | null;
  /** Days of the week the DM may come, 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** At most this many cards per DM day (0–5). */
  max: number;
  /** A vacation hold: nothing is due before this instant (ms), or null. */
  pausedUntil: number | null;
  /** Interview mode until the end of this local date (`YYYY-MM-DD`): reviews come more often; null when off. */
  interviewUntil: string | null;
  updatedAt: number;
}

/** What a person's settings are before they change any. */
export const REVIEW_DEFAULTS = { time: '10:00', days: [1, 2, 3, 4, 5], max: 2, maxLimit: 5, interviewMax: 5 } as const;

/** How a self-report compares with the question's own level. */
export type Relative = 'below' | 'equal' | 'above';

/** What noting one answer did to the person's card for that question. */
export type CardChange =
  /** No card: the answer was at or above the question's level (only readiness counted it). */
  | 'none'
  /** A new card (or a retired one made active again). */
  | 'made'
  /** An active card rated by FSRS. */
  | 'rated'
  /** The card retired with this report. */
  | 'retired'
  /** The same occasion answered again differently: the card was made by the old answer and is gone now. */
  | 'undone'
  /** Nothing changed (the same answer again, or a question the bank no longer has). */
  | 'unchanged';

export interface ReviewNote {
  change: CardChange;
  /** The card after the change (null when there is none). */
  card: ReviewCard | null;
  /** Show the person the offer "Want this back in a few days, by DM?" now. */
  offer: boolean;
}

/** The outcome of one review rating (from a DM or any other surface): the card and when it comes back. */
export type ReviewRating =
  | { status: 'rated'; card: ReviewCard; nextDue: Date }
  | { status: 'retired'; card: ReviewCard }
  | { status: 'no-card' }
  | { status: 'unknown-question' };

/** A card as lists show it. */
export interface CardView {
  questionId: string;
  due: number;
  level: Level | null;
  title: string | null;
}

/** `/devops-quiz review`: what is due and what comes next. */
export interface ReviewOverview {
  settings: ReviewSettings;
  /** Due now (up to a few shown), and how many in all. */
  due: CardView[];
  dueCount: number;
  /** The next ones after those due. */
  upcoming: CardView[];
  active: number;
  retired: number;
  /** Interview mode is in force at the time asked. */
  interviewMode: boolean;
}

/** What the delivery asks: "what is due for this person at this instant", already cut to their cap. */
export type DueCards =
  | { status: 'due'; cards: ReviewCard[]; cap: number; settings: ReviewSettings }
  | { status: 'no-consent' | 'off' | 'paused'; settings: ReviewSettings };

/** `/devops-quiz review …`, parsed. */
export type ReviewAction =
  | { do: 'show' }
  | { do: 'on' }
  | { do: 'off' }
  | { do: 'pause'; days: number }
  | { do: 'resume' }
  | { do: 'time'; hour: number; minute: number; tz: string | null }
  | { do: 'max'; max: number }
  | { do: 'interview'; date: string }
  | { do: 'interview-off' }
  | { do: 'reset' };

/** The sub-command a `review` problem is about (null: the word after `review` is none of them). */
export type ReviewSub = 'pause' | 'time' | 'max' | 'interview' | null;

/** What a review command or the consent buttons did, for the views to say. */
export type ReviewOutcome =
  | { kind: 'overview'; overview: ReviewOverview }
  | { kind: 'on'; settings: ReviewSettings; first: boolean }
  | { kind: 'off'; settings: ReviewSettings }
  | { kind: 'declined'; settings: ReviewSettings }
  | { kind: 'paused'; settings: ReviewSettings; days: number; moved: number }
  | { kind: 'resumed'; settings: ReviewSettings; moved: number; wasPaused: boolean }
  | { kind: 'time'; settings: ReviewSettings }
  | { kind: 'max'; settings: ReviewSettings }
  | { kind: 'interview'; settings: ReviewSettings; moved: number }
  | { kind: 'interview-off'; settings: ReviewSettings; wasOn: boolean }
  /** The date was not after today, or too far ahead. */
  | { kind: 'interview-date'; problem: 'past' | 'too-far'; date: string }
  | { kind: 'reset'; removed: number };

/** One card cleared (retired), for the weekly recap. */
export interface ClearedCard {
  user: string;
  channel: string;
  questionId: string;
  at: number;
}

/** One line of a person's readiness: reports at or above a question's level out of all reports. */
export interface ReadinessRow {
  source: ReviewSource;
  level: Level;
  pack: string;
  category: string;
  total: number;
  atLevel: number;
  /** The reports' scores added up (0 Not yet … 3 Advanced): their mean compares self-reports with interviewers'. */
  points: number;
}
