/** The checks behind `npm run content:check` and the bot's refusal to start on a broken bank. */
import { LEVELS, type ContentProblem, type Level, type Pack, type Question } from './types';
import { sortProblems, type Bank } from './bank';
import { DEFAULT_THRESHOLDS, findNearDuplicates, nearDuplicateProblem, type SimilarityThresholds } from './similarity';
import { applyReview, formatScores } from './similarity-review';
import { labelledOpeningProblems, levelNamedSectionProblems, localDay, repeatedPromptProblems, reviewedProblems } from './rules';

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
 * The floors every pack should meet: enough questions, and enough at each level that a quiz filtered by level
 * still has a choice. A fixed count rather than a share: a pack of 30 with 5 beginner questions is fine, and
 * equal thirds were never the point.
 */
export const PACK_FLOORS = {
  /** Questions in a pack. */
  minQuestions: 15,
  /** Questions at each level. */
  minPerLevel: 4,
} as const;

/**
 * Per-pack level balance: one problem at `file:1` for each pack with fewer than {@link PACK_FLOORS}.minQuestions
 * questions or fewer than {@link PACK_FLOORS}.minPerLevel at some level. A pack without questions is left to the
 * other checks.
 */
export function levelBalanceProblems(packs: readonly Pack[], severity: ContentProblem['severity'] = 'warning'): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const pack of packs) {
    const total = pack.questions.length;
    if (total === 0) continue;
    const reasons: string[] = [];
    if (total < PACK_FLOORS.minQuestions) {
      reasons.push(`${total} question${total === 1 ? '' : 's'} (at least ${PACK_FLOORS.minQuestions} wanted)`);
    }
    const counts = countByLevel(pack.questions);
    const short = LEVELS.filter((l) => counts[l] < PACK_FLOORS.minPerLevel);
    if (short.length > 0) {
      reasons.push(`${short.map((l) => `${counts[l]} ${l}`).join(', ')} (each level needs at least ${PACK_FLOORS.minPerLevel})`);
    }
    if (reasons.length > 0) {
      problems.push({ file: pack.file, line: 1, severity, message: `pack "${pack.id}" is unbalanced: ${reasons.join('; ')}` });
    }
  }
  return problems;
}

export interface CheckOptions {
  /**
   * Add the bank-quality checks: per-pack level balance ({@link levelBalanceProblems}), near-duplicate questions
   * ({@link findNearDuplicates}) and review dates ({@link reviewedProblems}), as warnings (a team's own small pack
   * is legitimate), plus the authoring rules of rules.ts, as errors.
   */
  quality?: boolean;
  /** Implies `quality`, and every warning becomes an error, parse warnings included: CI runs this on the shipped bank. */
  strict?: boolean;
  /** Near-duplicate thresholds; {@link DEFAULT_THRESHOLDS} by default. */
  thresholds?: SimilarityThresholds;
  /** The day review dates are measured from, as YYYY-MM-DD; the local date by default (tests pass a fixed one). */
  today?: string;
}

/** The bank-quality problems of {@link CheckOptions}.quality, by file then line (warnings stay warnings here). */
export function qualityProblems(bank: Pick<Bank, 'packs' | 'questions' | 'reviewed'>, options: CheckOptions = {}): ContentProblem[] {
  return sortProblems([
    ...levelBalanceProblems(bank.packs),
    ...reviewedProblems(bank.packs, options.today ?? localDay()),
    ...levelNamedSectionProblems(bank.packs),
    ...repeatedPromptProblems(bank.questions),
    ...labelledOpeningProblems(bank.questions),
    ...nearDuplicateProblems(bank, options),
  ]);
}

/**
 * Near-duplicate questions, less the pairs recorded as topic neighbours that have not come closer since
 * (similarity-review.ts), plus the problems of those records.
 */
function nearDuplicateProblems(bank: Pick<Bank, 'packs' | 'questions' | 'reviewed'>, options: CheckOptions): ContentProblem[] {
  const pairs = findNearDuplicates(bank.questions, options.thresholds ?? DEFAULT_THRESHOLDS);
  const ids = new Set(bank.questions.map((q) => q.id));
  const packs = new Set(bank.packs.map((p) => p.id));
  const review = applyReview(pairs, bank.reviewed, ids, packs);
  return [
    ...review.problems,
    ...review.reported.map(({ pair, record }) =>
      nearDuplicateProblem(pair, 'warning', record ? `${formatScores(record.scores)} at ${record.file}:${record.line}` : undefined),
    ),
  ];
}

/**
 * Check a loaded bank: its problems, plus an error when it holds no question at all (`source` names the folder
 * or files in that message), plus the bank-quality checks when `options.quality` or `options.strict` is set;
 * with `strict`, warnings are errors.
 */
export function checkBank(bank: Bank, source = 'content', options: CheckOptions = {}): BankCheck {
  let problems = [...bank.problems];
  if (bank.questions.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file: source, line: 1, severity: 'error', message: 'no questions found' });
  }
  if (options.quality || options.strict) problems = sortProblems([...problems, ...qualityProblems(bank, options)]);
  if (options.strict) problems = problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' as const } : p));
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
export type QuestionJson = Pick<Question, 'id' | 'pack' | 'category' | 'number' | 'title' | 'level' | 'prompt' | 'answer'>;

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
