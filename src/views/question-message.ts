import type { Question } from '../model/question';
import { QUESTION_LEVELS } from '../model/levels';
import { actions, button, context, escapedText, fallbackText, mention, section, type SlackMessage } from './blocks';
import { REVEAL_ACTION } from './actions';

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
    context(`${heading}  ·  ${level.emoji} ${level.label}  ·  ${escapedText(q.category, 200)}`),
    section(`*${escapedText(q.title, 2900)}*`),
  ];
  if (q.prompt) blocks.push(context(`🧠 _${escapedText(q.prompt, 2900)}_`));
  if (opts.revealedBy) {
    const who = opts.revealedBy === 'auto' ? 'on schedule' : `by ${mention(opts.revealedBy)}`;
    blocks.push(section(`✅ Answer revealed ${who}: it is in the thread below. How well did you know it?`));
  } else {
    blocks.push(actions(button('👀 Reveal answer', REVEAL_ACTION, q.id, 'primary', `Reveal the answer to: ${q.title}`)));
  }
  const source = `${escapedText(q.packTitle, 200)}${q.number !== null ? ` · #${q.number}` : ''}`;
  blocks.push(context(opts.requestedBy ? `${source} · asked by ${mention(opts.requestedBy)}` : source));
  return {
    // The fallback is mrkdwn too: bank text is escaped (and kept short) there as well.
    text: fallbackText(`${opts.kind === 'qotd' ? 'Question of the day' : 'DevOps question'} (${level.emoji} ${level.label}, ${q.category}): ${q.title}`),
    blocks,
  };
}
