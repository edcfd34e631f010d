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
