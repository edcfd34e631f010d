import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { revealInDm } from '../../review/dm';
import { parseReviewReveal, REVIEW_REVEAL_PATTERN } from '../../views/actions';
import { dmRevealNotice, REVIEW_BUTTON_UNKNOWN } from '../../views/notices/review-dm';
import { actionContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

/** A review DM's Reveal answer: the card's answer goes in the DM's thread, once; the DM then says so. */
export function registerReviewReveal(app: ActionRouter, deps: QuizDeps): void {
  const dmDeps = { review: deps.review, dms: deps.reviewDms };
  app.action<BlockAction<ButtonAction>>(REVIEW_REVEAL_PATTERN, async ({ ack, body, action, respond, context, client }) => {
    await ack();
    await withFailureReply(respond, deps, async () => {
      const index = parseReviewReveal(action.action_id, action.value);
      if (index === null) return replyEphemeral(respond, REVIEW_BUTTON_UNKNOWN, deps.logger);
      const ctx = actionContext(deps, body, context, client);
      const reply = dmRevealNotice(await revealInDm(dmDeps, ctx.slack, { team: ctx.team, user: ctx.user, channel: ctx.channel, ts: ctx.ts, index }));
      if (reply) await replyEphemeral(respond, reply, deps.logger);
    });
  });
}
