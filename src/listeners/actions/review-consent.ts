import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { answerOffer } from '../../review/settings';
import { replaceEphemeral } from '../../slack/respond';
import { REVIEW_ACTIONS } from '../../views/actions';
import { reviewOutcomeMessage } from '../../views/notices/review';
import { actionContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

/** The offer "Want this back in a few days, by DM?": the answer replaces the offer, for the clicker alone. */
export function registerReviewConsent(app: ActionRouter, deps: QuizDeps): void {
  for (const [actionId, yes] of [
    [REVIEW_ACTIONS.yes, true],
    [REVIEW_ACTIONS.no, false],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond, context, client }) => {
      await ack();
      await withFailureReply(respond, deps, async () => {
        const ctx = actionContext(deps, body, context, client);
        const outcome = await answerOffer(deps.review, ctx.slack, { team: ctx.team, user: ctx.user, yes });
        const message = reviewOutcomeMessage(outcome, deps.now().getTime());
        try {
          await replaceEphemeral(respond, message);
        } catch {
          // The offer can no longer be replaced (its response_url is used up or expired): say it anew.
          await replyEphemeral(respond, message, deps.logger);
        }
      });
    });
  }
}
