import type { Level } from './types';
import { levelFromWord } from '../model/levels';

/**
 * Level words come from the one vocabulary in src/model/levels.ts (markers, front matter and commands accept the
 * same words); it looks up its own keys only, so `level: constructor` is an unknown word, not a function.
 */
export { levelFromWord };

/** The coloured circles used as level markers (only ever read with a key matched by {@link EMOJI_MARKER}). */
export const LEVEL_EMOJI: Readonly<Record<string, Level>> = {
  '\u{1F7E2}': 'beginner', // 🟢
  '\u{1F7E1}': 'intermediate', // 🟡
  '\u{1F534}': 'advanced', // 🔴
};

export interface LevelMarker {
  level: Level;
  /** The circle emoji, when the marker had one. */
  emoji: string | null;
  /** The word, when the marker had one ("Beginner"). */
  word: string | null;
  /** The circle's level, when it disagrees with the word (the word wins). */
  conflict: Level | null;
}

const EMOJI_MARKER = /^(\u{1F7E2}|\u{1F7E1}|\u{1F534})\uFE0F?\s*(.*)$/su;
const LEVEL_PREFIX = /^(?:level|difficulty)\s*:\s*/i;

/**
 * Recognise a line that only states a level:
 * `🟢 **Beginner**`, `🔴 Advanced`, `🟡` alone, `**Level:** Senior`, `Difficulty: easy`, and, when `allowBareWord`
 * is set, a lone (optionally bold or italic) level word such as `**Intermediate**`. U+FE0F after the circle is
 * optional. Returns null for anything else, including a circle followed by a word that is not a level.
 */
export function matchLevelLine(line: string, allowBareWord = false): LevelMarker | null {
  // Emphasis markers carry no meaning here: `**Level:** Advanced` and `_Advanced_` read as plain words.
  const text = line.replace(/[*_]/g, '').trim();
  if (text === '') return null;
  const emojiMatch = EMOJI_MARKER.exec(text);
  if (emojiMatch) {
    const emoji = emojiMatch[1];
    const emojiLevel = LEVEL_EMOJI[emoji];
    const rest = emojiMatch[2].replace(LEVEL_PREFIX, '').replace(/:$/, '').trim();
    if (rest === '') return { level: emojiLevel, emoji, word: null, conflict: null };
    const wordLevel = levelFromWord(rest);
    if (!wordLevel) return null;
    return { level: wordLevel, emoji, word: rest, conflict: wordLevel === emojiLevel ? null : emojiLevel };
  }
  const hasPrefix = LEVEL_PREFIX.test(text);
  if (!hasPrefix && !allowBareWord) return null;
  const word = text.replace(LEVEL_PREFIX, '').replace(/:$/, '').trim();
  const level = levelFromWord(word);
  return level ? { level, emoji: null, word, conflict: null } : null;
}
