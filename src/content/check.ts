/** The checks behind `npm run content:check` and the bot's refusal to start on a broken bank. */
import { LEVELS, type ContentProblem, type Level, type Question } from './types';
import type { Bank } from './bank';

/** `file:line: message`, with `warning: ` before the message of a warning. */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

export function countByLevel(questions: readonly Question[]): Record<Level, number> {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const q of questions) counts[q.level]++;
  return counts;
}

/** "189 questions in 9 packs (63 beginner, 63 intermediate, 63 advanced)". */
export function summarizeBank(bank: Pick<Bank, 'packs' | 'questions'>): string {
  const c = countByLevel(bank.questions);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(bank.questions.length, 'question')} in ${plural(bank.packs.length, 'pack')} ` +
    `(${c.beginner} beginner, ${c.intermediate} intermediate, ${c.advanced} advanced)`
  );
}

export interface BankCheck {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  errors: ContentProblem[];
  warnings: ContentProblem[];
  /** One formatted line per problem, errors and warnings in file/line order. */
  lines: string[];
  /** The summary line. */
  summary: string;
}

/**
 * Check a loaded bank: its problems, plus an error when it holds no question at all (`source` names the folder
 * or files in that message).
 */
export function checkBank(bank: Bank, source = 'content'): BankCheck {
  const problems = [...bank.problems];
  if (bank.questions.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file: source, line: 1, severity: 'error', message: 'no questions found' });
  }
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
    lines: problems.map(formatProblem),
    summary: summarizeBank(bank),
  };
}

/** Thrown by {@link assertBankOk}: the message lists every error as `file:line: message`. */
export class ContentCheckError extends Error {
  constructor(readonly lines: string[]) {
    super(`the question bank has errors:\n${lines.join('\n')}`);
    this.name = 'ContentCheckError';
  }
}

/** For the bot at start: throw {@link ContentCheckError} with the same lines as `content:check` when there is an error. */
export function assertBankOk(bank: Bank, source = 'content'): BankCheck {
  const result = checkBank(bank, source);
  if (!result.ok) throw new ContentCheckError(result.errors.map(formatProblem));
  return result;
}

/** The `--json` view of a question. */
export interface QuestionJson {
  id: string;
  pack: string;
  category: string;
  number: number | null;
  title: string;
  level: Level;
  prompt: string | null;
  answer: string;
}

export function questionToJson(q: Question): QuestionJson {
  return {
    id: q.id,
    pack: q.pack,
    category: q.category,
    number: q.number,
    title: q.title,
    level: q.level,
    prompt: q.prompt,
    answer: q.answer,
  };
}
