/**
 * Boots the real bot (Bolt over HTTP, BullMQ workers, Redis stores) against the local Slack
 * stand-in, under a Redis key prefix of its own, and cleans up after itself.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type Bot, type BotOptions } from '../../src/bot';
import { deleteByPattern } from '../../src/store/redis';
import { Keys, type ChannelKeys } from '../../src/store/keys';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const FIXTURE_PACKS = path.resolve(__dirname, '../fixtures/packs');

export const USERS = { alice: 'UALICE01', bob: 'UBOB0002', carol: 'UCAROL03', admin: 'UADMIN04' };
export const CHANNEL = 'C0QUIZ001';

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

export function uniquePrefix(): string {
  return `dqtest-${process.env.JEST_WORKER_ID ?? '0'}-${randomBytes(4).toString('hex')}`;
}

export async function bootBot(opts: { env?: Record<string, string>; options?: BotOptions; contentDir?: string } = {}): Promise<BotHarness> {
  const slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: USERS.alice, name: 'alice', tz: 'Europe/Berlin' });
  slack.addUser({ id: USERS.bob, name: 'bob', tz: 'America/New_York' });
  slack.addUser({ id: USERS.carol, name: 'carol' });
  slack.addUser({ id: USERS.admin, name: 'admin', is_admin: true, tz: 'Europe/Berlin' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: Object.values(USERS) });

  const prefix = uniquePrefix();
  const env = (extra: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: 'xoxb-e2e-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    CONTENT_DIR: opts.contentDir ?? FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
    ...opts.env,
    ...extra,
  });
  const quiet = createLogger('silent');
  const bot = await startBot(loadConfig(env()), { logger: quiet, shutdownGraceMs: 2000, ...opts.options });
  const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, slack });
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

/** Polls until `fn` returns a truthy value. */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
