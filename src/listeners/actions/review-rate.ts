import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { rateInDm } from '../../review/dm';
import { parseReviewRate, REVIEW_RATE_PATTERN } from '../../views/actions';
import { dmRateNotice, REVIEW_BUTTON_UNKNOWN } from '../../views/notices/review-dm';
import { actionContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

/** "How well did you know it now?" on a review DM: FSRS rates the card; the DM shows it with the next review date. */
export function registerReviewRate(app: ActionRouter, deps: QuizDeps): void {
  const dmDeps = { review: deps.review, dms: deps.reviewDms };
  app.action<BlockAction<ButtonAction>>(REVIEW_RATE_PATTERN, async ({ ack, body, action, respond, context, client }) => {
    await ack();
    await withFailureReply(respond, deps, async () => {
      const button = parseReviewRate(action.action_id, action.value);
      if (!button) return replyEphemeral(respond, REVIEW_BUTTON_UNKNOWN, deps.logger);
      const ctx = actionContext(deps, body, context, client);
      const reply = dmRateNotice(await rateInDm(dmDeps, ctx.slack, { team: ctx.team, user: ctx.user, channel: ctx.channel, ts: ctx.ts, ...button }));
      if (reply) await replyEphemeral(respond, reply, deps.logger);
    });
  });
}
