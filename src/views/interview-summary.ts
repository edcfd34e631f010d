import { escapeMrkdwn } from '../content/mrkdwn';
import type { Interview } from '../model/interviews';
import type { InterviewSummary, StudyTopic } from '../model/interviews';
import { answerBlocks } from './answer-message';
import { actions, button, context, header, mention, section, truncate, type Blocks, type SlackMessage } from './blocks';
import { INTERVIEW_ACTIONS, interviewValue } from './actions';
import { ratingLabel } from './interview-message';
import { blocksChars, fitBlocks, MESSAGE_BLOCK_BUDGET, MESSAGE_CHAR_BUDGET } from './budget';

export interface SummaryOptions {
  /** Set once someone swapped roles: the Swap button gives way to a note. */
  swappedBy?: string | null;
}

function averageLabel(avg: number): string {
  return avg.toFixed(1).replace(/\.0$/, '');
}

/** "⏭️ 1 skipped · 📚 1 not yet · 0.5 of 3": what sends a topic to the study list. */
function studyDetail(t: StudyTopic): string {
  const parts = [...(t.skipped ? [`⏭️ ${t.skipped} skipped`] : []), ...(t.notYet ? [`📚 ${t.notYet} not yet`] : [])];
  if (t.average !== null) parts.push(`${averageLabel(t.average)} of 3`);
  return parts.join('  ·  ');
}

/**
 * The end of an interview, for the candidate: each question with its rating, an overall level,
 * the topics to study next, and Swap roles. The answers follow in `interviewAnswersMessages`.
 */
export function interviewSummaryMessage(iv: Interview, summary: InterviewSummary, opts: SummaryOptions = {}): SlackMessage {
  const blocks: Blocks = [header('🎤 Mock interview summary')];
  const asked = summary.rows.length;
  const counts = [`${summary.rated} rated`, ...(summary.skipped ? [`${summary.skipped} skipped`] : [])].join(', ');
  blocks.push(section(`${mention(iv.interviewer)} interviewed ${mention(iv.candidate)}: ${asked} question${asked === 1 ? '' : 's'} (${counts}).`));

  if (asked > 0) {
    const lines = summary.rows.map((r) => `${r.index + 1}. ${ratingLabel(r.rating)}  ·  ${escapeMrkdwn(truncate(r.question.title, 180))}`);
    blocks.push(section(lines.join('\n')));
  }

  if (summary.overall !== null && summary.average !== null) {
    blocks.push(section(`*Overall:* ${ratingLabel(summary.overall)}  (average ${averageLabel(summary.average)} of 3 over ${summary.rated} rated answer${summary.rated === 1 ? '' : 's'})`));
  } else {
    blocks.push(section('*Overall:* no answer was rated, so there is no level this time.'));
  }

  if (summary.studyNext.length) {
    const topics = summary.studyNext.map((t) => `• ${escapeMrkdwn(truncate(t.category, 120))} (\`${escapeMrkdwn(truncate(t.pack, 40))}\`): ${studyDetail(t)}`);
    blocks.push(section(`📚 *Study next:*\n${topics.join('\n')}`));
  } else if (summary.rated > 0) {
    blocks.push(section('📚 *Study next:* nothing stood out: every rated answer was 🔴 Advanced. Try harder questions or a new topic next time.'));
  }

  if (opts.swappedBy) {
    blocks.push(context(`🔁 Roles swapped by ${mention(opts.swappedBy)}: ${mention(iv.candidate)} now interviews ${mention(iv.interviewer)} in a new thread in this channel.`));
  } else {
    blocks.push(
      actions(button('🔁 Swap roles', INTERVIEW_ACTIONS.swap, interviewValue(iv.id), 'primary', 'Swap roles: the candidate interviews next, with fresh questions')),
      context(`Swap roles: ${mention(iv.candidate)} interviews ${mention(iv.interviewer)}, same settings, fresh questions.${asked ? ' The answers follow below.' : ''}`),
    );
  }

  const overall = summary.overall !== null ? ` Overall: ${ratingLabel(summary.overall).replace(/^\S+ /, '')}.` : '';
  return { text: `Mock interview summary for ${mention(iv.candidate)}: ${asked} question${asked === 1 ? '' : 's'}, ${counts}.${overall}`, blocks };
}

/**
 * The answers, now revealed for the candidate: each question with its rating and its answer,
 * packed into as few messages as fit Slack's limits (an answer too long for one is cut with a note).
 */
export function interviewAnswersMessages(iv: Interview, summary: InterviewSummary): SlackMessage[] {
  const groups = summary.rows.map((r) => {
    const head = section(`*${r.index + 1}. ${escapeMrkdwn(truncate(r.question.title, 2800))}*\n${ratingLabel(r.rating)}`);
    const budget = MESSAGE_CHAR_BUDGET - blocksChars([head]) - 200;
    return [head, ...fitBlocks(answerBlocks(r.question), budget, MESSAGE_BLOCK_BUDGET - 3)];
  });
  const messages: SlackMessage[] = [];
  let current: Blocks = [];
  const flush = () => {
    if (!current.length) return;
    messages.push({ text: `Answers from the mock interview of ${mention(iv.candidate)}`, blocks: current });
    current = [];
  };
  for (const group of groups) {
    const fits = current.length + group.length + 1 <= MESSAGE_BLOCK_BUDGET && blocksChars(current) + blocksChars(group) + 100 <= MESSAGE_CHAR_BUDGET;
    if (!fits) flush();
    if (!current.length) current.push(context(messages.length ? '📖 *Answers*, continued' : `📖 *Answers*, for ${mention(iv.candidate)} to study`));
    else current.push({ type: 'divider' });
    current.push(...group);
  }
  flush();
  return messages;
}
