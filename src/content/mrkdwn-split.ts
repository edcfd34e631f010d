/**
 * Splitting long mrkdwn into pieces that fit one Block Kit text object: a section block's text holds at most 3000
 * characters, so a longer answer is posted as several blocks.
 */

/** Number of code points in `s` (a surrogate pair counts once). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const FENCE = '```';
/** Characters a code block needs around its lines: "```\n" before and "\n```" after. */
const FENCE_OVERHEAD = 8;
/** Below this a chunk cannot hold a reopened code block with any content. */
const MIN_MAX = 16;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cut `text` into pieces of at most `max` code points, at grapheme boundaries (never inside a surrogate pair or
 * an emoji sequence, unless one grapheme alone is longer than `max`) and never inside `&amp;`, `&lt;` or `&gt;`.
 */
function hardSplit(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let length = 0;
  const units: string[] = [];
  // Keep the escapes Slack needs in one unit so they are never cut in half.
  for (const part of text.split(/(&(?:amp|lt|gt);)/)) {
    if (/^&(?:amp|lt|gt);$/.test(part)) units.push(part);
    else for (const { segment } of graphemes.segment(part)) units.push(segment);
  }
  for (const unit of units) {
    const unitLength = codePointLength(unit);
    if (unitLength > max) {
      // A single grapheme longer than the limit (pathological): fall back to code points.
      if (current) pieces.push(current);
      current = '';
      length = 0;
      for (const cp of Array.from(unit)) {
        if (length + 1 > max) {
          pieces.push(current);
          current = '';
          length = 0;
        }
        current += cp;
        length++;
      }
      continue;
    }
    if (length + unitLength > max) {
      pieces.push(current);
      current = '';
      length = 0;
    }
    current += unit;
    length += unitLength;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Split a line at spaces into pieces of at most `max`; `<…>` links and mentions are never split at their spaces. */
function splitWords(line: string, max: number): string[] {
  const words: string[] = [];
  let word = '';
  let inAngle = false;
  for (const ch of line) {
    if (ch === '<') inAngle = true;
    else if (ch === '>') inAngle = false;
    if (ch === ' ' && !inAngle) {
      words.push(word);
      word = '';
    } else {
      word += ch;
    }
  }
  words.push(word);
  // A quoted line keeps its "> " on every piece.
  const prefix = line.startsWith('> ') ? '> ' : '';
  const pieces: string[] = [];
  let current = '';
  for (const w of words) {
    if (w === '') {
      if (current) current += ' ';
      continue;
    }
    const candidate = current ? `${current} ${w}` : w;
    if (codePointLength(candidate) <= max) {
      current = candidate;
      continue;
    }
    if (current.trim()) pieces.push(current.trimEnd());
    const start = pieces.length > 0 && prefix && !w.startsWith('>') ? prefix + w : w;
    if (codePointLength(start) <= max) {
      current = start;
    } else {
      const parts = hardSplit(start, max);
      pieces.push(...parts.slice(0, -1));
      current = parts[parts.length - 1];
    }
  }
  if (current.trim()) pieces.push(current.trimEnd());
  return pieces;
}

/** Greedily join lines with "\n" into pieces of at most `max`, splitting lines that are too long at spaces. */
function packLines(lines: string[], max: number, splitLine: (line: string) => string[]): string[] {
  const pieces: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    const candidate: string = current === null ? line : `${current}\n${line}`;
    if (codePointLength(candidate) <= max) {
      current = candidate;
      continue;
    }
    if (current !== null) pieces.push(current);
    current = null;
    if (codePointLength(line) <= max) {
      current = line;
    } else {
      const parts = splitLine(line);
      pieces.push(...parts.slice(0, -1));
      current = parts[parts.length - 1] ?? null;
    }
  }
  if (current !== null) pieces.push(current);
  return pieces;
}

interface Block {
  code: boolean;
  lines: string[];
  /** Newlines between the previous block and this one ("\n" or "\n\n"). */
  separator: string;
}

/** True when the line opens or closes a code block: an odd number of ``` in it. */
function togglesCode(line: string): boolean {
  return line.split(FENCE).length % 2 === 0;
}

/** Paragraphs (runs of non-blank lines) and code blocks (fence line to fence line, blank lines included). */
function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let blankLines = 0;
  let inCode = false;
  for (const line of text.split('\n')) {
    if (inCode) {
      current!.lines.push(line);
      if (togglesCode(line)) {
        inCode = false;
        current = null;
      }
      continue;
    }
    if (line.trim() === '') {
      blankLines++;
      current = null;
      continue;
    }
    const separator = blocks.length === 0 ? '' : blankLines > 0 ? '\n\n' : '\n';
    blankLines = 0;
    if (togglesCode(line)) {
      current = { code: true, lines: [line], separator };
      blocks.push(current);
      inCode = true;
      continue;
    }
    if (current === null) {
      current = { code: false, lines: [], separator };
      blocks.push(current);
    }
    current.lines.push(line);
  }
  return blocks;
}

/**
 * Split a code block into pieces of at most `max`, each a balanced code block: a piece that stops before the
 * closing fence gets "\n```" and the next one starts with "```\n". Lines longer than a piece can hold are cut.
 */
function splitCode(lines: string[], max: number): string[] {
  const closed = lines.length > 1 && togglesCode(lines[lines.length - 1]);
  const inner = lines.slice(1, closed ? -1 : undefined);
  const open = lines[0];
  const close = closed ? lines[lines.length - 1] : null;
  const budget = max - FENCE_OVERHEAD;
  const innerLines = inner.flatMap((l) => (codePointLength(l) <= budget ? [l] : hardSplit(l, budget)));

  const pieces: string[] = [];
  let current = codePointLength(open) + FENCE.length + 1 <= max ? open : FENCE;
  if (current !== open) {
    // An opening line with text after the fence that is too long: move that text into the code.
    innerLines.unshift(...hardSplit(open.slice(open.indexOf(FENCE) + FENCE.length), budget));
  }
  for (const line of innerLines) {
    if (codePointLength(`${current}\n${line}\n${FENCE}`) <= max) {
      current = `${current}\n${line}`;
      continue;
    }
    pieces.push(`${current}\n${FENCE}`);
    current = `${FENCE}\n${line}`;
  }
  if (close !== null) {
    if (codePointLength(`${current}\n${close}`) <= max) {
      current = `${current}\n${close}`;
    } else {
      pieces.push(`${current}\n${FENCE}`);
      current = `${FENCE}\n${close}`;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * Split mrkdwn into chunks of at most `max` code points (default 3000, the Block Kit text limit), preferring
 * paragraph breaks, then line breaks, then spaces, and cutting words only when one is longer than `max`.
 *
 * A code block that must be split is closed with ```` ``` ```` at the end of a chunk and reopened at the start of
 * the next, so every chunk renders on its own. Cuts never fall inside a surrogate pair or an `&amp;`-style
 * escape. Text that fits is returned unchanged as the only chunk; whitespace-only text gives no chunks.
 */
export function splitMrkdwn(text: string, max = 3000): string[] {
  if (!Number.isInteger(max) || max < MIN_MAX) throw new RangeError(`max must be an integer of at least ${MIN_MAX}`);
  const source = text.replace(/\r\n?/g, '\n');
  if (source.trim() === '') return [];
  if (codePointLength(source) <= max) return [source];

  const chunks: string[] = [];
  let current = '';
  for (const block of toBlocks(source)) {
    const blockText = block.lines.join('\n');
    const candidate = current ? current + block.separator + blockText : blockText;
    if (codePointLength(candidate) <= max) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    current = '';
    if (codePointLength(blockText) <= max) {
      current = blockText;
      continue;
    }
    const pieces = block.code
      ? splitCode(block.lines, max)
      : packLines(block.lines, max, (line) => splitWords(line, max));
    chunks.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? '';
  }
  if (current) chunks.push(current);
  return chunks.map((c) => c.replace(/^\n+/, '').trimEnd()).filter((c) => c.trim() !== '');
}
