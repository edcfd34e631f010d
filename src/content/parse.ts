/**
 * Parser for question packs: MkDocs-flavoured Markdown with front matter, `## ` sections and one collapsible
 * admonition per question (`??? question "3. Title"`, see docs/field-notes.md §7).
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { AnswerPart, ContentProblem, Level, Pack, Question } from './types';
import { matchLevelLine, type LevelMarker } from './levels';
import { keyLine, readFrontMatter } from './front-matter';
import {
  closesFence,
  dedent,
  indentWidth,
  isBlank,
  openFence,
  stripHtmlComments,
  type CommentState,
  type Fence,
} from './markdown-lines';
import { looksLikeMojibake, MOJIBAKE_MARKERS, normalizeText, repairMojibake } from './repair';

export interface ParseOptions {
  /** Admonition types whose blocks are questions (compared case-insensitively). Default: `['question']`. */
  questionTypes?: readonly string[];
}

export interface ParseResult {
  /** The pack; `questions` holds only the questions without errors. */
  pack: Pack;
  /** Errors and warnings, in line order. */
  problems: ContentProblem[];
}

/** Pack ids: lowercase letters and digits in dash-separated groups. */
export const PACK_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const MAX_SLUG_LENGTH = 80;
/** Pack ids end up in question ids, button values (2,000 characters at most) and Redis keys. */
const MAX_PACK_ID_LENGTH = 64;

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
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/s;
const ADMONITION = /^ {0,3}(\?\?\?\+?|!!!)(?:[ \t]+(.*?))?[ \t]*$/s;
const PROMPT = /^\u{1F9E0}\uFE0F?\s*(.*)$/su; // 🧠
const INCLUDE_DIRECTIVE = /^\s*\{%\s*include/;
const PLACEHOLDER = /^(?:todo|tbd|tba|wip|coming soon|answer|\.\.\.|…|-+)\.?$/i;

/** Emoji that may precede a label, plus variation selector, ZWJ and skin tones. */
const EMOJI_RUN = String.raw`(?:[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]\s*)`;
/** `✔ **Why it matters:** rest` / `**Implementation:**` — the colon inside the bold. */
const LABEL_COLON_INSIDE = new RegExp(String.raw`^${EMOJI_RUN}*(\*\*|__)(?=\S)([^*_\n]*?[^\s*_:])\s*:\s*\1(?:\s*(.*))?$`, 'su');
/** `💡 **Interview Tip**: rest` — colon outside the bold; needs an emoji so `**Source**: …` stays text. */
const LABEL_COLON_OUTSIDE = new RegExp(String.raw`^${EMOJI_RUN}+(\*\*|__)(?=\S)([^*_\n]*?[^\s*_:])\1\s*:(?:\s*(.*))?$`, 'su');
/** `💡 Interview Tip:` alone on its line. */
const LABEL_PLAIN = new RegExp(String.raw`^${EMOJI_RUN}+([^*_:\n]{1,40}?)\s*:\s*$`, 'u');

/** A labelled line such as `✔ **Why it matters:** text` → label "Why it matters" and the text after it. */
export function matchLabelLine(line: string): { label: string; rest: string } | null {
  const clean = (label: string) =>
    label
      .replace(/[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '')
      .replace(/\s+/g, ' ')
      .trim();
  let m = LABEL_COLON_INSIDE.exec(line) ?? LABEL_COLON_OUTSIDE.exec(line);
  if (m) {
    const label = clean(m[2]);
    return label ? { label, rest: (m[3] ?? '').trim() } : null;
  }
  m = LABEL_PLAIN.exec(line);
  if (m) {
    const label = clean(m[1]);
    return label ? { label, rest: '' } : null;
  }
  return null;
}

interface BodyLine {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

interface AnswerLine extends BodyLine {
  /** Inside a code fence, or a fence delimiter: never a label, level or prompt. */
  code: boolean;
}

interface Draft {
  line: number;
  rawTitle: string;
  section: string | null;
  sectionLevel: Level | null;
  body: BodyLine[];
  /** For a question without body: the first non-blank line after the header, if any. */
  next: BodyLine | null;
}

class Reporter {
  readonly problems: ContentProblem[] = [];
  constructor(private readonly file: string) {}
  error(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'error', message });
  }
  warning(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'warning', message });
  }
}

/**
 * Parse one pack. `source` is the file's text as read (mojibake, a BOM and CRLF are dealt with here); `file` is
 * used in problems and `Question.source`, and its base name is the pack id when the front matter has no `pack`.
 * Line numbers in problems are 1-based lines of the original file, front matter included.
 */
export function parsePack(source: string, file: string, options: ParseOptions = {}): ParseResult {
  const questionTypes = new Set((options.questionTypes ?? ['question']).map((t) => t.toLowerCase()));
  const report = new Reporter(file);

  const repaired = repairMojibake(source);
  const text = normalizeText(repaired.text);
  const lines = text.split('\n');
  if (repaired.wasRepaired) {
    report.warning(1, 'the file is mojibake (UTF-8 read as Windows-1252) and was repaired on load; save it as UTF-8');
  }
  if (looksLikeMojibake(text)) {
    const index = lines.findIndex((l) => MOJIBAKE_MARKERS.some((m) => l.includes(m)));
    report.warning(index + 1, 'text still looks like mojibake after repair');
  }

  const fm = readFrontMatter(text, lines, report);
  const fileBase = path.basename(file).replace(/\.md$/i, '');
  let packId = fm.pack ?? slugify(fileBase);
  if (fm.pack !== null && (!PACK_ID_PATTERN.test(fm.pack) || fm.pack.length > MAX_PACK_ID_LENGTH)) {
    const message = PACK_ID_PATTERN.test(fm.pack)
      ? `pack id "${fm.pack.slice(0, MAX_PACK_ID_LENGTH)}…" is longer than ${MAX_PACK_ID_LENGTH} characters`
      : `pack id "${fm.pack}" must be lowercase letters, digits and dashes`;
    report.error(keyLine(lines, fm.lineCount, 'pack'), message);
    packId = slugify(fm.pack).slice(0, MAX_PACK_ID_LENGTH).replace(/-+$/, '');
  }

  // ---- Page structure: title, sections, level banners and question blocks ----
  const drafts: Draft[] = [];
  let pageTitle: string | null = null;
  let pageBanner: { level: Level; line: number } | null = null;
  let section: string | null = null;
  let sectionLevel: Level | null = null;
  const sections: Pack['sections'] = [];
  let fence: Fence | null = null;
  let fenceLine = 0;
  const comments: CommentState = { inComment: false };

  let i = fm.lineCount;
  while (i < lines.length) {
    const raw = lines[i];
    const lineNo = i + 1;
    if (fence) {
      if (closesFence(raw, fence)) fence = null;
      i++;
      continue;
    }
    const { text: line } = stripHtmlComments(raw, comments);
    if (isBlank(line)) {
      i++;
      continue;
    }
    const opened = openFence(line);
    if (opened) {
      fence = opened;
      fenceLine = lineNo;
      i++;
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const depth = heading[1].length;
      const title = (heading[2] ?? '').trim();
      if (depth === 1 && pageTitle === null && title) pageTitle = title;
      if (depth === 2 && title) {
        section = title;
        sections.push({ name: title, line: lineNo });
        sectionLevel = fm.levels.get(title.toLowerCase()) ?? null;
      }
      i++;
      continue;
    }

    const admonition = ADMONITION.exec(line);
    if (admonition) {
      const header = parseAdmonitionHeader(admonition[2] ?? '');
      const block = collectBody(lines, i + 1);
      if (header.types.some((t) => questionTypes.has(t.toLowerCase()))) {
        drafts.push({
          line: lineNo,
          rawTitle: header.title ?? '',
          section,
          sectionLevel,
          body: block.lines,
          next: block.lines.length === 0 ? block.next : null,
        });
      } else if (header.title) {
        // `!!! warning "Level: Advanced"` sets the level for the rest of the section (or the page).
        const banner = matchLevelLine(header.title);
        if (banner) {
          if (section === null) pageBanner = { level: banner.level, line: lineNo };
          else sectionLevel = banner.level;
        }
      }
      i = block.end;
      continue;
    }

    if (indentWidth(line) < 4) {
      const banner = matchLevelLine(line);
      if (banner) {
        if (section === null) pageBanner = { level: banner.level, line: lineNo };
        else sectionLevel = banner.level;
      }
    }
    i++;
  }
  if (fence) report.warning(fenceLine, 'code fence is never closed');

  if (pageBanner && fm.level && pageBanner.level !== fm.level) {
    report.warning(pageBanner.line, `page level ${pageBanner.level} overrides front matter level ${fm.level}`);
  }
  const pageLevel = pageBanner?.level ?? fm.level;
  const packTitle = fm.title ?? pageTitle ?? packId;
  if (fm.title === null && pageTitle === null && !fm.broken) {
    report.warning(1, 'pack has no title (add `title:` to the front matter or a `# ` heading)');
  }

  // ---- Questions ----
  const questions: Question[] = [];
  const seen = new Map<string, number>();
  for (const draft of drafts) {
    const question = buildQuestion(draft, { packId, packTitle, file, pageLevel, category: fm.category }, report);
    if (!question) continue;
    const first = seen.get(question.id);
    if (first !== undefined) {
      report.error(draft.line, `duplicate question id "${question.id}" (first defined at ${file}:${first})`);
      continue;
    }
    seen.set(question.id, draft.line);
    questions.push(question);
  }

  const pack: Pack = {
    id: packId,
    title: packTitle,
    file,
    date: fm.date,
    reviewed: fm.reviewed,
    tags: fm.tags,
    sections,
    wasRepaired: repaired.wasRepaired,
    questions,
  };
  const problems = report.problems
    .map((p, order) => ({ p, order }))
    .sort((a, b) => a.p.line - b.p.line || a.order - b.order)
    .map(({ p }) => p);
  return { pack, problems };
}

/** `question "3. Title"`, `question 3. Title`, `note answer`, `info ""`: the classes and the title (null when absent). */
function parseAdmonitionHeader(rest: string): { types: string[]; title: string | null } {
  const firstQuote = rest.indexOf('"');
  if (firstQuote >= 0) {
    const lastQuote = rest.lastIndexOf('"');
    const types = rest.slice(0, firstQuote).trim().split(/\s+/).filter(Boolean);
    // Inner quotes are not escaped in these banks: the title is everything between the first and last quote.
    const title = lastQuote > firstQuote ? rest.slice(firstQuote + 1, lastQuote) : rest.slice(firstQuote + 1);
    return { types, title };
  }
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { types: [], title: null };
  // Unquoted: the first word is the type; what follows is the title (for a question) or more classes.
  return { types: words, title: words.slice(1).join(' ') || null };
}

/**
 * The lines of an admonition body starting at `start`: lines indented by 4 or more columns, with blank lines
 * inside; the first non-blank line indented less ends it. Lines are dedented by the block's smallest indent.
 */
function collectBody(lines: string[], start: number): { lines: BodyLine[]; end: number; next: BodyLine | null } {
  const raw: BodyLine[] = [];
  let j = start;
  while (j < lines.length) {
    const l = lines[j];
    if (!isBlank(l) && indentWidth(l) < 4) break;
    raw.push({ text: isBlank(l) ? '' : l, line: j + 1 });
    j++;
  }
  while (raw.length > 0 && raw[raw.length - 1].text === '') raw.pop();
  const next = j < lines.length ? { text: lines[j], line: j + 1 } : null;
  const indents = raw.filter((l) => l.text !== '').map((l) => indentWidth(l.text));
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return { lines: raw.map((l) => ({ text: dedent(l.text, min), line: l.line })), end: start + raw.length, next };
}

interface PackContext {
  packId: string;
  packTitle: string;
  file: string;
  pageLevel: Level | null;
  category: string | null;
}

function buildQuestion(draft: Draft, ctx: PackContext, report: Reporter): Question | null {
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
function isUnindentedBody(line: string): boolean {
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
