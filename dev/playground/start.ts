/**
 * The zero-config start: no Slack tokens, so the real bot runs against a local workspace (LocalSlack) and a page
 * at http://localhost:3000 plays Slack's part. The bot itself is started unchanged through `startBot`: the same
 * listeners, BullMQ workers, schedules and Redis stores as in a real workspace. Only its environment differs:
 * a generated signing secret, `SLACK_API_URL` pointing at the stand-in, and a key prefix of its own.
 *
 * One public HTTP server: the page and its API are custom routes on the bot's receiver, next to `/slack/events`
 * and `/healthz`, so `PORT` means what it always means and the page's clicks reach the receiver over real HTTP on
 * the same port (`/readyz` and `/metrics` are on the bot's private health port, as always). Both listen on
 * 127.0.0.1 only, unless `PLAYGROUND_ALLOW_REMOTE=1`.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type Bot } from '../../src/bot';
import { SlackDriver, type LocalSlack } from '../local-slack';
import { NO_REDIS_HINT, resolveRedis, type RedisChoice } from './redis';
import { PlaygroundServer } from './server';
import { PlaygroundClock } from './clock';
import { createWorkspace, PLAYGROUND_CHANNEL, TEAMMATES } from './workspace';

export const PLAYGROUND_KEY_PREFIX = 'devops-quiz-playground';
/** The README section that sets up a real Slack app (Socket Mode). */
export const SETUP_SECTION = 'Set it up in your workspace';

export interface Playground {
  url: string;
  bot: Bot;
  slack: LocalSlack;
  redis: RedisChoice;
  stop(): Promise<void>;
}

export class NoRedisError extends Error {
  constructor() {
    super(NO_REDIS_HINT);
    this.name = 'NoRedisError';
  }
}

/** The environment the bot gets in the playground: the caller's, with the Slack side replaced. */
export function playgroundEnv(env: NodeJS.ProcessEnv, parts: { apiUrl: string; signingSecret: string; redisUrl: string }): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-local-playground',
    SLACK_SIGNING_SECRET: parts.signingSecret,
    SLACK_API_URL: parts.apiUrl,
    REDIS_URL: parts.redisUrl,
    REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX?.trim() || PLAYGROUND_KEY_PREFIX,
    PORT: env.PORT?.trim() || '3000',
    // Any free port unless one is asked for: the developer's bot must not need a second fixed port.
    HEALTH_PORT: env.HEALTH_PORT?.trim() || '0',
    ROLE: 'all',
    LOG_LEVEL: env.LOG_LEVEL?.trim() || 'warn',
  };
  delete out.SLACK_APP_TOKEN;
  return out;
}

export async function startPlayground(env: NodeJS.ProcessEnv = process.env, say: (line: string) => void = (l) => console.log(l)): Promise<Playground> {
  const redis = await resolveRedis(env);
  if (!redis) throw new NoRedisError();
  const slack = createWorkspace();
  let bot: Bot | null = null;
  let pg: PlaygroundServer | null = null;
  try {
    await slack.start(0);
    const signingSecret = randomBytes(32).toString('hex');
    const config = loadConfig(playgroundEnv(env, { apiUrl: slack.apiUrl, signingSecret, redisUrl: redis.url }));
    let driver: SlackDriver | null = null;
    const allowRemote = env.PLAYGROUND_ALLOW_REMOTE === '1';
    const clock = new PlaygroundClock(TEAMMATES.map((t) => t.tz));
    const queues = () => (bot ? [bot.queues.qotd, bot.queues.tasks] : []);
    pg = new PlaygroundServer({ slack, channelId: PLAYGROUND_CHANNEL.id, driver: () => driver, allowRemote, clock, queues });
    // The bot's rules live on the pretend day (⏩ Next day), so a review rated on day +1 comes back after it.
    bot = await startBot(config, { logger: createLogger(config.logLevel), customRoutes: pg.routes(), host: allowRemote ? undefined : '127.0.0.1', now: () => new Date(clock.pretendNow()) });
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret, slack });
    const url = `http://localhost:${bot.port}`;
    const where = { REDIS_URL: 'REDIS_URL', localhost: 'the Redis on 127.0.0.1:6379', started: 'a redis-server of its own (data in ./.data/)' }[redis.source];
    say(`No Slack tokens set: DevOps Quiz runs in a local playground workspace (#${PLAYGROUND_CHANNEL.name}, ${TEAMMATES.map((t) => t.name).join(', ')}).`);
    say(`Redis: ${where}, keys under "${config.keyPrefix}:".`);
    say(`To run in Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (Socket Mode; README, "${SETUP_SECTION}").`);
    say(`Open ${url}  (Ctrl+C stops it)`);
    const running = bot;
    const server = pg;
    let stopped = false;
    return {
      url,
      bot: running,
      slack,
      redis,
      async stop() {
        if (stopped) return;
        stopped = true;
        server.close();
        await running.stop();
        await slack.stop();
        await redis.stop();
      },
    };
  } catch (error) {
    pg?.close();
    await bot?.stop().catch(() => undefined);
    await slack.stop();
    await redis.stop();
    throw error;
  }
}

/** Opens the page in the default browser, when a person is at a terminal (not under CI or PLAYGROUND_OPEN=0). */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.CI || env.PLAYGROUND_OPEN === '0' || !process.stdout.isTTY) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser opener: the address is printed anyway
  }
}
