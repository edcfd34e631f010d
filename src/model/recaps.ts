/** The weekly team recap: what it shows, what posting it reported, and `schedule recap on|off`. */
import type { Tally } from './boards';
import type { Level } from './levels';

/** One question posted in the week, with how the channel answered it. */
export interface RecapQuestion {
  questionId: string;
  title: string;
  level: Level;
  /** Answers per level: [not yet, beginner, intermediate, advanced]. */
  tally: Tally;
  /** The question's message, and its answer in the thread once revealed. */
  ts: string;
  answerTs: string | null;
}

/** The hardest question of the week: the largest share of Not yet and below-level answers. */
export interface RecapHardest {
  question: RecapQuestion;
  /** Answers below the question's level (Not yet included), and all answers. */
  below: number;
  answers: number;
  /** Slack's link to its thread (chat.getPermalink), or null when Slack had none. */
  permalink: string | null;
}

/** Everything the recap says. People are named for their streaks only (already public on the leaderboard). */
export interface Recap {
  /** The week it covers: [from, to) in ms, `to` being the recap's scheduled time. */
  from: number;
  to: number;
  tz: string;
  /** Oldest first (the message may list fewer, and say how many more). */
  questions: RecapQuestion[];
  hardest: RecapHardest | null;
  streaks: Array<{ user: string; streak: number }>;
  /** Review cards made in this channel that their owners cleared (retired) during the week. */
  cleared: number;
}

export type RecapOutcome =
  | { status: 'posted' | 'adopted'; ts: string; week: string }
  | { status: 'duplicate'; week: string }
  /** Nothing was posted: no schedule, a paused one, the recap turned off, or no question in the week. */
  | { status: 'skipped'; reason: 'no schedule' | 'paused' | 'recap off' | 'no questions' };

/** `schedule recap on|off`, as done. */
export type RecapChange =
  /** `changed` false: it already was so. `next`: the next recap, when on and the channel has a schedule. */
  | { status: 'set'; on: boolean; changed: boolean; by: string; scheduled: boolean; next: Date | null; tz: string | null }
  | { status: 'forbidden' };

/** Whether a channel's recap is on, and when the next comes (null: off, or no schedule). */
export interface RecapState {
  on: boolean;
  next: Date | null;
}
