import type { AllMiddlewareArgs, BlockAction, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { QuizDeps } from '../quiz/deps';
import { webClientPort, type SlackPort } from '../slack/port';

/** Who acted, where, and the Slack port to answer through: built once per request, here. */
export interface RequestContext {
  team: string;
  channel: string;
  user: string;
  /** ts of the message the button was on ('' for a slash command). */
  ts: string;
  slack: SlackPort;
}

function port(deps: QuizDeps, client: WebClient): SlackPort {
  return webClientPort(client, deps.metrics.slackError.bind(deps.metrics));
}

/** The context of a button click (`block_actions`). */
export function actionContext(deps: QuizDeps, body: BlockAction, context: AllMiddlewareArgs['context'], client: WebClient): RequestContext {
  return {
    team: context.teamId ?? body.team?.id ?? '',
    channel: body.container?.channel_id ?? body.channel?.id ?? '',
    user: body.user.id,
    ts: body.container?.message_ts ?? body.message?.ts ?? '',
    slack: port(deps, client),
  };
}

/** The context of a slash command. */
export function commandContext(deps: QuizDeps, command: SlackCommandMiddlewareArgs['command'], context: AllMiddlewareArgs['context'], client: WebClient): RequestContext {
  return { team: context.teamId ?? command.team_id, channel: command.channel_id, user: command.user_id, ts: '', slack: port(deps, client) };
}
