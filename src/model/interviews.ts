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
  /** When posting it was claimed (ms; 0 when the claim was given up and may be taken at once). */
  claimedAt: number;
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
  /** Claim of the summary post (someone is posting it, or has), and when it was made (ms; 0: given up). */
  summaryBy: string | null;
  summaryAt: number;
  /** The interview this one swapped roles from, and the one it swapped into. */
  swapOf: string | null;
  swappedTo: string | null;
  swappedBy: string | null;
}

/** What an interview posts in its thread under a claim. */
export type PostedPart = 'interview' | 'question' | 'summary';

export interface SummaryRow {
  index: number;
  question: Question;
  /** null: the interview ended (or timed out) before this answer was rated. */
  rating: Rating | null;
}

export interface StudyTopic {
  category: string;
  pack: string;
  /** Average rating of the topic's rated answers (0–3), or null when every one was skipped. */
  average: number | null;
  /** Rated answers (Not yet included). */
  answers: number;
  /** Questions of the topic the candidate skipped, and those rated 📚 Not yet. */
  skipped: number;
  notYet: number;
}

export interface InterviewSummary {
  rows: SummaryRow[];
  rated: number;
  skipped: number;
  /** The rounded average of the rated answers, or null when none was rated. */
  overall: LevelScore | null;
  average: number | null;
  /** Topics to study: those with skipped or Not yet questions first, then the lowest-rated below Advanced (at most three). */
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
  | { kind: 'still-posting'; what: PostedPart }
  /** Slack did not say whether it took the post: the next click finds it in the thread or posts it. */
  | { kind: 'post-unsure'; what: PostedPart }
  /** The post is in the thread, but noting it down failed (Redis): the next click settles it once Redis answers. */
  | { kind: 'posted-unrecorded'; what: PostedPart }
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
  | { kind: 'refused'; reason: 'bot' | 'deleted' | 'not-member'; candidate: string }
  /** The interviewer has `limit` interviews open already (`you`: the interviewer is the one who asked). */
  | { kind: 'too-many-open'; interviewer: string; limit: number; you: boolean }
  /** The interviewer opened `limit` interviews within the hour; the next may be opened in `retryMinutes`. */
  | { kind: 'open-rate-limited'; interviewer: string; limit: number; retryMinutes: number; you: boolean }
  | { kind: 'unknown-topics'; unknown: string[]; topics: string[] }
  | { kind: 'no-questions' }
  | { kind: 'busy'; candidate: string; otherChannel: string | null; otherPending: boolean };
