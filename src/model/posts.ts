/** Posted questions: what revealing one and changing a channel's schedule report back. */
import type { ScheduleSettings } from './schedules';
import type { RecapState } from './recaps';

export type RevealOutcome =
  | { status: 'revealed'; answerTs: string }
  /** Someone revealed it first: its answer is in the thread, or (answerTs null) being posted right now. */
  | { status: 'already'; answerTs: string | null; revealedBy: string | null }
  /** Slack took the answer, but recording it failed: votes on it count once a later click records it. */
  | { status: 'unrecorded'; answerTs: string }
  /** Slack did not say whether it took the answer (no reply, or an HTTP error): a later click finds it or posts it. */
  | { status: 'unconfirmed' }
  | { status: 'missing' };

export type ScheduleChange =
  /** `previous`: the schedule this one replaced (a change), or null (a new one). */
  | { status: 'set'; settings: ScheduleSettings; previous: ScheduleSettings | null; next: Date | null; by: string; dstWarning: boolean; recap?: RecapState }
  | { status: 'off'; removed: boolean; by: string }
  | { status: 'forbidden'; action: 'set' | 'off' }
  | { status: 'bad-zone'; tz: string }
  | { status: 'unknown-topics'; unknown: string[]; topics: string[] }
  | { status: 'no-questions' };

/**
 * What one post is claimed for, so that it goes out once however often its job runs: a channel's question of the
 * day for one local date, a question one person asked for, by the command's trigger_id, or the channel's weekly
 * recap for one ISO week.
 */
export type PostOccasion = { kind: 'qotd'; date: string } | { kind: 'ask'; trigger: string } | { kind: 'recap'; week: string };

/** The `event_type` of the metadata a post carries, by its kind (a question's, or the weekly recap): a retry finds its post by it. */
export const POSTED_EVENT = { qotd: 'qotd_posted', adhoc: 'question_posted', recap: 'recap_posted' } as const;
