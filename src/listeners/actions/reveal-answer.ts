import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { revealAnswer } from '../../quiz/reveal';
import { REVEAL_ACTION } from '../../views/actions';
import { revealNotice } from '../../views/notices/quiz';
import { actionContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

/**
 * Reveal answer: the first click posts the answer in the thread; later clicks are pointed there.
 * The question is found from the clicked message itself, never from the button's value.
 */
export function registerRevealAnswer(app: ActionRouter, deps: QuizDeps): void {
  app.action<BlockAction<ButtonAction>>(REVEAL_ACTION, async ({ ack, body, respond, client, context }) => {
    await ack();
    await withFailureReply(respond, deps, async () => {
      const ctx = actionContext(deps, body, context, client);
      const outcome = await revealAnswer(deps, ctx.slack, { team: ctx.team, channel: ctx.channel, ts: ctx.ts, by: ctx.user });
      const reply = revealNotice(outcome);
      if (reply) await replyEphemeral(respond, reply, deps.logger);
    });
  });
}
