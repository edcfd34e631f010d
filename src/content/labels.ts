/**
 * Labelled parts of an answer: a line such as `✔ **Why it matters:** text` or `💡 Interview Tip:` starts a part
 * named by its label. The parser splits answers at them; near-duplicate detection drops the labels as words.
 */
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
