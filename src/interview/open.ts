import type { Level } from '../model/levels';
import type { SlackPort } from '../slack/port';
import { interviewParentMessage } from '../views/interview-message';
import { INTERVIEW_IDLE_MS, MAX_OPEN_PER_INTERVIEWER, newInterviewId, nowMs, OPENS_PER_HOUR, type InterviewDeps } from './deps';
import type { Interview, InterviewNotice } from '../model/interviews';

export interface OpenRequest {
  team: string;
  channel: string;
  interviewer: string;
  candidate: string;
  requested: number;
  level: Level | null;
  topics: string[];
  /** Who asked (the command's user, or whoever clicked Swap roles). */
  by: string;
  swapOf?: string | null;
}

export type OpenResult =
  | { status: 'opened'; interview: Interview }
  | { status: 'busy'; other: Interview | null }
  | { status: 'no-questions' }
  /** The interviewer has the most open interviews allowed, or opened the most allowed this hour. */
  | { status: 'full'; limit: number }
  | { status: 'rate'; limit: number; retryInSeconds: number }
  /** The parent is in the channel but could not be recorded (Redis): a click on it adopts it. */
  | { status: 'unrecorded'; interview: Interview };

/** Message metadata of an interview's parent: how a parent whose recording failed is found again. */
export const PARENT_EVENT = 'interview_parent';

/** What the person who asked is told when the interviewer is over a limit (null for any other result). */
export function limitNotice(opened: OpenResult, interviewer: string, you: boolean): InterviewNotice | null {
  if (opened.status === 'full') return { kind: 'too-many-open', interviewer, limit: opened.limit, you };
  if (opened.status === 'rate') return { kind: 'open-rate-limited', interviewer, limit: opened.limit, retryMinutes: Math.max(1, Math.ceil(opened.retryInSeconds / 60)), you };
  return null;
}

/** The questions an interview's level and topics allow, in bank order. */
export function interviewPool(deps: InterviewDeps, iv: { level: Level | null; topics: string[] }): string[] {
  return deps.quiz.index.select({ level: iv.level, topics: iv.topics });
}

/**
 * Opens a pending interview: claims the pair of people (one open interview between two people,
 * either direction) within the interviewer's limits (a parent mentions both people, so opening is
 * how someone could ping a teammate over and over), posts the parent message with Start and Cancel,
 * and schedules the time-out.
 * A parent that could not be posted leaves nothing behind.
 */
export async function openInterview(deps: InterviewDeps, slack: SlackPort, req: OpenRequest): Promise<OpenResult> {
  const pool = interviewPool(deps, req);
  if (pool.length === 0) return { status: 'no-questions' };
  const now = nowMs(deps);
  const id = (deps.newId ?? newInterviewId)();
  const count = Math.min(req.requested, pool.length);
  const fields = {
    id,
    channel: req.channel,
    interviewer: req.interviewer,
    candidate: req.candidate,
    count,
    requested: req.requested,
    level: req.level,
    topics: req.topics,
    createdBy: req.by,
    now,
    swapOf: req.swapOf ?? null,
  };
  const created = await deps.store.create(req.team, fields, { maxOpen: MAX_OPEN_PER_INTERVIEWER, perHour: OPENS_PER_HOUR });
  if (created.status === 'busy') return { status: 'busy', other: await deps.store.get(req.team, created.id) };
  if (created.status === 'full') return { status: 'full', limit: MAX_OPEN_PER_INTERVIEWER };
  if (created.status === 'rate') return { status: 'rate', limit: OPENS_PER_HOUR, retryInSeconds: created.retryInSeconds };

  // The interview as the store now holds it: the new fields plus a fresh pending state.
  const { now: createdAt, ...fromFields } = fields;
  const interview: Interview = {
    ...fromFields,
    team: req.team,
    parentTs: null,
    status: 'pending',
    index: 0,
    slots: [],
    createdAt,
    touchedAt: createdAt,
    startedBy: null,
    endedBy: null,
    summaryTs: null,
    summaryBy: null,
    summaryAt: 0,
    swappedTo: null,
    swappedBy: null,
  };
  try {
    const { ts } = await slack.postMessage(req.channel, interviewParentMessage(interview), { metadata: { event_type: PARENT_EVENT, event_payload: { interview: id } } });
    interview.parentTs = ts;
  } catch (error) {
    await deps.store.discard(req.team, interview);
    throw error;
  }
  try {
    await deps.store.setParent(req.team, id, interview.parentTs);
  } catch (error) {
    deps.quiz.logger.error({ err: (error as Error).message, interview: id }, 'an interview parent was posted but not recorded');
    return { status: 'unrecorded', interview };
  }
  await scheduleTimeout(deps, req.team, id);
  return { status: 'opened', interview };
}

async function scheduleTimeout(deps: InterviewDeps, team: string, id: string): Promise<void> {
  try {
    await deps.jobs.scheduleTimeout(team, id, INTERVIEW_IDLE_MS);
  } catch (error) {
    // The state still expires on its own; only the closing note in the thread would be missing.
    deps.quiz.logger.error({ err: (error as Error).message, interview: id }, 'could not schedule the interview time-out');
  }
}

/**
 * A pending interview whose parent was posted but not recorded: finds the parent in the channel by
 * its metadata and records it (and the time-out that was not scheduled). The interview as it is now.
 */
export async function adoptParent(deps: InterviewDeps, slack: SlackPort, iv: Interview): Promise<Interview> {
  if (iv.parentTs || iv.status !== 'pending') return iv;
  const recent = await slack.recentMessages(iv.channel, Math.floor(iv.createdAt / 1000) - 60);
  const found = recent.find((m) => m.metadata?.event_type === PARENT_EVENT && m.metadata.event_payload?.interview === iv.id);
  if (!found) return iv;
  await deps.store.setParent(iv.team, iv.id, found.ts);
  await scheduleTimeout(deps, iv.team, iv.id);
  return { ...iv, parentTs: found.ts };
}
