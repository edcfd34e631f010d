import type { Question } from '../model/question';
import { escapeMrkdwn, markdownToMrkdwn } from '../content/mrkdwn';
import { splitMrkdwn } from '../content/mrkdwn-split';
import { SELF_LEVELS } from '../model/levels';
import type { Tally } from '../model/boards';
import { actions, button, context, divider, escapedText, fallbackText, section, type Blocks, type SlackMessage } from './blocks';
import { levelButton } from './actions';

/** Emoji in front of the answer's labelled parts, by label. */
const PART_EMOJI: Array<[RegExp, string]> = [
  [/why/i, '✔️'],
  [/tip/i, '💡'],
  [/pitfall|avoid|mistake|warning/i, '⚠️'],
  [/best practice/i, '✅'],
  [/implement|example|how/i, '🛠️'],
];

/** Text Slack accepts in one message's blocks, all blocks together (code points); we keep some room below it. */
export const MESSAGE_TEXT_BUDGET = 11_500;

const codePoints = (text: string): number => Array.from(text).length;

/**
 * The answer as sections: the opening text, then each labelled part under its bold label. At most `maxSections`
 * sections and `maxChars` characters of text; a note says so when the answer had to be cut.
 */
export function answerBlocks(q: Question, maxSections = 40, maxChars = Number.POSITIVE_INFINITY): Blocks {
  const chunks: string[] = [];
  for (const part of q.parts) {
    const body = markdownToMrkdwn(part.markdown);
    if (part.label) {
      const emoji = PART_EMOJI.find(([re]) => re.test(part.label!))?.[1] ?? '▪️';
      chunks.push(...splitMrkdwn(`${emoji} *${escapeMrkdwn(part.label)}*\n${body}`));
    } else if (body.trim()) {
      chunks.push(...splitMrkdwn(body));
    }
  }
  if (chunks.length === 0) chunks.push(...splitMrkdwn(markdownToMrkdwn(q.answer)));
  const note = '_The answer is longer than one Slack message; the rest is in the question pack._';
  const kept: string[] = [];
  let chars = 0;
  for (const chunk of chunks) {
    const room = kept.length + 1 < chunks.length ? maxChars - codePoints(note) : maxChars;
    if (kept.length >= maxSections || chars + codePoints(chunk) > room) break;
    kept.push(chunk);
    chars += codePoints(chunk);
  }
  const blocks = kept.map(section);
  if (kept.length < chunks.length) blocks.push(context(note));
  return blocks;
}

/** "🟢 2 · 🟡 1 · 🔴 0 · 📚 1 · 4 answers" */
export function tallyLine(tally: Tally): string {
  const total = tally.reduce((a, b) => a + b, 0);
  if (total === 0) return 'Nobody has answered yet. Be honest: it is practice.';
  const parts = SELF_LEVELS.map((l) => `${l.emoji} ${tally[l.score]}`);
  return `${parts.join('  ·  ')}  ·  ${total} answer${total === 1 ? '' : 's'}`;
}

/** The thread reply that reveals the answer and asks "How well did you know this?". */
export function answerMessage(q: Question, postTs: string, tally: Tally): SlackMessage {
  const head = section(`*Answer:* ${escapedText(q.title, 2900)}`);
  const headChars = codePoints((head as { text: { text: string } }).text.text);
  const blocks: Blocks = [
    head,
    // 500: the question, the buttons and the tally below the answer.
    ...answerBlocks(q, 40, MESSAGE_TEXT_BUDGET - headChars - 500),
    divider(),
    section('*How well did you know this?*'),
    actions(
      ...SELF_LEVELS.map((l) =>
        button(`${l.emoji} ${l.label}`, levelButton(postTs, l.score).actionId, levelButton(postTs, l.score).value, undefined, `I knew it at ${l.label} level`),
      ),
    ),
    context(tallyLine(tally)),
  ];
  return { text: fallbackText(`Answer: ${q.title}`), blocks };
}
