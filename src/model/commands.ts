/** The slash command, parsed: what the rules act on and the views explain. */
import type { Level } from './levels';
import type { Period } from './boards';
import type { ReviewAction, ReviewSub } from './reviews';

export const MOCK_MAX_QUESTIONS = 10;

/** What a person asked for with `/devops-quiz …`, as the parser reads it. */
export type QuizCommand =
  | { kind: 'question'; level: Level | null; topics: string[] }
  | { kind: 'schedule-show' }
  | { kind: 'schedule-off' }
  | { kind: 'schedule-set'; schedule: ScheduleRequest }
  /** `schedule recap on|off`: the channel's weekly recap. */
  | { kind: 'recap-set'; on: boolean }
  | { kind: 'leaderboard'; period: Period }
  | { kind: 'stats'; user: string | null }
  | { kind: 'mock'; candidate: string; count: number; level: Level | null; topics: string[] }
  /** Forget what the bot keeps about a person: the caller (`forget me`, user null) or, for admins, someone else. */
  | { kind: 'forget'; user: string | null }
  /** Personal review: what is due, and the person's delivery settings (`review`, `review pause 2w`, …). */
  | { kind: 'review'; action: ReviewAction }
  | { kind: 'help'; problem?: CommandProblem };

export interface ScheduleRequest {
  hour: number;
  minute: number;
  /** Null: use the caller's Slack time zone. */
  tz: string | null;
  days: number[];
  level: Level | null;
  topics: string[];
  revealAfterMinutes: number | null;
}

/** Topic words one command may name: enough for any real filter, few enough to keep each command cheap. */
export const MAX_TOPIC_WORDS = 5;

/** Which command a problem belongs to: its reply says how to type that one. */
export type CommandUsage = 'question' | 'schedule' | 'leaderboard' | 'stats' | 'mock' | 'forget' | 'review';

/**
 * Why a command could not be read. Every `word` is what the person typed, as they typed it (Slack's escaping
 * undone, a mention as `@name`): the views quote it safely.
 */
export type CommandProblem =
  | { code: 'two-levels'; first: Level; second: Level; usage: CommandUsage }
  /** `words` mean nothing here; `topics` look like topic words but match no question. */
  | { code: 'not-understood'; usage: CommandUsage; words: string[]; topics: string[] }
  /** More than MAX_TOPIC_WORDS different topic words. */
  | { code: 'too-many-topics'; usage: CommandUsage; max: number }
  /** `@name` that Slack did not turn into a mention: nobody of that name is in the workspace. */
  | { code: 'not-a-member'; word: string; usage: CommandUsage }
  /** `mock` without a person to interview (`word`: what came instead, if anything). */
  | { code: 'mock-needs-mention'; word: string | null }
  | { code: 'mock-count'; word: string }
  | { code: 'bad-time'; word: string }
  | { code: 'reveal-usage'; word: string | null }
  /** `schedule recap` without `on` or `off` (`word`: what came instead, if anything). */
  | { code: 'recap-usage'; word: string | null }
  /** A `review …` sub-command that could not be read (`word`: what was typed in its place, if anything). */
  | { code: 'review-usage'; sub: ReviewSub; word: string | null }
  /**
   * An abbreviation (`EST`) or a fixed offset (`UTC+2`) instead of a zone, or a zone name that does not exist:
   * `zones` are IANA names to use, `retry` the command as typed with the first of them in its place.
   */
  | { code: 'zone-abbreviation' | 'zone-offset' | 'unknown-zone'; word: string; zones: string[]; retry: string | null };
