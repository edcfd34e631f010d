import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { revealAnswer } from '../../quiz/reveal';
import { webClientPort } from '../../slack/port';
import { REVEAL_ACTION } from '../../views/question-message';
import { notice } from '../../views/notice';
import { mention } from '../../views/blocks';
import { replyEphemeral, withFailureReply } from '../reply';

/**
 * Reveal answer: the first click posts the answer in the thread; later clicks are pointed there.
 * The question is found from the clicked message itself, never from the button's value.
 */
export function registerRevealAnswer(app: ActionRouter, deps: QuizDeps): void {
  app.action<BlockAction<ButtonAction>>(REVEAL_ACTION, async ({ ack, body, respond, client, context }) => {
    await ack();
    await withFailureReply(respond, deps.logger, async () => {
      const team = context.teamId ?? body.team?.id ?? '';
      const channel = body.container?.channel_id ?? body.channel?.id ?? '';
      const ts = body.container?.message_ts ?? body.message?.ts ?? '';
      const outcome = await revealAnswer(deps, webClientPort(client, deps.metrics.slackError.bind(deps.metrics)), { team, channel, ts, by: body.user.id });
      if (outcome.status === 'already') {
        const who = outcome.revealedBy && outcome.revealedBy !== 'auto' ? ` (${mention(outcome.revealedBy)} revealed it)` : '';
        const text = outcome.answerTs
          ? `🧵 The answer is already in this question's thread${who}: open the replies below the question.`
          : `⏳ The answer is being posted in the thread right now${who}.`;
        await replyEphemeral(respond, notice(text), deps.logger);
      } else if (outcome.status === 'missing') {
        await replyEphemeral(respond, notice('This question is no longer in my records, so I cannot reveal it. Ask for a new one with `/devops-quiz`.'), deps.logger);
      }
    });
  });
}
