/**
 * The one size budget for a message's blocks. Slack refuses messages whose blocks hold more than
 * roughly 11–13 thousand characters of text (the limit is not documented exactly) or more than
 * 50 blocks; we stay well below both, and cut long content with a note rather than be refused.
 */
import { codePointLength } from '../content/mrkdwn-split';
import { context, type Blocks } from './blocks';

/** Characters of text in one message's blocks, all blocks together. */
export const MESSAGE_CHAR_BUDGET = 9_000;
/** Blocks in one message. */
export const MESSAGE_BLOCK_BUDGET = 45;

const CUT_NOTE = '_The rest of this answer is longer than one Slack message; it is in the question pack._';

/** Characters of text in blocks (what Slack counts towards a message's size), by code point. */
export function blocksChars(blocks: Blocks): number {
  let n = 0;
  for (const b of blocks) {
    const text = (b as { text?: { text?: string } }).text?.text;
    if (typeof text === 'string') n += codePointLength(text);
    const elements = (b as { elements?: Array<{ text?: unknown }> }).elements ?? [];
    for (const e of elements) {
      const t = e.text;
      if (typeof t === 'string') n += codePointLength(t);
      else if (t && typeof (t as { text?: unknown }).text === 'string') n += codePointLength((t as { text: string }).text);
    }
  }
  return n;
}

/** Keeps the leading blocks that fit `maxChars` and `maxBlocks`, with a note when some had to go. */
export function fitBlocks(blocks: Blocks, maxChars: number, maxBlocks: number): Blocks {
  if (blocks.length <= maxBlocks && blocksChars(blocks) <= maxChars) return blocks;
  const note = context(CUT_NOTE);
  const kept: Blocks = [];
  let chars = blocksChars([note]);
  for (const b of blocks) {
    const c = blocksChars([b]);
    if (kept.length + 2 > maxBlocks || chars + c > maxChars) break;
    kept.push(b);
    chars += c;
  }
  return [...kept, note];
}
