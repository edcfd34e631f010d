/** The YAML front matter of a pack: which keys it reads, and the problems it reports at their lines. */
import matter from 'gray-matter';
import type { Level } from './types';
import { levelFromWord } from './levels';

/** Where front matter problems go (the parser's reporter). */
export interface LineReporter {
  error(line: number, message: string): void;
  warning(line: number, message: string): void;
}

export interface FrontMatter {
  title: string | null;
  date: string | null;
  /**
   * `reviewed:`, the day the pack's facts were last checked, and its line. `date` is null when the value is not a
   * YYYY-MM-DD day (reported here); the whole field is null when the key is absent (content:check warns about that).
   */
  reviewed: { date: string | null; line: number } | null;
  pack: string | null;
  category: string | null;
  level: Level | null;
  /** Section name (lowercase) → default level. */
  levels: Map<string, Level>;
  tags: string[];
  /** Number of lines the front matter block occupies (0 when there is none). */
  lineCount: number;
  /** True when the block could not be read (already reported). */
  broken: boolean;
}

/** Line of a top-level front matter key, for messages; the opening `---` line when not found. */
export function keyLine(lines: string[], lineCount: number, key: string): number {
  const pattern = new RegExp(`^${key}\\s*:`);
  for (let i = 1; i < lineCount - 1; i++) if (pattern.test(lines[i])) return i + 1;
  return 1;
}

/**
 * A calendar day as YYYY-MM-DD, or null: `text` must be exactly a real day ("2026-02-30" is not), optionally
 * quoted. It is the text as written, because YAML reads an unquoted `2026-02-30` as the Date 2 March.
 */
export function calendarDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim().replace(/^(["'])(.*)\1$/, '$2'));
  if (!m) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.toISOString().slice(0, 10) === m[0] ? m[0] : null;
}

export function readFrontMatter(text: string, lines: string[], report: LineReporter): FrontMatter {
  const empty: FrontMatter = {
    title: null,
    date: null,
    reviewed: null,
    pack: null,
    category: null,
    level: null,
    levels: new Map(),
    tags: [],
    lineCount: 0,
    broken: false,
  };
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return empty;
  // gray-matter closes the block at the first line that starts with `---`.
  const close = lines.findIndex((l, index) => index > 0 && l.startsWith('---'));
  if (close < 0) {
    report.error(1, 'front matter is not closed (no second `---` line)');
    return { ...empty, broken: true };
  }
  const lineCount = close + 1;
  let data: Record<string, unknown>;
  try {
    data = matter(text, {}).data as Record<string, unknown>;
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line?: number } };
    const line = Math.min(Math.max((err.mark?.line ?? 0) + 1, 2), lineCount);
    report.error(line, `front matter is not valid YAML: ${err.reason ?? err.message ?? String(e)}`);
    return { ...empty, lineCount, broken: true };
  }
  const at = (key: string) => keyLine(lines, lineCount, key);
  const str = (key: string): string | null => {
    const v = data[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v.trim() || null;
    if (typeof v === 'number') return String(v);
    report.warning(at(key), `front matter \`${key}\` should be text`);
    return null;
  };
  const fm: FrontMatter = { ...empty, lineCount };
  fm.title = str('title');
  fm.pack = str('pack');
  fm.category = str('category');

  const date = data.date;
  if (date instanceof Date) {
    fm.date = Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
  } else if (typeof date === 'string' && date.trim()) {
    fm.date = date.trim();
    if (Number.isNaN(Date.parse(fm.date))) report.warning(at('date'), `front matter date "${fm.date}" is not a date`);
  }

  if (Object.hasOwn(data, 'reviewed')) {
    const line = at('reviewed');
    const value = data.reviewed;
    // Dates and strings are read from the line as written; anything else (a list, a number) is not a day.
    const written = value instanceof Date || typeof value === 'string' ? lines[line - 1].replace(/^reviewed\s*:\s*/, '').replace(/\s+#.*$/, '') : '';
    const day = line > 1 ? calendarDay(written) : null;
    if (day === null) {
      report.warning(line, `front matter \`reviewed\` is "${written || String(value)}"; write the day the facts were checked as YYYY-MM-DD`);
    }
    fm.reviewed = { date: day, line };
  }

  const levelWord = str('level');
  if (levelWord !== null) {
    fm.level = levelFromWord(levelWord);
    if (!fm.level) report.error(at('level'), `unknown level "${levelWord}" in front matter (use beginner, intermediate or advanced)`);
  }
  const levels = data.levels;
  if (levels !== undefined && levels !== null) {
    if (typeof levels !== 'object' || Array.isArray(levels)) {
      report.error(at('levels'), 'front matter `levels` must map section names to levels');
    } else {
      for (const [sectionName, word] of Object.entries(levels as Record<string, unknown>)) {
        const level = typeof word === 'string' ? levelFromWord(word) : null;
        if (level) fm.levels.set(sectionName.trim().toLowerCase(), level);
        else report.error(at('levels'), `unknown level "${String(word)}" for section "${sectionName}" in front matter (use beginner, intermediate or advanced)`);
      }
    }
  }

  const tags = data.tags;
  if (Array.isArray(tags)) fm.tags = tags.map((t) => String(t).trim()).filter(Boolean);
  else if (typeof tags === 'string') fm.tags = tags.split(',').map((t) => t.trim()).filter(Boolean);
  else if (tags !== undefined && tags !== null) report.warning(at('tags'), 'front matter `tags` should be a list');
  return fm;
}
