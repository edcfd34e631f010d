/**
 * The review DM: the day's due cards (each its question with its level, pack, category and prompt, a Reveal answer
 * button, and "How well did you know it now?"), and the answer a Reveal posts in the DM's thread.
 */
import { QUESTION_LEVELS, SELF_LEVELS, selfLevel } from '../model/levels';
import type { DmCardView } from '../model/review-dms';
import type { Question } from '../model/question';
import { reviewRateButton, reviewRevealButton } from './actions';
import { answerBlocks } from './answer-message';
import { blocksChars, fitBlocks, MESSAGE_BLOCK_BUDGET, MESSAGE_CHAR_BUDGET } from './budget';
import { actions, button, context, divider, escapedText, fallbackText, section, type Blocks, type SlackMessage } from './blocks';
import { dayLabel } from './review';

/** The card's question, its origin and its prompt; long ones cut so that five cards stay inside one message. */
function questionBlocks(q: Question, index: number, count: number): Blocks {
  const level = QUESTION_LEVELS[q.level];
  const room = Math.min(1200, Math.floor(4500 / count));
  const number = count > 1 ? `*${index + 1} of ${count}*  ·  ` : '';
  const blocks: Blocks = [
    context(`${number}${level.emoji} ${level.label}  ·  ${escapedText(q.packTitle, 150)}  ·  ${escapedText(q.category, 150)}`),
    section(`*${escapedText(q.title, room)}*`),
  ];
  if (q.prompt) blocks.push(context(`🧠 _${escapedText(q.prompt, Math.floor(room / 2))}_`));
  return blocks;
}

function ratingLine(card: DmCardView, tz: string | null): string | null {
  if (!card.rating) return null;
  const said = selfLevel(card.rating.score);
  if (card.rating.next === null) return `🎓 You said ${said.emoji} *${said.label}*: this card is cleared and will not come back.`;
  return `${said.emoji} You said *${said.label}* · next review *${dayLabel(card.rating.next, tz)}*. You can change it.`;
}

function cardBlocks(card: DmCardView, index: number, count: number, tz: string | null): Blocks {
  if (!card.question) return [section('_This question is no longer in the bank, so there is nothing to review._')];
  const q = card.question;
  const reveal = reviewRevealButton(index);
  const blocks = questionBlocks(q, index, count);
  blocks.push(
    card.revealed
      ? context('👇 The answer is in the thread.')
      : actions(button('👀 Reveal answer', reveal.actionId, reveal.value, 'primary', `Reveal the answer to: ${q.title}`)),
    section('*How well did you know it now?*'),
    actions(
      ...SELF_LEVELS.map((l) => {
        const b = reviewRateButton(index, l.score);
        return button(`${l.emoji} ${l.label}`, b.actionId, b.value, undefined, `I knew it at ${l.label} level`);
      }),
    ),
  );
  const rated = ratingLine(card, tz);
  if (rated) blocks.push(context(rated));
  return blocks;
}

/** The day's review DM. `tz`: the person's zone, for the next review dates (UTC while unknown). */
export function reviewDmMessage(cards: DmCardView[], tz: string | null): SlackMessage {
  const n = cards.length;
  const blocks: Blocks = [section(`📚 *Time to review ${n === 1 ? 'a question' : `${n} questions`}* you marked below their level. Think first, then reveal the answer.`)];
  cards.forEach((card, i) => {
    blocks.push(divider(), ...cardBlocks(card, i, n, tz));
  });
  blocks.push(divider(), context('`/devops-quiz review` lists your cards · `review pause 2w` holds them · `review off` stops these DMs'));
  const titles = cards.map((c) => c.question?.title).filter((t): t is string => Boolean(t));
  return { text: fallbackText(`Review (${n}): ${titles.join(' · ')}`), blocks };
}

/** The answer to one card, in the DM's thread. */
export function reviewAnswerMessage(q: Question): SlackMessage {
  const head = [section(`*Answer:* ${escapedText(q.title, 2900)}`)];
  const foot = [context('How well did you know it now? Rate it on the review above.')];
  const body = fitBlocks(answerBlocks(q), MESSAGE_CHAR_BUDGET - blocksChars([...head, ...foot]), MESSAGE_BLOCK_BUDGET - head.length - foot.length);
  return { text: fallbackText(`Answer: ${q.title}`), blocks: [...head, ...body, ...foot] };
}
