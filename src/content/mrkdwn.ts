/**
 * Markdown → Slack mrkdwn, which is not Markdown: bold is `*x*`, italic `_x_`, links `<url|text>`, there are no
 * headings or tables, and `&`, `<` and `>` must be escaped as entities. A small converter of our own rather than
 * slackify-markdown 4.5: that library keeps `<!channel>`-style sequences as live mentions, leaves `<`, `>` and `&`
 * unescaped inside code and link URLs, and wraps emphasis in zero-width spaces everywhere.
 *
 * Every piece of pack text goes through {@link escapeMrkdwn}, so pack text can never mention, ping or link by
 * itself; only the syntax this module writes (`*bold*`, `<url|text>`, ```` ``` ````) reaches Slack as markup.
 */
import { closesFence, dedent, indentWidth, isBlank, openFence } from './markdown-lines';
import { escapeMrkdwn, inline } from './mrkdwn-inline';

export { escapeMrkdwn };

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/s;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([*+-]|\d{1,9}[.)])([ \t]+|$)(.*)$/s;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/s;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

interface ListLevel {
  markerIndent: number;
  contentIndent: number;
  ordered: boolean;
  next: number;
}

/** Wrap code lines as a Slack code block: contents escaped, no language tag. Empty blocks vanish. */
function codeBlock(lines: string[]): string[] {
  while (lines.length > 0 && isBlank(lines[lines.length - 1])) lines.pop();
  if (lines.length === 0) return [];
  return ['```', ...lines.map(escapeMrkdwn), '```'];
}

/**
 * Convert Markdown to Slack mrkdwn.
 *
 * - `**bold**`/`__bold__` → `*bold*`, `*italic*`/`_italic_` → `_italic_`, `~~strike~~` → `~strike~`;
 * - `` `code` `` stays; fenced code blocks are kept verbatim between ```` ``` ```` lines (language tag dropped);
 * - `[text](https://…)` → `<https://…|text>`; links to other schemes keep only their text;
 * - `*`/`-`/`+` bullets → `•` (nested lists indented by 4 spaces per level), numbered lists renumbered from their start;
 * - `# Heading` → a bold line; `> quote` stays a quote; tables become code blocks; `---` becomes a line;
 * - line breaks are kept as written (Slack is line-oriented); runs of blank lines shrink to one.
 *
 * All text is escaped with {@link escapeMrkdwn}: `<!channel>` or `<@U123>` in a pack shows as text.
 */
export function markdownToMrkdwn(md: string): string {
  return convert(md, 0);
}

/**
 * Quotes nest this deep at most; deeper `>` markers stay as text. Slack draws one level of quote anyway, and each
 * level is a recursive pass over the quoted lines: thousands of nested `>` would exhaust the stack (or memory).
 */
const MAX_QUOTE_DEPTH = 4;

function convert(md: string, quoteDepth: number): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const lists: ListLevel[] = [];
  let previousBlank = true;

  const push = (...items: string[]) => {
    for (const item of items) {
      if (item === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
      out.push(item);
    }
  };
  const listPrefix = () => '    '.repeat(Math.max(0, lists.length - 1));

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];

    const fence = openFence(line);
    if (fence) {
      const content: string[] = [];
      let j = i + 1;
      while (j < lines.length && !closesFence(lines[j], fence)) {
        content.push(dedent(lines[j], Math.min(fence.indent, indentWidth(lines[j]))));
        j++;
      }
      if (lists.length > 0 && fence.indent < lists[lists.length - 1].contentIndent) lists.length = 0;
      push(...codeBlock(content));
      i = j + 1;
      previousBlank = false;
      continue;
    }

    if (isBlank(line)) {
      push('');
      i++;
      previousBlank = true;
      continue;
    }

    const indent = indentWidth(line);

    const heading = HEADING.exec(line);
    if (heading) {
      lists.length = 0;
      const text = inline((heading[2] ?? '').trim(), { plain: true });
      if (text) push(`*${text}*`);
      i++;
      previousBlank = false;
      continue;
    }

    if (RULE.test(line)) {
      lists.length = 0;
      push('──────────');
      i++;
      previousBlank = false;
      continue;
    }

    if (line.trimStart().startsWith('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1])) {
      lists.length = 0;
      const rows: string[] = [];
      while (i < lines.length && lines[i].trimStart().startsWith('|')) {
        if (!TABLE_DELIMITER.test(lines[i])) rows.push(lines[i].trim());
        i++;
      }
      push(...codeBlock(rows));
      previousBlank = false;
      continue;
    }

    const quote = QUOTE.exec(line);
    if (quote && indent < 4 && quoteDepth < MAX_QUOTE_DEPTH) {
      lists.length = 0;
      const inner: string[] = [];
      while (i < lines.length) {
        const q = QUOTE.exec(lines[i]);
        if (!q) break;
        inner.push(q[1]);
        i++;
      }
      const converted = convert(inner.join('\n'), quoteDepth + 1);
      push(...converted.split('\n').map((l) => (l ? `> ${l}` : '>')));
      previousBlank = false;
      continue;
    }

    const item = LIST_ITEM.exec(line);
    if (item && !(lists.length === 0 && indent >= 4)) {
      const markerIndent = indentWidth(item[1]);
      const marker = item[2];
      const gap = item[3].length === 0 ? 1 : whitespaceWidth(item[3], markerIndent + marker.length);
      const contentIndent = markerIndent + marker.length + (gap > 4 ? 1 : gap);
      const ordered = /\d/.test(marker);
      // Close the lists this item is not inside of.
      while (lists.length > 0 && markerIndent < lists[lists.length - 1].markerIndent) lists.pop();
      let level = lists[lists.length - 1];
      if (level && markerIndent >= level.contentIndent) {
        level = { markerIndent, contentIndent, ordered, next: ordered ? parseInt(marker, 10) : 1 };
        lists.push(level);
      } else if (!level || level.ordered !== ordered) {
        if (level) lists.pop();
        level = { markerIndent, contentIndent, ordered, next: ordered ? parseInt(marker, 10) : 1 };
        lists.push(level);
      } else {
        level.contentIndent = contentIndent;
      }
      const bullet = ordered ? `${level.next++}.` : '•';
      push(`${listPrefix()}${bullet} ${inline(stripHardBreak(item[4].trim()))}`);
      i++;
      previousBlank = false;
      continue;
    }

    if (lists.length > 0 && (indent >= 2 || !previousBlank)) {
      // A continuation line of the current list item.
      push(`${listPrefix()}   ${inline(stripHardBreak(line.trim()))}`);
      i++;
      previousBlank = false;
      continue;
    }
    lists.length = 0;

    if (indent >= 4 && previousBlank) {
      // Indented code block.
      const content: string[] = [];
      while (i < lines.length && (isBlank(lines[i]) || indentWidth(lines[i]) >= 4)) {
        content.push(dedent(lines[i], 4));
        i++;
      }
      // Blank lines after the block separate it from what follows; they are not code.
      while (content.length > 0 && isBlank(content[content.length - 1])) {
        content.pop();
        i--;
      }
      push(...codeBlock(content));
      previousBlank = false;
      continue;
    }

    push(inline(stripHardBreak(line.trim())));
    i++;
    previousBlank = false;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Columns taken by a run of spaces and tabs that starts at column `start`. */
function whitespaceWidth(ws: string, start: number): number {
  let col = start;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col - start;
}

/** A trailing backslash or two trailing spaces mark a hard break in Markdown; lines are kept anyway. */
function stripHardBreak(text: string): string {
  return text.endsWith('\\') ? text.slice(0, -1).trimEnd() : text;
}
