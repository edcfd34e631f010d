import type { Question } from '../content/types';
import { escapeMrkdwn } from '../content/mrkdwn';
import { QUESTION_LEVELS } from '../quiz/levels';
import { actions, button, context, mention, section, truncate, type SlackMessage } from './blocks';

export const REVEAL_ACTION = 'reveal_answer';

export interface QuestionMessageOptions {
  kind: 'qotd' | 'adhoc';
  /** Who asked for it with the slash command (ad-hoc questions). */
  requestedBy?: string | null;
  /** Who revealed the answer ('auto' for the timed reveal); null while hidden. */
  revealedBy?: string | null;
}

/** The posted question: level badge and category, the question, its think-first prompt, Reveal. */
export function questionMessage(q: Question, opts: QuestionMessageOptions): SlackMessage {
  const level = QUESTION_LEVELS[q.level];
  const heading = opts.kind === 'qotd' ? '📅 *Question of the day*' : '❓ *DevOps interview question*';
  const blocks = [
    context(`${heading}  ·  ${level.emoji} ${level.label}  ·  ${escapeMrkdwn(q.category)}`),
    section(`*${escapeMrkdwn(truncate(q.title, 2900))}*`),
  ];
  if (q.prompt) blocks.push(context(`🧠 _${escapeMrkdwn(truncate(q.prompt, 2900))}_`));
  if (opts.revealedBy) {
    const who = opts.revealedBy === 'auto' ? 'on schedule' : `by ${mention(opts.revealedBy)}`;
    blocks.push(section(`✅ Answer revealed ${who}: it is in the thread below. How well did you know it?`));
  } else {
    blocks.push(actions(button('👀 Reveal answer', REVEAL_ACTION, q.id, 'primary', `Reveal the answer to: ${q.title}`)));
  }
  const source = `${escapeMrkdwn(q.packTitle)}${q.number !== null ? ` · #${q.number}` : ''}`;
  blocks.push(context(opts.requestedBy ? `${source} · asked by ${mention(opts.requestedBy)}` : source));
  return {
    // The fallback is mrkdwn too: bank text is escaped here as well.
    text: `${opts.kind === 'qotd' ? 'Question of the day' : 'DevOps question'} (${level.emoji} ${level.label}, ${escapeMrkdwn(q.category)}): ${escapeMrkdwn(q.title)}`,
    blocks,
  };
}
