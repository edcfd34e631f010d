import type { Question } from '../model/question';
import { escapeMrkdwn, markdownToMrkdwn } from '../content/mrkdwn';
import { splitMrkdwn } from '../content/mrkdwn-split';
import { SELF_LEVELS } from '../model/levels';
import type { Tally } from '../model/boards';
import { actions, button, context, divider, escapedText, fallbackText, section, type Blocks, type SlackMessage } from './blocks';
import { levelButton } from './actions';
import { blocksChars, fitBlocks, MESSAGE_BLOCK_BUDGET, MESSAGE_CHAR_BUDGET } from './budget';

/** Emoji in front of the answer's labelled parts, by label. */
const PART_EMOJI: Array<[RegExp, string]> = [
  [/why/i, '✔️'],
  [/tip/i, '💡'],
  [/pitfall|avoid|mistake|warning/i, '⚠️'],
  [/best practice/i, '✅'],
  [/implement|example|how/i, '🛠️'],
];

/** The answer as sections: the opening text, then each labelled part under its bold label (cut to size by `fitBlocks`). */
export function answerBlocks(q: Question): Blocks {
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
  return chunks.map(section);
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
  const head = [section(`*Answer:* ${escapedText(q.title, 2900)}`)];
  const foot: Blocks = [
    divider(),
    section('*How well did you know this?*'),
    actions(
      ...SELF_LEVELS.map((l) => {
        const b = levelButton(postTs, l.score);
        return button(`${l.emoji} ${l.label}`, b.actionId, b.value, undefined, `I knew it at ${l.label} level`);
      }),
    ),
    context(tallyLine(tally)),
  ];
  // 200: room for the tally line to grow as votes come in.
  const body = fitBlocks(answerBlocks(q), MESSAGE_CHAR_BUDGET - blocksChars([...head, ...foot]) - 200, MESSAGE_BLOCK_BUDGET - head.length - foot.length);
  const blocks: Blocks = [...head, ...body, ...foot];
  return { text: fallbackText(`Answer: ${q.title}`), blocks };
}
