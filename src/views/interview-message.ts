import type { Question } from '../model/question';
import { escapeMrkdwn } from '../content/mrkdwn';
import { QUESTION_LEVELS, SELF_LEVELS, selfLevel } from '../model/levels';
import type { LevelScore } from '../model/levels';
import type { Interview, Rating } from '../model/interviews';
import { answerBlocks } from './answer-message';
import { actions, button, context, mention, section, truncate, type Blocks, type SlackMessage } from './blocks';
import { blocksChars, fitBlocks, MESSAGE_BLOCK_BUDGET, MESSAGE_CHAR_BUDGET } from './budget';
import { INTERVIEW_ACTIONS, INTERVIEW_RATE_PREFIX, interviewValue } from './actions';


type Settings = Pick<Interview, 'count' | 'requested' | 'level' | 'topics'>;

/** "5 questions · 🟡 Intermediate · topics: `kubernetes`" (topics are what the person typed: escaped). */
export function settingsLine(iv: Settings): string {
  const count = `${iv.count} question${iv.count === 1 ? '' : 's'}${iv.count < iv.requested ? ` (only ${iv.count} match)` : ''}`;
  const level = iv.level ? `${QUESTION_LEVELS[iv.level].emoji} ${QUESTION_LEVELS[iv.level].label}` : 'any level';
  const topics = iv.topics.length ? `topics: ${iv.topics.map((t) => `\`${escapeMrkdwn(truncate(t, 40))}\``).join(', ')}` : 'all topics';
  return [count, level, topics].join('  ·  ');
}

function settingsText(iv: Settings): string {
  const level = iv.level ? QUESTION_LEVELS[iv.level].label : 'any level';
  const topics = iv.topics.length ? iv.topics.map((t) => escapeMrkdwn(truncate(t, 40))).join(', ') : 'all topics';
  return `${iv.count} question${iv.count === 1 ? '' : 's'}, ${level}, ${topics}`;
}

/** "🟡 Intermediate", "⏭️ Skipped", "⏹️ Not rated". */
export function ratingLabel(rating: Rating | null): string {
  if (rating === null) return '⏹️ Not rated';
  if (rating === 'skip') return '⏭️ Skipped';
  const l = selfLevel(rating);
  return `${l.emoji} ${l.label}`;
}

export interface ParentOptions {
  /** Overall level of a finished interview (null: nothing rated). */
  overall?: LevelScore | null;
  /** Who cancelled a pending interview. */
  cancelledBy?: string | null;
}

/** The parent message in the channel: who interviews whom, the settings, and its state. */
export function interviewParentMessage(iv: Interview, opts: ParentOptions = {}): SlackMessage {
  const who = `${mention(iv.interviewer)} interviews ${mention(iv.candidate)}`;
  const title = iv.swapOf ? `🔁 *Mock interview, roles swapped*: ${who}` : `🎤 *Mock interview*: ${who}`;
  const blocks: Blocks = [section(`${title}\n${settingsLine(iv)}`)];
  switch (iv.status) {
    case 'pending':
      blocks.push(
        actions(
          button('▶️ Start', INTERVIEW_ACTIONS.start, interviewValue(iv.id), 'primary', 'Start the mock interview'),
          button('✖️ Cancel', INTERVIEW_ACTIONS.cancel, interviewValue(iv.id), undefined, 'Cancel the mock interview'),
        ),
        context(
          `Only ${mention(iv.interviewer)} and ${mention(iv.candidate)} can start or cancel. The questions come one at a time in this thread; ${mention(iv.interviewer)} gets the answer key and rates each answer.`,
        ),
      );
      break;
    case 'running':
      blocks.push(context(`▶️ In progress: the questions are in this thread.${iv.startedBy ? ` Started by ${mention(iv.startedBy)}.` : ''}`));
      break;
    case 'ended': {
      const overall = opts.overall === undefined || opts.overall === null ? '' : `  ·  overall ${ratingLabel(opts.overall)}`;
      blocks.push(context(`✅ Finished: ${iv.slots.filter((s) => s.ts).length} of ${iv.count} questions asked${overall}. The summary and the answers are in this thread.`));
      break;
    }
    case 'cancelled':
      blocks.push(context(`✖️ Cancelled${iv.endedBy ? ` by ${mention(iv.endedBy)}` : ''}.`));
      break;
    case 'expired':
      blocks.push(context('⌛ Closed after 24 hours without activity.'));
      break;
  }
  return { text: `Mock interview: ${mention(iv.interviewer)} interviews ${mention(iv.candidate)} (${settingsText(iv)})`, blocks };
}

/** How a question's message ends once it is behind us. */
export type QuestionOutcome = { rating: Rating; by: string } | { closed: 'ended' | 'expired' };

/**
 * One question in the thread: title and think-first prompt, never the answer. While it is on the
 * table it carries the interviewer's controls; afterwards it shows how it went, without buttons.
 */
export function interviewQuestionMessage(iv: Interview, index: number, q: Question, outcome?: QuestionOutcome): SlackMessage {
  const level = QUESTION_LEVELS[q.level];
  const blocks: Blocks = [
    context(`🎤 *Question ${index + 1} of ${iv.count}*  ·  ${level.emoji} ${level.label}  ·  ${escapeMrkdwn(truncate(q.category, 150))}`),
    section(`*${escapeMrkdwn(truncate(q.title, 2900))}*`),
  ];
  if (q.prompt) blocks.push(context(`🧠 _${escapeMrkdwn(truncate(q.prompt, 2900))}_`));
  if (!outcome) {
    blocks.push(
      context(`${mention(iv.candidate)}, answer in this thread or out loud. ${mention(iv.interviewer)} has the answer key and rates the answer:`),
      actions(
        ...SELF_LEVELS.map((l) =>
          button(`${l.emoji} ${l.label}`, `${INTERVIEW_RATE_PREFIX}${l.score}`, interviewValue(iv.id, index, l.score), undefined, `Rate the answer: ${l.label}`),
        ),
      ),
      actions(
        button('🔑 Answer key', INTERVIEW_ACTIONS.answerKey, interviewValue(iv.id, index), undefined, 'Show me the answer key (only me)'),
        button('⏭️ Skip', INTERVIEW_ACTIONS.skip, interviewValue(iv.id, index), undefined, 'Skip this question'),
        button('⏹️ End', INTERVIEW_ACTIONS.end, interviewValue(iv.id, index), 'danger', 'End the interview now'),
      ),
    );
  } else if ('rating' in outcome) {
    const how = outcome.rating === 'skip' ? `⏭️ Skipped by ${mention(outcome.by)}` : `Rated ${ratingLabel(outcome.rating)} by ${mention(outcome.by)}`;
    blocks.push(context(`✅ ${how}. The answer comes in the summary.`));
  } else {
    blocks.push(context(outcome.closed === 'ended' ? '⏹️ The interview ended on this question. The answer is in the summary.' : '⌛ The interview was closed here after 24 hours without activity.'));
  }
  // `text` is mrkdwn too (notifications, screen readers): bank text is escaped there as well.
  return { text: `Question ${index + 1} of ${iv.count} (${level.label}): ${escapeMrkdwn(truncate(q.title, 300))}`, blocks };
}

/** The interviewer's private answer key for one question. */
export function answerKeyMessage(iv: Interview, index: number, q: Question): SlackMessage {
  const head: Blocks = [section(`🔑 *Answer key, question ${index + 1} of ${iv.count}* (only you can see this)\n*${escapeMrkdwn(truncate(q.title, 2800))}*`)];
  const foot: Blocks = [context(`Rate ${mention(iv.candidate)}'s answer with the buttons on the question. ${mention(iv.candidate)} sees the answers in the summary at the end.`)];
  const body = fitBlocks(answerBlocks(q), MESSAGE_CHAR_BUDGET - blocksChars([...head, ...foot]), MESSAGE_BLOCK_BUDGET - head.length - foot.length);
  return { text: `Answer key: ${escapeMrkdwn(truncate(q.title, 300))}`, blocks: [...head, ...body, ...foot] };
}

/** A short note in the thread when the interview is closed for lack of activity. */
export function interviewExpiredMessage(iv: Interview): SlackMessage {
  const text = `⌛ This mock interview was closed after 24 hours without activity. ${mention(iv.interviewer)} and ${mention(iv.candidate)}: start a new one any time with \`/devops-quiz mock @teammate\`.`;
  return { text: 'This mock interview was closed after 24 hours without activity.', blocks: [section(text)] };
}

