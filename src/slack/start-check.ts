/**
 * Slack at start: the bot token is checked once, before anything touches Redis, so a start that fails on Slack's
 * side (a wrong token, `SLACK_API_URL` or a network that does not reach Slack) leaves nothing behind, and the
 * message names the setting to check instead of the Web API's "A request error occurred: fetch failed".
 */
import { ErrorCode, WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { boltLogger, type Logger } from '../logger';
import { LISTENER_CLIENT } from './clients';
import { classifySlackError } from './errors';

/** The settings a failed start can point to. */
export type SlackSetting = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

const AUTH_CODES = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);

const WHERE: Record<SlackSetting, string> = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) again from your Slack app\'s "Install App" page, reinstalling the app if it was revoked',
  SLACK_APP_TOKEN: 'generate an app-level token (xapp-…) with connections:write under "Basic Information" → "App-Level Tokens"',
};

/** Thrown when Slack refused a token at start or could not be reached; the message says which setting to check. */
export class SlackStartError extends Error {
  constructor(
    readonly setting: SlackSetting,
    apiUrl: string,
    override readonly cause: unknown,
  ) {
    super(startProblem(setting, apiUrl, cause));
    this.name = 'SlackStartError';
  }
}

/** The sentence for a failed Slack call at start, read from the error's code and fields, never its text. */
function startProblem(setting: SlackSetting, apiUrl: string, error: unknown): string {
  const e = error as { code?: unknown; original?: { cause?: { code?: unknown } } } | null;
  if (e?.code === ErrorCode.RequestError) {
    const why = typeof e.original?.cause?.code === 'string' ? ` (${e.original.cause.code})` : '';
    return (
      `Could not reach Slack at ${apiUrl}${why} to check ${setting}. Check SLACK_API_URL (unset means https://slack.com/api/), ` +
      'then the network: this machine must reach it over HTTPS, through any firewall or proxy.'
    );
  }
  const failure = classifySlackError(error);
  switch (failure.kind) {
    case 'permanent':
    case 'refused':
      return AUTH_CODES.has(failure.code)
        ? `Slack refused ${setting} (${failure.code}): ${WHERE[setting]}.`
        : `Slack answered "${failure.code}" when checking ${setting}: ${WHERE[setting]}.`;
    case 'http':
      return `SLACK_API_URL (${apiUrl}) answered HTTP ${failure.status} when checking ${setting}: it must be Slack's Web API (unset means https://slack.com/api/).`;
    case 'rate-limited':
      return `Slack asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before checking ${setting}: start again then.`;
    case 'unknown':
      return `Could not check ${setting} with Slack at ${apiUrl}: ${error instanceof Error ? error.message : String(error)}. Check SLACK_API_URL and the network.`;
  }
}

/** Runs `auth.test` with the bot token; throws {@link SlackStartError} naming SLACK_BOT_TOKEN or SLACK_API_URL. */
export async function checkBotToken(config: Config, logger: Logger): Promise<void> {
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, ...LISTENER_CLIENT, logger: boltLogger(logger) });
  try {
    await client.auth.test();
  } catch (error) {
    throw new SlackStartError('SLACK_BOT_TOKEN', config.slack.apiUrl, error);
  }
}

/**
 * The setting to blame for a failed start, as a sentence, or null when Slack is not the cause. The bot token is
 * checked first ({@link checkBotToken}), so in Socket Mode a Web API failure after that is the app token's, refused
 * when the app opens its connection (`apps.connections.open`).
 */
export function slackStartProblem(error: unknown, config: Config): string | null {
  if (error instanceof SlackStartError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const fromWebApi = typeof code === 'string' && code.startsWith('slack_webapi_');
  return config.slack.appToken && fromWebApi ? new SlackStartError('SLACK_APP_TOKEN', config.slack.apiUrl, error).message : null;
}
