/**
 * One question of a pack, from its admonition header and indented body to a {@link Question}: the id from the
 * title, the 🧠 prompt and level marker at the top of the body, and the answer split into labelled parts.
 */
import { createHash } from 'crypto';
import type { AnswerPart, ContentProblem, Level, Question } from './types';
import { matchLevelLine, type LevelMarker } from './levels';
import { closesFence, isBlank, openFence, stripHtmlComments, type CommentState, type Fence } from './markdown-lines';
import { matchLabelLine } from './labels';

const MAX_SLUG_LENGTH = 80;

/**
 * The id part made from a title: ASCII lowercase words joined by dashes, accents dropped, apostrophes removed,
 * at most 80 characters (cut at a dash). A title with no Latin letters or digits gets `q-` and a short hash.
 */
export function slugify(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.lastIndexOf('-', MAX_SLUG_LENGTH);
    slug = slug.slice(0, cut > 0 ? cut : MAX_SLUG_LENGTH).replace(/-+$/, '');
  }
  if (slug === '') slug = 'q-' + createHash('sha1').update(title).digest('hex').slice(0, 8);
  return slug;
}

/** `3. Title`, `Q3. Title`, `3) Title`, `Q3: Title` → number 3 and the rest. */
const TITLE_NUMBER = /^\s*Q?(\d{1,6})[.):](?=\s|$)\s*/i;
export const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/s;
export const ADMONITION = /^ {0,3}(\?\?\?\+?|!!!)(?:[ \t]+(.*?))?[ \t]*$/s;
const PROMPT = /^\u{1F9E0}\uFE0F?\s*(.*)$/su; // 🧠
const INCLUDE_DIRECTIVE = /^\s*\{%\s*include/;
const PLACEHOLDER = /^(?:todo|tbd|tba|wip|coming soon|answer|\.\.\.|…|-+)\.?$/i;

export interface BodyLine {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

interface AnswerLine extends BodyLine {
  /** Inside a code fence, or a fence delimiter: never a label, level or prompt. */
  code: boolean;
}

export interface Draft {
  line: number;
  rawTitle: string;
  section: string | null;
  sectionLevel: Level | null;
  body: BodyLine[];
  /** For a question without body: the first non-blank line after the header, if any. */
  next: BodyLine | null;
}

export class Reporter {
  readonly problems: ContentProblem[] = [];
  constructor(private readonly file: string) {}
  error(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'error', message });
  }
  warning(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'warning', message });
  }
}

export interface PackContext {
  packId: string;
  packTitle: string;
  file: string;
  pageLevel: Level | null;
  category: string | null;
}

export function buildQuestion(draft: Draft, ctx: PackContext, report: Reporter): Question | null {
  const rawTitle = draft.rawTitle.replace(/\s+/g, ' ').trim();
  const numberMatch = TITLE_NUMBER.exec(rawTitle);
  const number = numberMatch ? Number(numberMatch[1]) : null;
  const title = numberMatch ? rawTitle.slice(numberMatch[0].length).trim() : rawTitle;
  if (title === '') {
    report.error(draft.line, 'question has an empty title');
    return null;
  }
  const name = `question "${title}"`;
  if (draft.next && isUnindentedBody(draft.next.text)) {
    report.error(draft.next.line, `${name} body is not indented (indent it by 4 spaces)`);
    return null;
  }

  // ---- Split the body into prompt, level marker and answer, fences first ----
  let prompt: string | null = null;
  let marker: { value: LevelMarker; line: number } | null = null;
  const answer: AnswerLine[] = [];
  const comments: CommentState = { inComment: false };
  let fence: Fence | null = null;
  let fenceLine = 0;
  let preamble = true;
  for (const bl of draft.body) {
    if (fence) {
      answer.push({ ...bl, code: true });
      if (closesFence(bl.text, fence)) fence = null;
      continue;
    }
    const { text, hadComment } = stripHtmlComments(bl.text, comments);
    if (hadComment && isBlank(text)) continue;
    const opened = openFence(text);
    if (opened) {
      fence = opened;
      fenceLine = bl.line;
      preamble = false;
      answer.push({ text, line: bl.line, code: true });
      continue;
    }
    if (INCLUDE_DIRECTIVE.test(text)) continue;
    if (preamble) {
      if (isBlank(text)) continue;
      const promptMatch = PROMPT.exec(text);
      if (promptMatch && prompt === null) {
        prompt = promptMatch[1].trim() || null;
        continue;
      }
      const levelMatch = matchLevelLine(text, true);
      if (levelMatch && marker === null) {
        marker = { value: levelMatch, line: bl.line };
        continue;
      }
      preamble = false;
    }
    answer.push({ text: isBlank(text) ? '' : text, line: bl.line, code: false });
  }
  if (fence) {
    report.error(fenceLine, `${name}: code fence is not closed inside the question (indent every line of it by 4 spaces)`);
  }
  if (marker === null) {
    // A level line later in the answer still counts, if it is unmistakably one (circle or "Level:").
    const index = answer.findIndex((l) => !l.code && matchLevelLine(l.text) !== null);
    if (index >= 0) {
      marker = { value: matchLevelLine(answer[index].text)!, line: answer[index].line };
      answer.splice(index, 1);
    }
  }
  if (marker?.value.conflict) {
    report.warning(
      marker.line,
      `${name}: level marker ${marker.value.emoji} means ${marker.value.conflict} but says "${marker.value.word}"; using ${marker.value.level}`,
    );
  }

  const level = marker?.value.level ?? draft.sectionLevel ?? ctx.pageLevel;
  if (!level) {
    report.error(draft.line, `${name} has no level`);
    return null;
  }

  const answerLines = tidyBlankLines(answer);
  const answerMarkdown = answerLines.map((l) => l.text).join('\n');
  const { parts, emptyParts } = splitParts(answerLines);
  // Labels alone ("💡 **Interview Tip:**" and nothing else) do not make an answer.
  const substance = parts.map((p) => p.markdown).join(' ');
  if (substance.trim() === '') {
    report.error(draft.line, `${name} has an empty answer`);
    return null;
  }
  for (const empty of emptyParts) report.warning(empty.line, `${name}: part "${empty.label}" is empty`);
  if (PLACEHOLDER.test(substance.replace(/[*_\s]/g, ''))) {
    report.warning(answerLines[0].line, `${name} has a placeholder answer`);
  }

  return {
    id: `${ctx.packId}/${slugify(title)}`,
    pack: ctx.packId,
    packTitle: ctx.packTitle,
    category: draft.section ?? ctx.category ?? ctx.packTitle,
    number,
    title,
    level,
    prompt,
    answer: answerMarkdown,
    parts,
    source: { file: ctx.file, line: draft.line },
  };
}

/**
 * Whether the first non-blank line after a question without body is ordinary text (the body was meant to be
 * indented) rather than the next heading, admonition, rule or comment (then the question simply has no body).
 */
export function isUnindentedBody(line: string): boolean {
  const text = line.trim();
  return !HEADING.test(line) && !ADMONITION.test(line) && !/^(?:-{3,}|\*{3,}|_{3,})$/.test(text) && !text.startsWith('<!--');
}

/** Drop blank lines at both ends and squeeze runs of blank lines outside code to one. */
function tidyBlankLines(lines: AnswerLine[]): AnswerLine[] {
  const out: AnswerLine[] = [];
  for (const l of lines) {
    const blank = !l.code && l.text === '';
    if (blank && (out.length === 0 || (!out[out.length - 1].code && out[out.length - 1].text === ''))) continue;
    out.push(l);
  }
  while (out.length > 0 && !out[out.length - 1].code && out[out.length - 1].text === '') out.pop();
  return out;
}

/** Split the answer at labelled lines; also returns the labels that have no text under them. */
function splitParts(lines: AnswerLine[]): { parts: AnswerPart[]; emptyParts: { label: string; line: number }[] } {
  const parts: { label: string | null; line: number; lines: string[] }[] = [];
  let current: { label: string | null; line: number; lines: string[] } = { label: null, line: 0, lines: [] };
  for (const l of lines) {
    const label = l.code ? null : matchLabelLine(l.text);
    if (label) {
      parts.push(current);
      current = { label: label.label, line: l.line, lines: label.rest ? [label.rest] : [] };
    } else {
      current.lines.push(l.text);
    }
  }
  parts.push(current);
  const result: AnswerPart[] = [];
  const emptyParts: { label: string; line: number }[] = [];
  for (const part of parts) {
    const markdown = trimBlank(part.lines).join('\n');
    if (part.label === null && markdown === '') continue;
    if (part.label !== null && markdown === '') emptyParts.push({ label: part.label, line: part.line });
    result.push({ label: part.label, markdown });
  }
  return { parts: result, emptyParts };
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end);
}
