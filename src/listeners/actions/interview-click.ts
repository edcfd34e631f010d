import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { Click } from '../../interview/deps';
import type { Reply } from '../../interview/flow';
import { webClientPort } from '../../slack/port';
import { notice } from '../../views/notice';
import { replyEphemeral, withFailureReply } from '../reply';

/** A button whose value does not parse was tampered with (or is from an old version). */
export const UNKNOWN_BUTTON = notice('That button does not belong to an interview I know, so nothing changed.');

/**
 * The shape every interview button listener shares: ack at once, then one domain call with the
 * click, and its answer (if any) shown privately to the clicker; failures become a friendly note.
 */
export function onInterviewButton(app: ActionRouter, deps: QuizDeps, actionId: string | RegExp, run: (click: Click, action: ButtonAction, respond: RespondFn) => Promise<Reply>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    await withFailureReply(respond, deps.logger, async () => {
      const click: Click = {
        team: context.teamId ?? body.team?.id ?? '',
        channel: body.container?.channel_id ?? body.channel?.id ?? '',
        user: body.user.id,
        ts: body.container?.message_ts ?? body.message?.ts ?? '',
        slack: webClientPort(client, deps.metrics.slackError.bind(deps.metrics)),
      };
      const reply = await run(click, action, respond);
      if (reply) await replyEphemeral(respond, reply, deps.logger);
    });
  });
}
