/** Votes, tallies, boards and personal standing: what the store returns and the views show. */
import type { LevelScore } from './levels';

/** Answers per level on one post, indexed by score: [not yet, beginner, intermediate, advanced]. */
export type Tally = [number, number, number, number];

export interface RecordResult {
  status: 'new' | 'changed' | 'same' | 'stale' | 'missing' | 'mismatch';
  previous: LevelScore | null;
  tally: Tally;
}

/** The board periods a person can ask for. */
export type Period = 'week' | 'month' | 'all';

export interface BoardRow {
  user: string;
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
  /** The caller's rank (1-based), or null when they have not answered in this period. */
  callerRank: number | null;
}

export interface PersonalStats {
  user: string;
  allTime: BoardRow | null;
  week: BoardRow | null;
  month: BoardRow | null;
  /** Mock interviews given and taken (filled in by the interview feature). */
  interviews?: { given: number; taken: number };
}
