/**
 * The one level vocabulary: the three levels a question has, the four answers to "How well did
 * you know this?" (with the points each earns), and the words people and packs use for them.
 */

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

/** Self-reported levels as numbers: also the points they earn (0 = not yet … 3 = advanced). */
export type LevelScore = 0 | 1 | 2 | 3;

export interface SelfLevel {
  score: LevelScore;
  key: 'notyet' | Level;
  label: string;
  emoji: string;
}

/** The answers to "How well did you know this?", in the order the buttons show them. */
export const SELF_LEVELS: readonly SelfLevel[] = [
  { score: 1, key: 'beginner', label: 'Beginner', emoji: '🟢' },
  { score: 2, key: 'intermediate', label: 'Intermediate', emoji: '🟡' },
  { score: 3, key: 'advanced', label: 'Advanced', emoji: '🔴' },
  { score: 0, key: 'notyet', label: 'Not yet', emoji: '📚' },
];

export function selfLevel(score: LevelScore): SelfLevel {
  return SELF_LEVELS.find((l) => l.score === score)!;
}

export function parseLevelScore(value: string): LevelScore | null {
  return value === '0' || value === '1' || value === '2' || value === '3' ? (Number(value) as LevelScore) : null;
}

/** A question's level as shown: label and coloured circle. */
export const QUESTION_LEVELS: Readonly<Record<Level, { label: string; emoji: string }>> = {
  beginner: { label: 'Beginner', emoji: '🟢' },
  intermediate: { label: 'Intermediate', emoji: '🟡' },
  advanced: { label: 'Advanced', emoji: '🔴' },
};

/** Words accepted for each level, in packs (markers, front matter) and in commands; case-insensitive. */
const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  beginner: 'beginner',
  junior: 'beginner',
  basic: 'beginner',
  easy: 'beginner',
  intermediate: 'intermediate',
  medium: 'intermediate',
  mid: 'intermediate',
  regular: 'intermediate',
  advanced: 'advanced',
  senior: 'advanced',
  hard: 'advanced',
  expert: 'advanced',
  guru: 'advanced',
};

/**
 * A level word ("Senior", "easy") as a level, or null. Own keys only: `constructor` or `__proto__`
 * must not find Object.prototype's members.
 */
export function levelFromWord(word: string): Level | null {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(LEVEL_WORDS, key) ? LEVEL_WORDS[key] : null;
}
