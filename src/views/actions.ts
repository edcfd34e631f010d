import { parseLevelScore, type LevelScore } from '../model/levels';
import type { HomeAction } from '../model/home';
import { REVIEW_DEFAULTS } from '../model/reviews';

/**
 * Every action id and button value the bot writes, and the parsers that read them back: a button
 * is written and read in this one module.
 */

/** Reveal answer, on a posted question (the question is found from the clicked message, not the value). */
export const REVEAL_ACTION = 'reveal_answer';

/** "How well did you know this?": `record_level_<score>` with the value `<post ts>|<score>`. */
export const RECORD_LEVEL_ACTION_PREFIX = 'record_level_';
export const RECORD_LEVEL_PATTERN = /^record_level_[0-3]$/;

export function levelButton(postTs: string, score: LevelScore): { actionId: string; value: string } {
  return { actionId: `${RECORD_LEVEL_ACTION_PREFIX}${score}`, value: `${postTs}|${score}` };
}

/**
 * A level button's post and score. The score is named twice (action id and value); a button that
 * disagrees with itself was tampered with, and gives null.
 */
export function parseLevelButton(actionId: string, value: string | undefined): { postTs: string; score: LevelScore } | null {
  const [, postTs, scoreText] = /^(\d{1,12}\.\d{1,7})\|(\d)$/.exec(value ?? '') ?? [];
  const score = parseLevelScore(scoreText ?? '');
  if (score === null || !postTs || actionId !== `${RECORD_LEVEL_ACTION_PREFIX}${score}`) return null;
  return { postTs, score };
}

/**
 * The mock interview's buttons. A button's value names the interview and, for the controls on a
 * question, the question's index: the rules check both against the message that was clicked, so
 * a value copied from another interview or question changes nothing.
 */
export const INTERVIEW_ACTIONS = {
  start: 'interview_start',
  cancel: 'interview_cancel',
  answerKey: 'interview_answer_key',
  skip: 'interview_skip',
  end: 'interview_end',
  swap: 'interview_swap',
} as const;

export const INTERVIEW_RATE_PREFIX = 'interview_rate_';
export const INTERVIEW_RATE_PATTERN = /^interview_rate_[0-3]$/;

export interface InterviewRef {
  id: string;
  index: number;
}

export function interviewValue(id: string, index?: number, score?: LevelScore): string {
  return [id, ...(index !== undefined ? [String(index)] : []), ...(score !== undefined ? [String(score)] : [])].join('|');
}

const ID = /^[a-z0-9]{6,32}$/;

/** `<id>`: the interview of a parent or summary button. */
export function parseInterviewId(value: string | undefined): string | null {
  return value && ID.test(value) ? value : null;
}

/** `<id>|<index>`: a control on one question. */
export function parseQuestionRef(value: string | undefined): InterviewRef | null {
  const m = /^([a-z0-9]{6,32})\|(\d{1,2})$/.exec(value ?? '');
  return m ? { id: m[1], index: Number(m[2]) } : null;
}

/** `<id>|<index>|<score>` on a rating button whose action id names the same score. */
export function parseRatingRef(actionId: string, value: string | undefined): (InterviewRef & { score: LevelScore }) | null {
  const m = /^([a-z0-9]{6,32})\|(\d{1,2})\|([0-3])$/.exec(value ?? '');
  if (!m || actionId !== `${INTERVIEW_RATE_PREFIX}${m[3]}`) return null;
  return { id: m[1], index: Number(m[2]), score: Number(m[3]) as LevelScore };
}

/** The offer "Want this back in a few days, by DM?": yes or no, for the person who was shown it (no value needed). */
export const REVIEW_ACTIONS = { yes: 'review_consent_yes', no: 'review_consent_no' } as const;

/**
 * App Home's controls. Buttons carry no value that matters (the person is the clicker); selects and the date
 * picker carry the choice, read back here and checked as strictly as a typed `review` command.
 */
export const HOME_ACTIONS = {
  on: 'home_review_on',
  off: 'home_review_off',
  time: 'home_review_time',
  max: 'home_review_max',
  pause: 'home_review_pause',
  resume: 'home_review_resume',
  interview: 'home_interview_date',
  interviewOff: 'home_interview_off',
  sendNow: 'home_reviews_now',
} as const;

/** The holds Home offers, in days. */
export const HOME_PAUSE_DAYS: readonly number[] = [3, 7, 14, 28];

/** What a Home control sent: a button's value, a select's option, the date picker's date. */
export interface HomeControlInput {
  value?: string;
  selected?: string;
  date?: string;
}

/** A Home control's choice, or null for a control this version does not have or a choice it never offered. */
export function parseHomeAction(actionId: string, input: HomeControlInput): HomeAction | null {
  switch (actionId) {
    case HOME_ACTIONS.on:
      return { do: 'on' };
    case HOME_ACTIONS.off:
      return { do: 'off' };
    case HOME_ACTIONS.resume:
      return { do: 'resume' };
    case HOME_ACTIONS.interviewOff:
      return { do: 'interview-off' };
    case HOME_ACTIONS.sendNow:
      return { do: 'send-now' };
    case HOME_ACTIONS.time: {
      const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(input.selected ?? '');
      return m ? { do: 'time', hour: Number(m[1]), minute: Number(m[2]), tz: null } : null;
    }
    case HOME_ACTIONS.max: {
      const max = /^\d$/.test(input.selected ?? '') ? Number(input.selected) : -1;
      return max >= 0 && max <= REVIEW_DEFAULTS.maxLimit ? { do: 'max', max } : null;
    }
    case HOME_ACTIONS.pause: {
      const days = /^\d{1,2}$/.test(input.selected ?? '') ? Number(input.selected) : -1;
      return HOME_PAUSE_DAYS.includes(days) ? { do: 'pause', days } : null;
    }
    case HOME_ACTIONS.interview:
      // The rule checks it is a real date after today.
      return /^\d{4}-\d{2}-\d{2}$/.test(input.date ?? '') ? { do: 'interview', date: input.date! } : null;
    default:
      return null;
  }
}

/** Every Home control's action id, for the one listener that takes them. */
export const HOME_ACTION_PATTERN = /^home_(review|interview|reviews)_[a-z_]+$/;

/**
 * A review DM's buttons, one set per card: Reveal answer is `review_reveal_<index>` with the value `<index>`; "How
 * well did you know it now?" is `review_rate_<index>_<score>` with the value `<index>|<score>`. The card is found
 * from the clicked message's record (the clicker's own), never from the value; a button that disagrees with itself
 * was tampered with, and gives null.
 */
export const REVIEW_REVEAL_PREFIX = 'review_reveal_';
export const REVIEW_REVEAL_PATTERN = /^review_reveal_\d$/;
export const REVIEW_RATE_PREFIX = 'review_rate_';
export const REVIEW_RATE_PATTERN = /^review_rate_\d_[0-3]$/;

export function reviewRevealButton(index: number): { actionId: string; value: string } {
  return { actionId: `${REVIEW_REVEAL_PREFIX}${index}`, value: String(index) };
}

export function reviewRateButton(index: number, score: LevelScore): { actionId: string; value: string } {
  return { actionId: `${REVIEW_RATE_PREFIX}${index}_${score}`, value: `${index}|${score}` };
}

export function parseReviewReveal(actionId: string, value: string | undefined): number | null {
  const m = /^(\d)$/.exec(value ?? '');
  return m && actionId === `${REVIEW_REVEAL_PREFIX}${m[1]}` ? Number(m[1]) : null;
}

export function parseReviewRate(actionId: string, value: string | undefined): { index: number; score: LevelScore } | null {
  const m = /^(\d)\|(\d)$/.exec(value ?? '');
  const score = parseLevelScore(m?.[2] ?? '');
  if (!m || score === null || actionId !== `${REVIEW_RATE_PREFIX}${m[1]}_${score}`) return null;
  return { index: Number(m[1]), score };
}
