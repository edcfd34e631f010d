/** The slash command, parsed: what the rules act on and the views explain. */
import type { Level } from './levels';
import type { Period } from './boards';

export const MOCK_MAX_QUESTIONS = 10;

/** What a person asked for with `/devops-quiz …`, as the parser reads it. */
export type QuizCommand =
  | { kind: 'question'; level: Level | null; topics: string[] }
  | { kind: 'schedule-show' }
  | { kind: 'schedule-off' }
  | { kind: 'schedule-set'; schedule: ScheduleRequest }
  | { kind: 'leaderboard'; period: Period }
  | { kind: 'stats'; user: string | null }
  | { kind: 'mock'; candidate: string; count: number; level: Level | null; topics: string[] }
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

/** Why a command could not be read; `word` is exactly what the person typed (the views quote it safely). */
export type CommandProblem =
  | { code: 'two-levels'; first: Level; second: Level }
  | { code: 'not-understood'; word: string; usage?: 'mock' | 'schedule' }
  | { code: 'leaderboard-usage' }
  | { code: 'stats-usage' }
  | { code: 'mock-needs-mention' }
  | { code: 'mock-count' }
  | { code: 'bad-time'; word: string }
  | { code: 'reveal-usage' };
