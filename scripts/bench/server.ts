/**
 * The process under load, spawned by `scripts/bench/index.ts` (never run by hand):
 *
 *   BENCH_MODE=bot   the real bot: `startBot(loadConfig(env))`, HTTP receiver, Redis, BullMQ workers.
 *   BENCH_MODE=bare  a bare Bolt app: same @slack/bolt, same HTTPReceiver options, same signing secret,
 *                    one action listener on the level buttons that only acks.
 *
 * Configuration comes from the environment exactly as for `npm start` (SLACK_*, PORT, REDIS_*, CONTENT_DIR,
 * LOG_LEVEL; SLACK_POSTS_PER_MINUTE for the pacer). Both answer GET /healthz, so the parent can time
 * "spawn → /healthz 200". SIGTERM stops cleanly and exits 0.
 *
 * With BENCH_STATS_FILE set, the bot's Redis commands on the pacer's keys and its jobs' moves to delayed are counted
 * and written there (JSON, twice a second and at exit): the pacer's round trips per post, measured.
 *
 * With BENCH_PROFILE_DIR set, SIGUSR2 starts the V8 CPU profiler and the next SIGUSR2 writes
 * `<dir>/profile-<n>.cpuprofile`: a profile of the load window only, without start-up and idle time.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import inspector from 'node:inspector';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config';
import { boltLogger, createLogger } from '../../src/logger';
import { startBot, type Bot } from '../../src/bot';
import { RECORD_LEVEL_ACTION_PREFIX } from '../../src/views/actions';
import { recordLevel } from '../../src/quiz/record-level';
import { parseLevelScore, selfLevel } from '../../src/model/levels';
import { notice } from '../../src/views/notice';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PacerStats } from './lib';

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

/**
 * What-if experiments for the report (`--experiment NAME`), never part of the measured figures: they change how
 * the bot's response_url POSTs (Bolt's `respond()`, which uses `globalThis.fetch`) are made, to price that path.
 *   respond-http:  POST with node:http and a keep-alive agent instead of fetch (undici)
 *   respond-fetch-read: fetch as now, but read the response body (Bolt's respond() leaves it unread)
 *   respond-skip:  do not send them at all (answer 200 locally): the bot without its confirmations
 *   fast-votes:    a fast path in front of Bolt for level votes only (see `fastVotes`), confirmations via node:http
 */
function applyExperiment(name: string | undefined): void {
  if (!name) return;
  const original = globalThis.fetch;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const viaHttp = (url: string, init: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const body = String(init.body ?? '');
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/response/')) return original(input, init);
    if (name === 'respond-skip') return new Response('{"ok":true}', { status: 200 });
    if (name === 'respond-http') return viaHttp(url, init ?? {});
    if (name === 'respond-fetch-read') {
      // Bolt's respond() never reads the response body; read it, so undici can free the response at once.
      const res = await original(input, init);
      const text = await res.text();
      return new Response(text, { status: res.status });
    }
    throw new Error(`unknown experiment ${name}`);
  }) as typeof fetch;
}

/**
 * What-if `fast-votes`: the HTTP receiver's listener is wrapped so that a signed `block_actions` level vote is
 * verified, acked and handled without Bolt's middleware chain (the same rules: recordLevel and the listener's
 * confirmation texts), and everything else goes on to Bolt with the body already read (`rawBody`, which Bolt
 * reuses). Prices the recommendation in docs/benchmarks.md; not production code (no retries header, no logging).
 */
function fastVotes(bot: Bot, secret: string): void {
  const receiver = (bot.app as unknown as { receiver: { requestListener: (req: http.IncomingMessage, res: http.ServerResponse) => void } }).receiver;
  const bolt = receiver.requestListener;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const respond = (url: string, message: { text: string; blocks: unknown[] }) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message });
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => resolve());
      req.end(body);
    });
  const vote = (req: http.IncomingMessage, raw: Buffer): Record<string, any> | null => {
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return null;
    const body = raw.toString();
    if (!body.startsWith('payload=') || body.indexOf('&') !== -1) return null;
    const ts = Number(req.headers['x-slack-request-timestamp']);
    const sig = String(req.headers['x-slack-signature'] ?? '');
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return null;
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return null;
    const payload = JSON.parse(decodeURIComponent(body.slice(8).replace(/\+/g, ' '))) as Record<string, any>;
    if (payload.type !== 'block_actions' || payload.actions?.length !== 1 || !LEVEL_ACTION.test(payload.actions[0].action_id)) return null;
    return payload;
  };
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/slack/events')) return bolt(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let payload: Record<string, any> | null = null;
      try {
        payload = vote(req, raw);
      } catch {
        payload = null;
      }
      if (!payload) {
        (req as unknown as { rawBody: Buffer }).rawBody = raw;
        return bolt(req, res);
      }
      res.writeHead(200, { 'content-length': '0' });
      res.end();
      const action = payload.actions[0];
      const [postTs, scoreText] = String(action.value ?? '').split('|');
      const score = parseLevelScore(scoreText ?? '');
      if (score === null || !postTs || action.action_id !== `${RECORD_LEVEL_ACTION_PREFIX}${score}`) return;
      void recordLevel(bot.deps, {
        team: payload.team?.id ?? '',
        channel: payload.container?.channel_id ?? payload.channel?.id ?? '',
        postTs,
        fromTs: payload.container?.message_ts ?? payload.message?.ts ?? '',
        user: payload.user.id,
        score,
      }).then(
        (result) => {
          const level = selfLevel(score);
          const text =
            result.status === 'new'
              ? `${level.emoji} Recorded: *${level.label}* (${score} points). Thanks for being honest; you can change it any time.`
              : result.status === 'changed' && result.previous !== null
                ? `${level.emoji} Changed from ${selfLevel(result.previous).label} to *${level.label}* (${score} points).`
                : `${level.emoji} You already answered *${level.label}* for this question.`;
          return respond(payload!.response_url, notice(text));
        },
        () => respond(payload!.response_url, notice('Something went wrong on my side and nothing was changed.')),
      );
    });
  };
}

/** Redis Cluster's slot of a key: CRC16 (XMODEM) of its hash tag (the first non-empty `{…}`) or of the whole key, mod 16384. */
function clusterSlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const tagged = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(tagged)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** Counts what the pacer costs in Redis (see PacerStats) into `file`. */
function countPacerCommands(file: string): void {
  const stats: PacerStats = { takes: 0, others: 0, delayed: 0, ownScripts: 0, crossSlot: 0 };
  const proto = Redis.prototype as unknown as { sendCommand(command: { name: string; args: unknown[] }, stream?: unknown): unknown };
  const send = proto.sendCommand;
  const own = `${process.env.REDIS_KEY_PREFIX ?? 'devops-quiz'}:`;
  proto.sendCommand = function (this: unknown, command, stream) {
    const isScript = command.name === 'evalsha' || command.name === 'eval';
    if (command.args.some((a) => typeof a === 'string' && a.includes(':pace:'))) {
      if (isScript) stats.takes++;
      else stats.others++;
    }
    if (isScript) {
      // Our own scripts (not BullMQ's): do all their keys hash to one Redis Cluster slot?
      const keys = command.args.slice(2, 2 + Number(command.args[1])).map(String);
      if (keys.length && keys.every((k) => k.startsWith(own))) {
        stats.ownScripts++;
        if (new Set(keys.map(clusterSlot)).size > 1) stats.crossSlot++;
      }
    }
    return send.call(this, command, stream);
  };
  const move = Job.prototype.moveToDelayed;
  Job.prototype.moveToDelayed = function (this: Job, ...args: Parameters<Job['moveToDelayed']>) {
    stats.delayed++;
    return move.apply(this, args);
  };
  const write = () => fs.writeFileSync(file, JSON.stringify(stats));
  setInterval(write, 500).unref();
  process.on('exit', write);
}

async function startRealBot(): Promise<() => Promise<void>> {
  if (process.env.BENCH_STATS_FILE) countPacerCommands(process.env.BENCH_STATS_FILE);
  applyExperiment(process.env.BENCH_EXPERIMENT === 'fast-votes' ? undefined : process.env.BENCH_EXPERIMENT);
  const config = loadConfig();
  const bot = await startBot(config, { shutdownGraceMs: 2000 });
  if (process.env.BENCH_EXPERIMENT === 'fast-votes') fastVotes(bot, config.slack.signingSecret!);
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
