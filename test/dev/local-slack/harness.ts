/**
 * Boots the local Slack stand-in, a real Bolt App (HTTP receiver) and the signing driver, in the right order:
 * stand-in → new App (its constructor calls auth.test on the stand-in) → app.start on 127.0.0.1:0 → driver.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { Logger } from '@slack/bolt';

import { LocalSlack, SlackDriver } from '../../../dev/local-slack';
import type { LocalSlackOptions } from '../../../dev/local-slack';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test';

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
}

/** A Bolt/WebClient logger that keeps warn/error lines so tests can assert on them (and stays quiet). */
export function captureLogger(lines: CapturedLog[]): Logger {
  let level: LogLevel = LogLevel.INFO;
  const push = (l: CapturedLog['level']) => (...msg: unknown[]) => {
    lines.push({ level: l, msg: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ') });
  };
  return {
    debug: () => undefined,
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface Harness {
  slack: LocalSlack;
  app: App;
  driver: SlackDriver;
  appUrl: string;
  logs: CapturedLog[];
  stop(): Promise<void>;
}

export async function bootHarness(
  register: (app: App) => void,
  opts: { slack?: LocalSlackOptions; setup?: (slack: LocalSlack) => void } = {},
): Promise<Harness> {
  const slack = new LocalSlack(opts.slack);
  await slack.start(0);
  opts.setup?.(slack);
  const logs: CapturedLog[] = [];
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger: captureLogger(logs),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const port = (server.address() as AddressInfo).port;
  const appUrl = `http://127.0.0.1:${port}/slack/events`;
  const driver = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, slack });
  return {
    slack,
    app,
    driver,
    appUrl,
    logs,
    async stop() {
      await app.stop();
      await slack.stop();
    },
  };
}

/** Polls until `fn` returns a truthy value (for state written by listeners after ack). */
export async function eventually<T>(fn: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('eventually: condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
