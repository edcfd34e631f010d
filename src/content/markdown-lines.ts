/** Line-level helpers shared by the pack parser and the mrkdwn converter. */

/** Tab stops are every 4 columns, as in Python-Markdown / MkDocs. */
export const TAB_WIDTH = 4;

export function isBlank(line: string): boolean {
  return /^\s*$/.test(line);
}

/** Width in columns of the line's leading whitespace (a tab advances to the next multiple of 4). */
export function indentWidth(line: string): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += TAB_WIDTH - (col % TAB_WIDTH);
    else break;
  }
  return col;
}

/** Remove `columns` columns of leading whitespace, expanding tabs so that partial tabs leave the right spaces. */
export function dedent(line: string, columns: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < columns) {
    const ch = line[i];
    if (ch === ' ') col++;
    else if (ch === '\t') col += TAB_WIDTH - (col % TAB_WIDTH);
    else break;
    i++;
  }
  // A tab that reached past `columns` leaves the extra columns as spaces.
  return ' '.repeat(Math.max(0, col - columns)) + line.slice(i);
}

export interface Fence {
  char: '`' | '~';
  length: number;
  /** Indent of the opening fence, in columns. */
  indent: number;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/s;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** The fence a line opens (```` ```lang ```` or `~~~`), or null. A backtick fence's info string cannot contain backticks. */
export function openFence(line: string): Fence | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const char = m[1][0] as '`' | '~';
  if (char === '`' && m[2].includes('`')) return null;
  return { char, length: m[1].length, indent: indentWidth(line) };
}

/** True when the line closes `fence`: the same character, at least as many, nothing else but spaces. */
export function closesFence(line: string, fence: Fence): boolean {
  const m = FENCE_CLOSE.exec(line);
  return m !== null && m[1][0] === fence.char && m[1].length >= fence.length;
}

/** State for {@link stripHtmlComments} across lines (a comment may span several). */
export interface CommentState {
  inComment: boolean;
}

/** Remove `<!-- … -->` comments from a line; `hadComment` tells whether anything was removed. */
export function stripHtmlComments(line: string, state: CommentState): { text: string; hadComment: boolean } {
  let out = '';
  let rest = line;
  let hadComment = false;
  for (;;) {
    if (state.inComment) {
      hadComment = true;
      const end = rest.indexOf('-->');
      if (end < 0) return { text: out, hadComment };
      rest = rest.slice(end + 3);
      state.inComment = false;
      continue;
    }
    const start = rest.indexOf('<!--');
    if (start < 0) return { text: out + rest, hadComment };
    out += rest.slice(0, start);
    rest = rest.slice(start + 4);
    state.inComment = true;
    hadComment = true;
  }
}
