import { randomBytes } from 'node:crypto';
import type { QuizDeps } from '../quiz/deps';
import type { InterviewStore } from '../store/interviews';
import type { SlackPort } from '../slack/port';
import type { ReviewDeps } from '../review/deps';
import type { HomeRefresher } from '../home/deps';
import { inFlightWindowMs, JOB_CLIENT, LISTENER_CLIENT } from '../slack/clients';

/**
 * A claimed post (a question, a summary) younger than this may still land: clicks post through the
 * listeners' client, the time-out job through the jobs' client. Older and unrecorded, it is settled.
 */
export const INTERVIEW_IN_FLIGHT_MS = inFlightWindowMs(LISTENER_CLIENT, JOB_CLIENT);

/** An interview nobody touches for this long is closed by its time-out job. */
export const INTERVIEW_IDLE_MS = 24 * 3600 * 1000;

/** Open interviews one person may have as interviewer at once, and may open in an hour (each parent mentions the candidate). */
export const MAX_OPEN_PER_INTERVIEWER = 3;
export const OPENS_PER_HOUR = 10;

/** What the interview rules need from the job system; implemented with BullMQ in `bull-jobs.ts`. */
export interface InterviewJobs {
  /** Runs the time-out check for an interview after `delayMs`. */
  scheduleTimeout(team: string, id: string, delayMs: number): Promise<void>;
  /** Drops the pending time-out of an interview that is over. */
  cancelTimeout(team: string, id: string): Promise<void>;
}

export interface InterviewDeps {
  /** The bank, its index, the logger and the clock (read at call time, so tests can move it). */
  quiz: Pick<QuizDeps, 'questions' | 'index' | 'logger' | 'now'>;
  store: InterviewStore;
  jobs: InterviewJobs;
  /** Personal review: the candidate's ratings make and rate their review cards (absent: they do not). */
  review?: ReviewDeps;
  /** App Home: the candidate's latest summary and both people's counts show there once an interview is over. */
  home?: HomeRefresher;
  random?: () => number;
  newId?: () => string;
}

/** A click on one of the interview's buttons, as the listener saw it. */
export interface Click {
  team: string;
  channel: string;
  user: string;
  /** ts of the message the button was on. */
  ts: string;
  slack: SlackPort;
}

export function newInterviewId(): string {
  return randomBytes(6).toString('hex');
}

export function nowMs(deps: InterviewDeps): number {
  return deps.quiz.now().getTime();
}
