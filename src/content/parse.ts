/**
 * Parser for question packs: MkDocs-flavoured Markdown with front matter, `## ` sections and one collapsible
 * admonition per question: `??? question "3. Title"` opens a collapsed block (`???+` an expanded one, `!!!` a
 * plain admonition), and the block's body is the lines indented by four spaces or more below it.
 */
import * as path from 'path';
import type { ContentProblem, Level, Pack, Question } from './types';
import { matchLevelLine } from './levels';
import { keyLine, readFrontMatter } from './front-matter';
import { closesFence, dedent, indentWidth, isBlank, openFence, stripHtmlComments, type CommentState, type Fence } from './markdown-lines';
import { looksLikeMojibake, MOJIBAKE_MARKERS, normalizeText, repairMojibake } from './repair';
import { ADMONITION, buildQuestion, HEADING, Reporter, slugify, type BodyLine, type Draft } from './parse-question';

export { slugify } from './parse-question';
export { matchLabelLine } from './labels';

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

/** Pack ids end up in question ids, button values (2,000 characters at most) and Redis keys. */
const MAX_PACK_ID_LENGTH = 64;

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
