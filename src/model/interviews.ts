/** Mock interviews: their state, their slots and the summary a candidate gets. */
import type { Level, LevelScore } from './levels';
import type { Question } from './question';

/**
 * A mock interview's life: `pending` (parent posted, waiting for Start), `running` (one question
 * at a time in the thread), then one of `ended` (summary posted), `cancelled` (before it started)
 * or `expired` (closed after a day without activity).
 */
export type InterviewStatus = 'pending' | 'running' | 'ended' | 'cancelled' | 'expired';

/** The interviewer's verdict on one answer: a level score (0 = not yet … 3 = advanced) or a skip. */
export type Rating = LevelScore | 'skip';

export interface InterviewSlot {
  index: number;
  questionId: string;
  /** ts of the question's message in the thread (null while it is being posted). */
  ts: string | null;
  rating: Rating | null;
}

export interface Interview {
  id: string;
  team: string;
  channel: string;
  /** ts of the parent message (the thread); null while it is being posted. */
  parentTs: string | null;
  interviewer: string;
  candidate: string;
  /** How many questions the interview has (the request, capped at what the bank has). */
  count: number;
  /** How many the person asked for. */
  requested: number;
  level: Level | null;
  topics: string[];
  status: InterviewStatus;
  /** Index of the question on the table (running), 0-based. */
  index: number;
  /** The questions asked so far, in order. */
  slots: InterviewSlot[];
  createdAt: number;
  touchedAt: number;
  createdBy: string;
  startedBy: string | null;
  /** Who ended or cancelled it ('auto' when it timed out). */
  endedBy: string | null;
  summaryTs: string | null;
  /** Claim of the summary post (someone is posting it, or has). */
  summaryBy: string | null;
  /** The interview this one swapped roles from, and the one it swapped into. */
  swapOf: string | null;
  swappedTo: string | null;
  swappedBy: string | null;
}

export interface SummaryRow {
  index: number;
  question: Question;
  /** null: the interview ended (or timed out) before this answer was rated. */
  rating: Rating | null;
}

export interface StudyTopic {
  category: string;
  pack: string;
  /** Average rating of the topic's answers (0–3). */
  average: number;
  answers: number;
}

export interface InterviewSummary {
  rows: SummaryRow[];
  rated: number;
  skipped: number;
  /** The rounded average of the rated answers, or null when none was rated. */
  overall: LevelScore | null;
  average: number | null;
  /** The lowest-rated topics below Advanced, lowest first (at most three). */
  studyNext: StudyTopic[];
}

/**
 * What an interview rule tells the person who acted, privately (null from a rule: the thread
 * itself shows what happened). The views turn each into a sentence.
 */
export type InterviewNotice =
  | { kind: 'not-found' }
  | { kind: 'not-this-message' }
  | { kind: 'unknown-button' }
  | { kind: 'wrong-question' }
  | { kind: 'still-posting' }
  | { kind: 'status'; status: InterviewStatus; endedBy: string | null }
  | { kind: 'already-started'; interviewer: string }
  | { kind: 'only-interviewer'; interviewer: string; action: 'rate' | 'skip' | 'end' }
  | { kind: 'only-pair'; interviewer: string; candidate: string; action: 'start' | 'cancel' | 'swap' }
  | { kind: 'answer-key-private'; interviewer: string; candidate: string }
  | { kind: 'already-done'; index: number; recorded: Rating | null; running: boolean }
  | { kind: 'no-questions-left'; action: 'start' | 'swap' }
  | { kind: 'already-swapped'; by: string | null }
  | { kind: 'pair-busy-swap'; interviewer: string; candidate: string }
  /** Refusals of `/devops-quiz mock …`. */
  | { kind: 'refused'; reason: 'self' | 'dm' | 'unknown-person' }
  | { kind: 'refused'; reason: 'bot' | 'deleted'; candidate: string }
  | { kind: 'unknown-topics'; unknown: string[]; topics: string[] }
  | { kind: 'no-questions' }
  | { kind: 'busy'; candidate: string; otherChannel: string | null; otherPending: boolean };
