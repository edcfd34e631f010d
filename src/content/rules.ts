/**
 * Authoring rules of the shipped bank, checked by `content:check` (not by the bot at start: a team's own pack that
 * breaks them still works, it just reads worse).
 *
 * Errors, because each one shows in Slack as it is:
 * - a `## ` section named like a level: the section is the category line, so the AWS pack read
 *   "🟢 Beginner · Intermediate/Advanced";
 * - a think-first prompt used more than {@link MAX_PROMPT_USES} times across the bank: a hint that fits every
 *   question ("Think before expanding...") helps with none;
 * - an answer that opens with a labelled part (`✔ **Implementation:**`) instead of a plain sentence that answers.
 *
 * Warnings: a pack whose facts were last checked more than 12 months ago, or that does not say when (`reviewed:`).
 */
import type { ContentProblem, Pack, Question } from './types';
import { levelFromWord } from './levels';

/** A prompt may be shared by a few related questions; more than this is boilerplate. */
export const MAX_PROMPT_USES = 3;

/** Words that may sit next to level words in a heading without making it a topic ("Beginner Questions"). */
const LEVEL_HEADING_FILLER = new Set(['level', 'levels', 'question', 'questions', 'difficulty', 'tier']);

/**
 * Whether a section name is only level words ("Intermediate/Advanced", "🟢 Beginner", "Senior level questions"),
 * so it names a level rather than a topic. "Advanced Networking" has a topic word and is fine.
 */
export function isLevelName(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((w) => w !== '' && w !== 'and' && w !== 'or');
  const levelWords = words.filter((w) => levelFromWord(w) !== null);
  return levelWords.length > 0 && words.every((w) => levelFromWord(w) !== null || LEVEL_HEADING_FILLER.has(w));
}

export function levelNamedSectionProblems(packs: readonly Pack[]): ContentProblem[] {
  return packs.flatMap((pack) =>
    pack.sections
      .filter((s) => isLevelName(s.name))
      .map((s) => ({
        file: pack.file,
        line: s.line,
        severity: 'error' as const,
        message: `section "${s.name}" is named like a level; name sections by topic (each question's marker gives its level)`,
      })),
  );
}

/** Prompts count as the same when they differ only in case, spacing or trailing dots ("Think first." / "think first…"). */
function promptKey(prompt: string): string {
  return prompt
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.…!?]+$/u, '')
    .trim();
}

/**
 * One error per prompt text used more than {@link MAX_PROMPT_USES} times, at the question that first goes over the
 * limit, naming how often the text is used and where it is first used (questions in bank order).
 */
export function repeatedPromptProblems(questions: readonly Question[], maxUses = MAX_PROMPT_USES): ContentProblem[] {
  const uses = new Map<string, Question[]>();
  for (const q of questions) {
    if (q.prompt === null) continue;
    const key = promptKey(q.prompt);
    if (key === '') continue;
    const list = uses.get(key) ?? [];
    list.push(q);
    uses.set(key, list);
  }
  const problems: ContentProblem[] = [];
  for (const list of uses.values()) {
    if (list.length <= maxUses) continue;
    const [first] = list;
    const over = list[maxUses];
    problems.push({
      file: over.source.file,
      line: over.source.line,
      severity: 'error',
      message:
        `think-first prompt "${first.prompt}" is used ${list.length} times in the bank (first at ` +
        `${first.source.file}:${first.source.line}); give each question a hint of its own (at most ${maxUses} may share one)`,
    });
  }
  return problems;
}

/** Answers whose first part is labelled: the reader meets "Implementation:" before being told the answer. */
export function labelledOpeningProblems(questions: readonly Question[]): ContentProblem[] {
  return questions
    .filter((q) => q.parts.length > 0 && q.parts[0].label !== null)
    .map((q) => ({
      file: q.source.file,
      line: q.source.line,
      severity: 'error' as const,
      message: `question "${q.title}": the answer opens with the labelled part "${q.parts[0].label}"; open with a plain sentence that answers the question`,
    }));
}

/** Today's date where the check runs, as YYYY-MM-DD (the local calendar day, as an author would write it). */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The same calendar day one year earlier, as YYYY-MM-DD; 29 February becomes 28 February. */
function oneYearBefore(day: string): string {
  const earlier = `${String(Number(day.slice(0, 4)) - 1).padStart(4, '0')}${day.slice(4)}`;
  return earlier.endsWith('-02-29') ? `${earlier.slice(0, -2)}28` : earlier;
}

/**
 * Warnings about how fresh each pack's facts are, relative to `today` (YYYY-MM-DD): no `reviewed:` date at all, a
 * review more than 12 months before today, or a review date after today. A `reviewed:` value that is not a day was
 * already reported by the parser.
 */
export function reviewedProblems(packs: readonly Pack[], today: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const cutoff = oneYearBefore(today);
  for (const pack of packs) {
    const warn = (line: number, message: string) => problems.push({ file: pack.file, line, severity: 'warning', message });
    if (pack.reviewed === null) {
      warn(1, `pack "${pack.id}" has no \`reviewed:\` date (add the day its facts were last checked, as YYYY-MM-DD, to the front matter)`);
    } else if (pack.reviewed.date !== null) {
      const { date, line } = pack.reviewed;
      // Days as YYYY-MM-DD compare in calendar order as plain text.
      if (date < cutoff) {
        warn(line, `pack "${pack.id}" was last reviewed on ${date}, more than 12 months before ${today}: check its facts and update \`reviewed:\``);
      } else if (date > today) {
        warn(line, `pack "${pack.id}" says it was reviewed on ${date}, which is after today (${today})`);
      }
    }
  }
  return problems;
}
