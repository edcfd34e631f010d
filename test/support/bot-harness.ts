/**
 * The test harness: a local Slack workspace (dev/local-slack) on 127.0.0.1 with an app in front of it, reached
 * through the signing driver as Slack would reach it.
 *
 * - `bootBot`: the real bot (Bolt over HTTP, BullMQ workers, Redis stores) under a Redis key prefix of its own,
 *   cleaned up by `stop()`.
 * - `bootApp`: a bare Bolt `App` with the listeners a test registers, for tests of the workspace itself.
 *
 * Both start the stand-in first: `new App` calls auth.test in its constructor.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger } from '@slack/bolt';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type Bot, type BotOptions } from '../../src/bot';
import { deleteByPattern } from '../../src/store/redis';
import { Keys, type ChannelKeys } from '../../src/store/keys';
import { LocalSlack, SlackDriver, type LocalSlackOptions } from '../../dev/local-slack';
import { eventually } from './eventually';

export { eventually };

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const FIXTURE_PACKS = path.resolve(__dirname, '../fixtures/packs');

export const USERS = { alice: 'UALICE01', bob: 'UBOB0002', carol: 'UCAROL03', admin: 'UADMIN04' };
export const CHANNEL = 'C0QUIZ001';

export function uniquePrefix(): string {
  return `dqtest-${process.env.JEST_WORKER_ID ?? '0'}-${randomBytes(4).toString('hex')}`;
}

/** A started stand-in, set up by `setup` (users and channels) before any app talks to it. */
async function startSlack(options: LocalSlackOptions | undefined, setup: (slack: LocalSlack) => void): Promise<LocalSlack> {
  const slack = new LocalSlack(options);
  await slack.start(0);
  setup(slack);
  return slack;
}

function driverFor(slack: LocalSlack, port: number): SlackDriver {
  return new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, slack });
}

// ---------------------------------------------------------------- the real bot

export interface BotHarness {
  slack: LocalSlack;
  driver: SlackDriver;
  bot: Bot;
  prefix: string;
  /** A plain Redis connection for assertions. */
  redis: Redis;
  /** Keys of the harness channel, as the bot names them. */
  channelKeys(channel?: string): ChannelKeys;
  /** Waits until the bot has recorded the post it made (it records right after Slack answers). */
  waitForPost(ts: string, channel?: string): Promise<void>;
  /** Starts another process-like bot instance (own connections, workers) on the same Redis prefix. */
  startAnother(env?: Record<string, string>, options?: BotOptions): Promise<Bot>;
  stop(): Promise<void>;
}

/** alice, bob, carol and admin (a workspace admin) in #devops-practice. */
function seedTeam(slack: LocalSlack): void {
  slack.addUser({ id: USERS.alice, name: 'alice', tz: 'Europe/Berlin' });
  slack.addUser({ id: USERS.bob, name: 'bob', tz: 'America/New_York' });
  slack.addUser({ id: USERS.carol, name: 'carol' });
  slack.addUser({ id: USERS.admin, name: 'admin', is_admin: true, tz: 'Europe/Berlin' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: Object.values(USERS) });
}

export async function bootBot(opts: { env?: Record<string, string>; options?: BotOptions; contentDir?: string } = {}): Promise<BotHarness> {
  const slack = await startSlack(undefined, seedTeam);
  const prefix = uniquePrefix();
  const env = (extra: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HEALTH_PORT: '0',
    CONTENT_DIR: opts.contentDir ?? FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
    ...opts.env,
    ...extra,
  });
  const quiet = createLogger('silent');
  const bot = await startBot(loadConfig(env()), { logger: quiet, shutdownGraceMs: 2000, ...opts.options });
  const driver = driverFor(slack, bot.port);
  const redis = new Redis(REDIS_URL);
  const others: Bot[] = [];
  return {
    slack,
    driver,
    bot,
    prefix,
    redis,
    channelKeys(channel = CHANNEL) {
      return new Keys(prefix).channel(slack.team.id, channel);
    },
    async waitForPost(ts, channel = CHANNEL) {
      await eventually(() => redis.exists(new Keys(prefix).channel(slack.team.id, channel).post(ts)), 5000, `post ${ts} recorded`);
    },
    async startAnother(extra = {}, options = {}) {
      const another = await startBot(loadConfig(env(extra)), { logger: quiet, ...opts.options, ...options });
      others.push(another);
      return another;
    },
    async stop() {
      await Promise.all([bot, ...others].map((b) => b.stop()));
      await deleteByPattern(redis, `${prefix}*`);
      await redis.quit();
      await slack.stop();
    },
  };
}

// ---------------------------------------------------------------- a bare Bolt app

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
}

/** A Bolt/WebClient logger that keeps info/warn/error lines so tests can assert on them (and stays quiet). */
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

export interface AppHarness {
  slack: LocalSlack;
  app: App;
  driver: SlackDriver;
  appUrl: string;
  logs: CapturedLog[];
  stop(): Promise<void>;
}

/** A Bolt App (HTTP receiver on 127.0.0.1:0, no retries) with the listeners `register` adds. */
export async function bootApp(
  register: (app: App) => void,
  opts: { slack?: LocalSlackOptions; setup?: (slack: LocalSlack) => void } = {},
): Promise<AppHarness> {
  const slack = await startSlack(opts.slack, opts.setup ?? (() => undefined));
  const logs: CapturedLog[] = [];
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger: captureLogger(logs),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const driver = driverFor(slack, (server.address() as AddressInfo).port);
  return {
    slack,
    app,
    driver,
    appUrl: driver.appUrl,
    logs,
    async stop() {
      await app.stop();
      await slack.stop();
    },
  };
}
