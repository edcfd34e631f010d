/**
 * Runs the bot as a real process (`src/index.ts` through ts-node, or a compiled build), as production does, for
 * tests of signals, crashes, Redis outages and what the process loads. Output lines are kept for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { getFreePort, LocalSlack, SlackDriver } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';
import { Keys, type ChannelKeys } from '../../src/store/keys';
import { CHANNEL, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix, USERS } from './bot-harness';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '../..');

export class BotProcess {
  readonly lines: string[] = [];
  private child: ChildProcess | null = null;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  port = 0;
  /** Where /readyz and /metrics answer (HEALTH_PORT): a port of its own, as in production. */
  healthPort = 0;

  constructor(
    private readonly env: Record<string, string>,
    /** The entry script (default the product's own `src/index.ts`). */
    private readonly script = path.join(ROOT, 'src/index.ts'),
    /** Node's options before the script: ts-node for a .ts script; a compiled one needs none (or a `-r` preload). */
    private readonly nodeArgs: readonly string[] = ['-r', 'ts-node/register/transpile-only'],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get healthUrl(): string {
    return `http://127.0.0.1:${this.healthPort}`;
  }

  get output(): string {
    return this.lines.join('\n');
  }

  async start(): Promise<void> {
    this.port = this.env.PORT && this.env.PORT !== '0' ? Number(this.env.PORT) : await getFreePort();
    this.healthPort = this.env.HEALTH_PORT && this.env.HEALTH_PORT !== '0' ? Number(this.env.HEALTH_PORT) : await getFreePort();
    const child = spawn(process.execPath, [...this.nodeArgs, this.script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.env, PORT: String(this.port), HEALTH_PORT: String(this.healthPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        this.lines.push(...parts);
      });
    }
    const healthy = async () => {
      if (child.exitCode !== null) throw new Error('bot exited during start');
      // HEALTH_PORT answers in every mode (a worker has no Slack port).
      return fetch(`${this.healthUrl}/healthz`).then((r) => r.ok, () => false);
    };
    await eventually(healthy, 20_000, 'the bot to answer /healthz').catch((error: Error) => {
      throw new Error(`${error.message}:\n${this.output}`);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal and waits for the exit (or kills after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 12_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    if (!this.child || !this.exited) return { code: null, signal: null, ms: 0 };
    const started = Date.now();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, ms: Date.now() - started };
  }
}

/** A bot process with the team of the harness, in HTTP mode against its own local Slack workspace. */
export interface ProcessHarness {
  slack: LocalSlack;
  bot: BotProcess;
  driver: SlackDriver;
  prefix: string;
  /** A plain Redis connection for assertions (it reconnects by itself after a restart). */
  redis: Redis;
  /** Keys of the harness channel, as the bot names them. */
  keys: ChannelKeys;
  /** Starts the process again (same prefix, Redis and workspace), e.g. after a stop. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function bootBotProcess(opts: { redisUrl?: string; env?: Record<string, string> } = {}): Promise<ProcessHarness> {
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const slack = new LocalSlack();
  await slack.start(0);
  for (const [name, id] of Object.entries(USERS)) slack.addUser({ id, name, is_admin: name === 'admin' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: Object.values(USERS) });
  const prefix = uniquePrefix();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const h: ProcessHarness = {
    slack,
    bot: new BotProcess(env),
    driver: null as unknown as SlackDriver,
    prefix,
    redis: new Redis(redisUrl, { retryStrategy: () => 100 }),
    keys: new Keys(prefix).channel(slack.team.id, CHANNEL),
    async restart() {
      await h.bot.stop('SIGKILL');
      h.bot = new BotProcess({ ...env, PORT: String(h.bot.port) });
      await h.bot.start();
    },
    async stop() {
      await h.bot.stop('SIGKILL');
      await deleteByPattern(h.redis, `${prefix}*`).catch(() => undefined);
      h.redis.disconnect();
      await slack.stop();
    },
  };
  h.redis.on('error', () => undefined);
  try {
    await h.bot.start();
  } catch (error) {
    await h.stop();
    throw error;
  }
  h.driver = new SlackDriver({ appUrl: `${h.bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
  return h;
}
