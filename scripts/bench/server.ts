/**
 * The process under load, spawned by `scripts/bench/index.ts` (never run by hand):
 *
 *   BENCH_MODE=bot   the real bot: `startBot(loadConfig(env))`, HTTP receiver, Redis, BullMQ workers.
 *   BENCH_MODE=bare  a bare Bolt app: same @slack/bolt, same HTTPReceiver options, same signing secret,
 *                    one action listener on the level buttons that only acks.
 *
 * Configuration comes from the environment exactly as for `npm start` (SLACK_*, PORT, REDIS_*, CONTENT_DIR,
 * LOG_LEVEL), plus BENCH_POSTS_PER_SECOND (the qotd worker's global limiter). Both answer GET /healthz, so the
 * parent can time "spawn → /healthz 200". SIGTERM stops cleanly and exits 0.
 *
 * With BENCH_PROFILE_DIR set, SIGUSR2 starts the V8 CPU profiler and the next SIGUSR2 writes
 * `<dir>/profile-<n>.cpuprofile`: a profile of the load window only, without start-up and idle time.
 */
import fs from 'node:fs';
import path from 'node:path';
import inspector from 'node:inspector';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { loadConfig } from '../../src/config';
import { boltLogger, createLogger } from '../../src/logger';
import { startBot } from '../../src/bot';
import { RECORD_LEVEL_ACTION_PREFIX } from '../../src/views/answer-message';

const LEVEL_ACTION = new RegExp(`^${RECORD_LEVEL_ACTION_PREFIX}[0-3]$`);

async function startBare(): Promise<() => Promise<void>> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret!,
    endpoints: '/slack/events',
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"status":"ok"}');
        },
      },
    ],
    logger: boltLogger(logger),
    unhandledRequestTimeoutMillis: 2_900,
  });
  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 1, maxRetryTime: 2000 }, timeout: 5_000 },
    deferInitialization: true,
  });
  await app.init();
  app.action(LEVEL_ACTION, async ({ ack }) => {
    await ack();
  });
  await app.start(config.port);
  return async () => {
    await app.stop();
  };
}

async function startRealBot(): Promise<() => Promise<void>> {
  const config = loadConfig();
  const postsPerSecond = Number(process.env.BENCH_POSTS_PER_SECOND ?? '') || undefined;
  const bot = await startBot(config, { workerTuning: { postsPerSecond }, shutdownGraceMs: 2000 });
  return () => bot.stop();
}

function profileOnSignal(dir: string): void {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  let n = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (err, result) => {
      const file = path.join(dir, `profile-${n++}.cpuprofile`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`${file}.tmp`, err ? JSON.stringify({ error: err.message }) : JSON.stringify(result.profile));
      fs.renameSync(`${file}.tmp`, file);
    });
  });
}

async function main(): Promise<void> {
  if (process.env.BENCH_PROFILE_DIR) profileOnSignal(process.env.BENCH_PROFILE_DIR);
  const mode = process.env.BENCH_MODE;
  if (mode !== 'bot' && mode !== 'bare') throw new Error(`BENCH_MODE must be bot or bare, got ${mode}`);
  const stop = mode === 'bot' ? await startRealBot() : await startBare();
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 8000);
    force.unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
