import type { Question } from '../content/types';
import { escapeMrkdwn, markdownToMrkdwn } from '../content/mrkdwn';
import { splitMrkdwn } from '../content/split';
import { SELF_LEVELS } from '../quiz/levels';
import type { Tally } from '../store/boards';
import { actions, button, context, divider, section, type Blocks, type SlackMessage } from './blocks';

export const RECORD_LEVEL_ACTION_PREFIX = 'record_level_';

/** Emoji in front of the answer's labelled parts, by label. */
const PART_EMOJI: Array<[RegExp, string]> = [
  [/why/i, '✔️'],
  [/tip/i, '💡'],
  [/pitfall|avoid|mistake|warning/i, '⚠️'],
  [/best practice/i, '✅'],
  [/implement|example|how/i, '🛠️'],
];

/** The answer as sections: the opening text, then each labelled part under its bold label. */
export function answerBlocks(q: Question, maxSections = 40): Blocks {
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
  const blocks = chunks.slice(0, maxSections).map(section);
  if (chunks.length > maxSections) blocks.push(context('_The answer is longer than one Slack message; the rest is in the question pack._'));
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
  const blocks: Blocks = [
    section(`*Answer:* ${escapeMrkdwn(q.title)}`),
    ...answerBlocks(q),
    divider(),
    section('*How well did you know this?*'),
    actions(
      ...SELF_LEVELS.map((l) =>
        button(`${l.emoji} ${l.label}`, `${RECORD_LEVEL_ACTION_PREFIX}${l.score}`, `${postTs}|${l.score}`, undefined, `I knew it at ${l.label} level`),
      ),
    ),
    context(tallyLine(tally)),
  ];
  return { text: `Answer: ${escapeMrkdwn(q.title)}`, blocks };
}
