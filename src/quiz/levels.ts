import type { Level } from '../content/types';
import type { LevelScore } from '../store/boards';

/** The answers to "How well did you know this?", and the points each earns. */
export const SELF_LEVELS: ReadonlyArray<{ score: LevelScore; key: 'notyet' | Level; label: string; emoji: string }> = [
  { score: 1, key: 'beginner', label: 'Beginner', emoji: '🟢' },
  { score: 2, key: 'intermediate', label: 'Intermediate', emoji: '🟡' },
  { score: 3, key: 'advanced', label: 'Advanced', emoji: '🔴' },
  { score: 0, key: 'notyet', label: 'Not yet', emoji: '📚' },
];

export function selfLevel(score: LevelScore) {
  return SELF_LEVELS.find((l) => l.score === score)!;
}

export function parseLevelScore(value: string): LevelScore | null {
  return value === '0' || value === '1' || value === '2' || value === '3' ? (Number(value) as LevelScore) : null;
}

export const QUESTION_LEVELS: Record<Level, { label: string; emoji: string }> = {
  beginner: { label: 'Beginner', emoji: '🟢' },
  intermediate: { label: 'Intermediate', emoji: '🟡' },
  advanced: { label: 'Advanced', emoji: '🔴' },
};
