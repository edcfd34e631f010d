/**
 * Inline Markdown → Slack mrkdwn: emphasis, code spans, links and entities within one line or paragraph, with
 * every piece of text escaped. The block structure (lists, headings, quotes, code blocks) is mrkdwn.ts.
 */
/** Escape Slack's three control characters: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`. Nothing else. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL Slack may link to: http(s) and mailto only. */
const LINKABLE = /^(?:https?:\/\/|mailto:)/i;

/** A URL inside `<url|text>`: escaped, and `|` and spaces percent-encoded so they cannot end the URL early. */
function escapeUrl(url: string): string {
  return escapeMrkdwn(url.replace(/\|/g, '%7C').replace(/ /g, '%20'));
}

const ZWSP = '\u200B';
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export interface InlineOptions {
  /** Drop emphasis markers instead of converting them (for headings and link text). */
  plain?: boolean;
  /** How many links or emphases this text is nested in. */
  depth?: number;
}

/**
 * Bounds that keep hostile text linear and off the stack: links and emphasis nest at most this deep (deeper
 * markers stay text), and a link's text or an emphasis closes within this many characters or not at all.
 */
const MAX_INLINE_DEPTH = 20;
const MAX_INLINE_SPAN = 1000;

/** Position of the `]` that closes the `[` at `open`, skipping code spans and escapes; -1 when none. */
function findClosingBracket(s: string, open: number, lastBracket: number): number {
  let depth = 0;
  const end = Math.min(s.length, open + MAX_INLINE_SPAN, lastBracket + 1);
  for (let i = open; i < end; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
    } else if (c === '`') {
      const run = runLength(s, i, '`');
      const close = s.indexOf('`'.repeat(run), i + run);
      if (close >= 0) i = close + run - 1;
      else i += run - 1;
    } else if (c === '[') {
      depth++;
    } else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function runLength(s: string, at: number, ch: string): number {
  let n = 0;
  while (s[at + n] === ch) n++;
  return n;
}

/** Find a closing code-span run of exactly `run` backticks at or after `from`. */
function findCodeClose(s: string, from: number, run: number): number {
  let i = s.indexOf('`', from);
  while (i >= 0) {
    const n = runLength(s, i, '`');
    if (n === run) return i;
    i = s.indexOf('`', i + n);
  }
  return -1;
}

/**
 * Find the delimiter run that closes emphasis opened with `delim` (`*`, `**`, `***`, `_`, `__`, `~~`) whose
 * content starts at `from`. The closer must follow a non-space; for `_` it must not be followed by a letter or
 * digit. Code spans, escapes and longer runs of the same character are skipped.
 */
function findEmphasisClose(s: string, from: number, delim: string): number {
  const ch = delim[0];
  const end = Math.min(s.length, from + MAX_INLINE_SPAN);
  for (let i = from; i < end; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const run = runLength(s, i, '`');
      const close = findCodeClose(s, i + run, run);
      i = close >= 0 ? close + run - 1 : i + run - 1;
      continue;
    }
    if (c !== ch) continue;
    const run = runLength(s, i, ch);
    const before = s[i - 1];
    const after = s[i + run];
    const closes =
      run === delim.length &&
      i > from &&
      before !== undefined &&
      !/\s/.test(before) &&
      (ch !== '_' || after === undefined || !WORD_CHAR.test(after));
    if (closes) return i;
    i += run - 1;
  }
  return -1;
}

/** Convert inline Markdown (one line, or a paragraph joined with `\n`) to mrkdwn. */
export function inline(s: string, options: InlineOptions = {}): string {
  const depth = options.depth ?? 0;
  const nested = depth < MAX_INLINE_DEPTH;
  const lastBracket = s.lastIndexOf(']');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];

    if (c === '\\' && i + 1 < s.length && ASCII_PUNCTUATION.test(s[i + 1])) {
      out += escapeMrkdwn(s[i + 1]);
      i += 2;
      continue;
    }

    if (c === '`') {
      const run = runLength(s, i, '`');
      const close = findCodeClose(s, i + run, run);
      if (close < 0) {
        out += '`'.repeat(run);
        i += run;
        continue;
      }
      let code = s.slice(i + run, close).replace(/\n/g, ' ');
      if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
      out += options.plain ? escapeMrkdwn(code) : '`' + escapeMrkdwn(code) + '`';
      i = close + run;
      continue;
    }

    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const open = c === '[' ? i : i + 1;
      const close = nested ? findClosingBracket(s, open, lastBracket) : -1;
      if (close >= 0 && s[close + 1] === '(') {
        const target = /^\(\s*<?([^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/.exec(s.slice(close + 1));
        if (target) {
          const label = inline(s.slice(open + 1, close), { plain: true, depth: depth + 1 }).trim();
          const url = target[1];
          if (LINKABLE.test(url) && !options.plain) out += `<${escapeUrl(url)}|${label || escapeMrkdwn(url)}>`;
          else out += label || escapeMrkdwn(url);
          i = close + 1 + target[0].length;
          continue;
        }
      }
      out += escapeMrkdwn(c);
      i++;
      continue;
    }

    if (c === '<') {
      const autolink = /^<((?:https?:\/\/|mailto:)[^\s<>]*)>/i.exec(s.slice(i));
      if (autolink) {
        out += options.plain ? escapeMrkdwn(autolink[1]) : `<${escapeUrl(autolink[1])}>`;
        i += autolink[0].length;
        continue;
      }
      const br = /^<br\s*\/?>/i.exec(s.slice(i));
      if (br) {
        // Inside a link's text (plain) a line break would end up inside `<url|…>`: a space instead.
        out += options.plain ? ' ' : '\n';
        i += br[0].length;
        continue;
      }
      out += '&lt;';
      i++;
      continue;
    }

    if (c === '*' || c === '_' || c === '~') {
      const run = runLength(s, i, c);
      const delim = c === '~' ? (run === 2 ? '~~' : '') : c.repeat(Math.min(run, 3));
      const prev = s[i - 1];
      const next = s[i + delim.length];
      const canOpen =
        delim !== '' &&
        run === delim.length &&
        next !== undefined &&
        !/\s/.test(next) &&
        (c !== '_' || prev === undefined || !WORD_CHAR.test(prev));
      const close = canOpen && nested ? findEmphasisClose(s, i + delim.length, delim) : -1;
      if (close < 0) {
        out += c.repeat(run);
        i += run;
        continue;
      }
      const content = inline(s.slice(i + delim.length, close), { ...options, depth: depth + 1 });
      let wrapped: string;
      if (options.plain) wrapped = content;
      else if (delim === '~~') wrapped = `~${content}~`;
      else if (delim.length === 3) wrapped = `*_${content}_*`;
      else if (delim.length === 2) wrapped = `*${content}*`;
      else wrapped = `_${content}_`;
      // Slack only honours formatting at word boundaries: pad with zero-width spaces inside words.
      if (!options.plain) {
        const before = out[out.length - 1];
        const after = s[close + delim.length];
        if (before !== undefined && WORD_CHAR.test(before)) wrapped = ZWSP + wrapped;
        if (after !== undefined && WORD_CHAR.test(after)) wrapped += ZWSP;
      }
      out += wrapped;
      i = close + delim.length;
      continue;
    }

    if (c === '&') {
      // A Markdown character reference (`&lt;`, `&nbsp;`, `&#8594;`) stands for its character.
      const entity = /^&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/.exec(s.slice(i));
      const decoded = entity ? decodeEntity(entity) : null;
      out += escapeMrkdwn(decoded ?? '&');
      i += decoded !== null && entity ? entity[0].length : 1;
      continue;
    }

    out += c === '>' ? '&gt;' : c;
    i++;
  }
  return out;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntity(m: RegExpExecArray): string | null {
  if (m[1]) return NAMED_ENTITIES[m[1]];
  const code = m[2] ? parseInt(m[2], 10) : parseInt(m[3], 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return String.fromCodePoint(code);
}
