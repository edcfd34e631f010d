/** Posted questions: what revealing one and changing a channel's schedule report back. */
import type { ScheduleSettings } from './schedules';

export type RevealOutcome =
  | { status: 'revealed'; answerTs: string }
  | { status: 'already'; answerTs: string | null; revealedBy: string | null }
  | { status: 'missing' };

export type ScheduleChange =
  /** `previous`: the schedule this one replaced (a change), or null (a new one). */
  | { status: 'set'; settings: ScheduleSettings; previous: ScheduleSettings | null; next: Date | null; by: string; dstWarning: boolean }
  | { status: 'off'; removed: boolean; by: string }
  | { status: 'forbidden'; action: 'set' | 'off' }
  | { status: 'bad-zone'; tz: string }
  | { status: 'unknown-topics'; unknown: string[]; topics: string[] }
  | { status: 'no-questions' };

/**
 * What one post is claimed for, so that it goes out once however often its job runs: a channel's question of the
 * day for one local date, or a question one person asked for, by the command's trigger_id.
 */
export type PostOccasion = { kind: 'qotd'; date: string } | { kind: 'ask'; trigger: string };

/** The `event_type` of the metadata a posted question carries, by its kind: a retry finds its post by it. */
export const POSTED_EVENT = { qotd: 'qotd_posted', adhoc: 'question_posted' } as const;
