import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { recordLevel } from '../../quiz/record-level';
import { parseLevelButton, RECORD_LEVEL_PATTERN } from '../../views/actions';
import { LEVEL_BUTTON_UNKNOWN, levelRecordedNotice } from '../../views/notices/quiz';
import { reviewOfferMessage } from '../../views/review';
import { actionContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

/** "How well did you know this?": records the clicker's level and confirms it to them alone. */
export function registerRecordLevel(app: ActionRouter, deps: QuizDeps): void {
  app.action<BlockAction<ButtonAction>>(RECORD_LEVEL_PATTERN, async ({ ack, body, action, respond, context, client }) => {
    await ack();
    await withFailureReply(respond, deps, async () => {
      const button = parseLevelButton(action.action_id, action.value);
      if (!button) return replyEphemeral(respond, LEVEL_BUTTON_UNKNOWN, deps.logger);
      const ctx = actionContext(deps, body, context, client);
      const result = await recordLevel(deps, { team: ctx.team, channel: ctx.channel, postTs: button.postTs, fromTs: ctx.ts, user: ctx.user, score: button.score, actionTs: action.action_ts });
      await replyEphemeral(respond, levelRecordedNotice(result, button.score), deps.logger);
      // The first card an answer makes: ask before any DM (the offer's buttons answer it).
      if (result.review?.offer) await replyEphemeral(respond, reviewOfferMessage(), deps.logger);
    });
  });
}
