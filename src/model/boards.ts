/** Votes, tallies, boards and personal standing: what the store returns and the views show. */
import type { LevelScore } from './levels';

/** Answers per level on one post, indexed by score: [not yet, beginner, intermediate, advanced]. */
export type Tally = [number, number, number, number];

export interface RecordResult {
  status: 'new' | 'changed' | 'same' | 'stale' | 'missing' | 'mismatch';
  /** The person's answer to this question in the channel before this click (its points move), or null. */
  previous: LevelScore | null;
  tally: Tally;
  /** The previous answer was given on an earlier post of the same question (it came back): it carries over. */
  earlier?: boolean;
  /** This post's tally changed (its answer message needs a refresh). */
  tallyChanged?: boolean;
}

/** The board periods a person can ask for. */
export type Period = 'week' | 'month' | 'all';

export interface BoardRow {
  user: string;
  /** 1 + the number of people with more points: equal points share a rank. */
  rank: number;
  points: number;
  answers: number;
  /** How many answers at each level: [not yet, beginner, intermediate, advanced]. */
  mix: Tally;
  streak: number;
}

export interface Board {
  rows: BoardRow[];
  /** The caller's row when they are outside the rows shown. */
  caller: BoardRow | null;
  /** The caller's rank (1-based, shared with equal points), or null when they have not answered in this period. */
  callerRank: number | null;
  /** Who asked to see the board (their row is marked), or null. */
  viewer?: string | null;
}

export interface PersonalStats {
  user: string;
  allTime: BoardRow | null;
  week: BoardRow | null;
  month: BoardRow | null;
  /** Mock interviews given and taken (filled in by the interview feature). */
  interviews?: { given: number; taken: number };
}
