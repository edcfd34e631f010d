import type { AllMiddlewareArgs, AnyMiddlewareArgs, BlockAction, Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { QuizDeps } from '../quiz/deps';
import { webClientPort, type SlackPort } from '../slack/port';
import { responseUrlRespond } from '../slack/respond';
import { MALFORMED_REQUEST } from '../views/notices/failure';
import { replyEphemeral } from './reply';

/** Who acted, where, and the Slack port to answer through: built once per request, here. */
export interface RequestContext {
  team: string;
  channel: string;
  user: string;
  /** ts of the message the button was on ('' for a slash command). */
  ts: string;
  slack: SlackPort;
}

type Ids = Omit<RequestContext, 'slack'>;
type BoltContext = AllMiddlewareArgs['context'];

function port(deps: QuizDeps, client: WebClient): SlackPort {
  return webClientPort(client, deps.metrics.slackError.bind(deps.metrics));
}

/** The ids of a button click (`block_actions`). */
function actionIds(body: BlockAction, context: BoltContext): Ids {
  return {
    team: context.teamId ?? body.team?.id ?? '',
    channel: body.container?.channel_id ?? body.channel?.id ?? '',
    user: body.user?.id ?? '',
    ts: body.container?.message_ts ?? body.message?.ts ?? '',
  };
}

/** The ids of a slash command. */
function commandIds(command: SlackCommandMiddlewareArgs['command'], context: BoltContext): Ids {
  return { team: context.teamId ?? command.team_id, channel: command.channel_id, user: command.user_id, ts: '' };
}

/** The context of a button click (`block_actions`). */
export function actionContext(deps: QuizDeps, body: BlockAction, context: BoltContext, client: WebClient): RequestContext {
  return { ...actionIds(body, context), slack: port(deps, client) };
}

/** The context of a slash command. */
export function commandContext(deps: QuizDeps, command: SlackCommandMiddlewareArgs['command'], context: BoltContext, client: WebClient): RequestContext {
  return { ...commandIds(command, context), slack: port(deps, client) };
}

/**
 * Slack's id shapes: a letter for the kind (T/E teams and organisations, C/G/D conversations, U/W people) and
 * upper-case letters and digits; message times are `<seconds>.<micros>`; trigger ids are digits, dots and hex.
 */
const SHAPES = {
  team: /^[TE][A-Z0-9]{1,31}$/,
  channel: /^[CGD][A-Z0-9]{1,31}$/,
  user: /^[UW][A-Z0-9]{1,31}$/,
  ts: /^\d{1,12}\.\d{1,6}$/,
  trigger: /^[A-Za-z0-9.]{1,128}$/,
};

/** The first id of a request that is not of Slack's shape (its name), or null when all are. */
function malformedId(args: AnyMiddlewareArgs & AllMiddlewareArgs): string | null {
  const checks: Array<[keyof typeof SHAPES, unknown]> = [];
  const body = args.body as unknown as Record<string, unknown>;
  if ('command' in args) {
    const ids = commandIds(args.command, args.context);
    checks.push(['team', ids.team], ['channel', ids.channel], ['user', ids.user], ['trigger', args.command.trigger_id]);
  } else if (body.type === 'block_actions') {
    const ids = actionIds(args.body as BlockAction, args.context);
    checks.push(['team', ids.team], ['user', ids.user]);
    // A control on a view (App Home) has no channel and no message; one on a message has both.
    if ((body.container as { type?: unknown } | undefined)?.type !== 'view') checks.push(['channel', ids.channel], ['ts', ids.ts]);
  } else if ('event' in args) {
    const event = args.event as unknown as Record<string, unknown>;
    checks.push(['team', args.context.teamId ?? body.team_id]);
    // Only the ids the event has as plain fields (some events carry a channel object instead).
    if (typeof event.channel === 'string') checks.push(['channel', event.channel]);
    if (typeof event.user === 'string') checks.push(['user', event.user]);
  }
  const bad = checks.find(([shape, value]) => typeof value !== 'string' || !SHAPES[shape].test(value));
  return bad ? bad[0] : null;
}

/**
 * Global middleware at the edge: the ids of every request go into Redis keys, so a request whose ids are not of
 * Slack's shape is acknowledged, answered with a short notice (when it can be), and goes no further.
 */
export function checkIds(deps: QuizDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const bad = malformedId(args);
    if (!bad) return args.next();
    deps.logger.warn({ id: bad }, 'request with a malformed id refused');
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    const responseUrl = (args.body as { response_url?: unknown }).response_url;
    if (typeof responseUrl === 'string' && responseUrl) await replyEphemeral(responseUrlRespond(responseUrl), MALFORMED_REQUEST, deps.logger);
  };
}
