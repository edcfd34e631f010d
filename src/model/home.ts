/**
 * The App Home tab: one person's own view of their practice (readiness, reviews, channels, mock interviews,
 * calibration, review settings), gathered by the home rules and drawn by views/home.ts. Private to that person.
 */
import type { Level, LevelScore } from './levels';
import type { ReviewAction, ReviewOutcome, ReviewOverview } from './reviews';

/** One level of a category: reports on its questions, and how many were at or above the level. */
export interface ReadinessCell {
  level: Level;
  total: number;
  atLevel: number;
}

/** A category (a pack's section) with its levels in the bank's order, only those answered. */
export interface ReadinessCategory {
  category: string;
  cells: ReadinessCell[];
  total: number;
  atLevel: number;
}

/** A pack's readiness, summed over channel answers, review ratings and mock ratings received. */
export interface ReadinessPack {
  pack: string;
  title: string;
  categories: ReadinessCategory[];
  total: number;
  atLevel: number;
}

/**
 * How the person's self-reports (channel answers, reviews) compare with their interviewers' ratings, in one pack:
 * only cells (category and level) that have both count, weighted by the smaller side.
 */
export interface CalibrationLine {
  pack: string;
  title: string;
  /** Self-reports minus interviewers' ratings, in levels (0.5: half a level above). */
  difference: number;
  /** Answers behind the comparison: per cell, the smaller of the two counts. */
  answers: number;
}

/** The person's standing in one channel they answered in (all time). */
export interface ChannelStanding {
  channel: string;
  points: number;
  rank: number;
  answers: number;
  streak: number;
}

/** The last mock interview a person took as candidate, as its summary left it (no other person's id is kept). */
export interface LatestInterview {
  id: string;
  channel: string;
  /** When its summary was recorded (ms). */
  at: number;
  asked: number;
  rated: number;
  skipped: number;
  overall: LevelScore | null;
  /** Topics to study next (the candidate's), at most three. */
  studyNext: Array<{ pack: string; category: string }>;
}

export interface HomeInterviews {
  given: number;
  taken: number;
  latest: LatestInterview | null;
}

export interface HomeData {
  user: string;
  /** When it was gathered (ms). */
  at: number;
  readiness: ReadinessPack[];
  review: ReviewOverview;
  channels: ChannelStanding[];
  /** Channels the person answered in beyond those shown. */
  moreChannels: number;
  interviews: HomeInterviews;
  calibration: CalibrationLine[];
}

/** What a Home button or select asks for: a review setting, or today's reviews now. */
export type HomeAction = Exclude<ReviewAction, { do: 'show' } | { do: 'reset' }> | { do: 'send-now' };

/** What sending today's reviews from Home did, for the notice at the top of Home. */
export type SendNowOutcome =
  /** Today's DM is on its way, with this many cards. */
  | { kind: 'sent'; count: number }
  /** Today's DM went out already (one a day). */
  | { kind: 'already-sent' }
  | { kind: 'nothing-due' }
  /** Reviews by DM are not set up, or off: nothing is sent without them on. */
  | { kind: 'not-on' }
  | { kind: 'paused'; until: number };

/** A line shown at the top of Home after a change made from it. */
export type HomeNotice = { kind: 'review'; outcome: ReviewOutcome } | { kind: 'send-now'; outcome: SendNowOutcome } | { kind: 'failed'; storeUnavailable: boolean };
