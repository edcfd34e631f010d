import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, type CustomRoute, type HTTPReceiverOptions } from '@slack/bolt';
import type { Config } from '../config';
import { boltLogger, type Logger } from '../logger';
import { capConnections, serverOptions } from '../ops/http-limits';
import { LISTENER_CLIENT } from './clients';

/** The one path Slack's commands, interactivity and events arrive on. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The largest body taken from Slack. Its biggest requests are button clicks, which carry the clicked message
 * (within Slack's own message limits, form-encoded); Bolt would read up to 4 MB before checking the signature.
 */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Slack's replay window: a request stamped further from now than this, either way, is refused. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Why a request to the events path is refused before its body is read (an HTTP status), or null to let Bolt read
 * and verify it. Bolt reads the whole body before it looks at the signature headers and accepts timestamps from the
 * future; refusing here costs a client that is not Slack nothing but a header. The signature itself is still
 * verified by Bolt, over the body. (Slack signs every request, its `ssl_check` included.)
 */
export function refusalBeforeBody(req: IncomingMessage, nowMs: number): number | null {
  if (req.method !== 'POST' || pathOf(req.url) !== SLACK_EVENTS_PATH) return null;
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || !signature || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return 401;
  if (Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) > MAX_SKEW_SECONDS) return 401;
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > BODY_LIMIT_BYTES) return 413;
  return null;
}

/** The request's path, as Bolt matches it ('' when the URL does not parse). */
function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

/**
 * Bolt in Socket Mode when an app token is set, else over HTTP with signed requests on /slack/events. `oauth`
 * (distribution mode, slack/oauth.ts) goes to the HTTP receiver, which then also serves the install page and the
 * redirect back from Slack, and authorizes each request with its team's installation instead of one token.
 */
export function createSlackApp(config: Config, logger: Logger, customRoutes: CustomRoute[], oauth?: Partial<HTTPReceiverOptions>): App {
  const common = {
    token: oauth ? undefined : config.slack.botToken,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    // Listeners answer people: fail fast rather than keep them waiting on Slack's retries.
    clientOptions: { slackApiUrl: config.slack.apiUrl, ...LISTENER_CLIENT },
    deferInitialization: true,
    // The bot keeps no conversation state in Bolt; its store would cost every request a lookup.
    convoStore: false as const,
  };
  if (config.slack.appToken) return new App({ ...common, socketMode: true, appToken: config.slack.appToken });
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret!,
    endpoints: SLACK_EVENTS_PATH,
    customRoutes,
    logger: boltLogger(logger),
    unhandledRequestTimeoutMillis: 2_900,
    bodyLimit: BODY_LIMIT_BYTES,
    ...oauth,
  });
  // In front of Bolt's own listener: the checks that need no body. The rest of the body is then read and dropped
  // by Node (never kept), within the request timeout.
  const bolt = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const status = refusalBeforeBody(req, Date.now());
    if (status === null) return bolt(req, res);
    res.writeHead(status);
    res.end();
  };
  return new App({ ...common, receiver });
}

/**
 * Starts the app: in HTTP mode its server listens on `config.port` (on `host`, default every interface) with the
 * configured timeouts and connection cap. Returns the port it listens on (0 in Socket Mode).
 */
export async function startSlackApp(app: App, config: Config, host?: string): Promise<number> {
  if (config.slack.appToken) {
    await app.start();
    return 0;
  }
  const server = (await app.start({ port: config.port, ...(host ? { host } : {}) }, serverOptions(config.http))) as Server;
  capConnections(server, config.http);
  const address = server.address();
  return typeof address === 'object' && address ? address.port : config.port;
}
