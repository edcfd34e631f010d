/**
 * `npm run bench`: the performance figures of issue 7 (items 8–11), of reviews by DM (12) and of many workspaces (13),
 * printed as one table at the end.
 *
 *   8  interaction throughput and ack latency, bot vs bare Bolt, 16 and 64 connections (wrk, pinned cores)
 *   9  fan-out: 1,000 channels due the same minute under Slack-like rate limits
 *   10 leaderboard of 100,000 people: top 10 + caller's rank, Redis memory per recorded answer
 *   11 bank of 10,000 questions: parse + index time and memory; bot start-up time
 *   12 review DMs: 2,000 people of one workspace due the same minute under its posts-per-minute limit; memory per card
 *   13 many workspaces: 1,000 installed through OAuth × 3 channels due the same minute, one answered 429 throughout
 *
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379) and, for item 8, `wrk` (Debian: `apt-get install -y wrk`).
 * Everything else runs here: the Slack stand-in (LocalSlack) in this process, the bot and the bare Bolt app as
 * child processes on core 0, wrk and this process on core 1. Keys live under a unique prefix, deleted at the end.
 *
 * Options: --only 8,9,10,11,12,13  --seconds 8  --rounds 2  --connections 16,64  --channels 1000  --per-minute 600
 *          --workspaces 1000  --users 100000  --questions 10000  --people 2000  --cards 3  --profile (CPU profiles of bot and bare at 64 connections)
 *          --md FILE (also write the results as Markdown)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { LocalSlack, SlackDriver, getFreePort } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';
import {
  ROOT,
  cores,
  fmt,
  fmtInt,
  hasCommand,
  loadAverage,
  log,
  machine,
  markdownTable,
  median,
  mib,
  pinProcess,
  pinned,
  spawnLogged,
  textTable,
  waitHealthy,
  type Child,
  type Row,
} from './lib';
import { caseRunner, revealedQuestion, runInteractionCases, runWrk, summarize, VoteStream, writePool, type CaseResult, type CaseSummary, type Target } from './interactions';
import { runFanout, type FanoutResult } from './fanout';
import { pacerFigures, readStats, runWorkspaces, workspaceRows } from './workspaces';
import { runLeaderboard, type LeaderboardResult } from './leaderboard';
import { runReviewFanout } from './reviews';
import { generatePacks, measureBank, type BankResult } from './bank';
import { formatProfile, summarizeProfile } from './profile';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-bench-token';

interface Options {
  only: Set<number>;
  seconds: number;
  rounds: number;
  connections: number[];
  channels: number;
  perMinute: number;
  users: number;
  questions: number;
  people: number;
  cards: number;
  profile: boolean;
  experiments: string[];
  workspaces: number;
  md: string | null;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const list = (v: string | undefined, dflt: number[]) => (v ? v.split(',').map(Number) : dflt);
  return {
    only: new Set(list(get('only'), [8, 9, 10, 11, 12, 13])),
    seconds: Number(get('seconds') ?? 8),
    rounds: Number(get('rounds') ?? 2),
    connections: list(get('connections'), [16, 64]),
    channels: Number(get('channels') ?? 1000),
    perMinute: Number(get('per-minute') ?? 600),
    users: Number(get('users') ?? 100_000),
    questions: Number(get('questions') ?? 10_000),
    people: Number(get('people') ?? 2000),
    cards: Number(get('cards') ?? 3),
    profile: argv.includes('--profile'),
    experiments: (get('experiment') ?? '').split(',').filter(Boolean),
    workspaces: Number(get('workspaces') ?? 1000),
    md: get('md') ?? null,
  };
}

interface Started {
  child: Child;
  port: number;
  startupMs: number;
}

/** Spawns the bot (`entry` src/index.ts or the bench server) and waits for /healthz 200. */
async function startServer(o: {
  mode: 'bot' | 'bare';
  entry: 'server' | 'index' | string;
  slack: LocalSlack;
  prefix: string;
  redisUrl: string;
  contentDir: string;
  core: string | null;
  tmp: string;
  label: string;
  postsPerSecond?: number;
  /** More settings; an empty value removes one (distribution mode has no SLACK_BOT_TOKEN). */
  env?: Record<string, string>;
  /** Where the bot writes its pacer's Redis counts (see server.ts). */
  statsFile?: string;
  nodeArgs?: string[];
  /** CPU profile of a window on SIGUSR2 (see server.ts). */
  profileDir?: string;
  /** A what-if variant of the bot (see server.ts). */
  experiment?: string;
}): Promise<Started> {
  const port = await getFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_MODE: o.mode,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: o.slack.apiUrl,
    REDIS_URL: o.redisUrl,
    REDIS_KEY_PREFIX: o.prefix,
    PORT: String(port),
    CONTENT_DIR: o.contentDir,
    LOG_LEVEL: 'info',
    ROLE: 'all',
    TZ: 'UTC',
    NODE_ENV: 'production',
    // A compiled build in a temporary folder still finds the project's packages.
    NODE_PATH: path.join(ROOT, 'node_modules'),
    ...(o.postsPerSecond ? { SLACK_POSTS_PER_MINUTE: String(Math.round(o.postsPerSecond * 60)) } : {}),
    ...(o.profileDir ? { BENCH_PROFILE_DIR: o.profileDir } : {}),
    ...(o.experiment ? { BENCH_EXPERIMENT: o.experiment } : {}),
    ...(o.statsFile ? { BENCH_STATS_FILE: o.statsFile } : {}),
  };
  delete env.SLACK_APP_TOKEN;
  for (const [name, value] of Object.entries(o.env ?? {})) {
    if (value) env[name] = value;
    else delete env[name];
  }
  // The private health port is not measured: any free one, so runs never collide on it.
  env.HEALTH_PORT = '0';
  const script = o.entry === 'server' ? ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'server.ts')] : o.entry === 'index' ? ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src/index.ts')] : [o.entry];
  const [cmd, args] = pinned(o.core, process.execPath, [...(o.nodeArgs ?? []), ...script]);
  const t0 = performance.now();
  const child = spawnLogged(cmd, args, env, path.join(o.tmp, `${o.label}.log`));
  const startupMs = await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, t0);
  return { child, port, startupMs };
}

function redisPidOf(url: string, info: string): number | null {
  if (!/^redis:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(url)) return null;
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  const core = cores();
  if (opts.only.has(8) && !hasCommand('wrk')) {
    console.error('Item 8 needs wrk, the HTTP load generator: `apt-get install -y wrk` (Debian/Ubuntu package "wrk"), or skip it with --only 9,10,11.');
    process.exit(2);
  }
  const pinnedSelf = pinProcess(process.pid, core.load);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-quiz-bench-'));
  const prefix = `dqbench-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const serverInfo = await redis.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(serverInfo)?.[1] ?? '?';
  const redisPid = redisPidOf(redisUrl, serverInfo);
  const slack = new LocalSlack({ maxTotalBlockTextChars: Infinity });
  await slack.start(0);
  log(`machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}, Redis ${redisVersion}; load average ${loadAverage()}`);
  log(`prefix ${prefix}, logs in ${tmp}; server core ${core.server ?? 'any'}, load generator + stand-in core ${core.load ?? 'any'}${pinnedSelf ? '' : ' (not pinned)'}`);

  const children: Child[] = [];
  const rows: Row[] = [];
  const notes: string[] = [];
  const started = Date.now();
  let summaries: CaseSummary[] = [];
  let cases: CaseResult[] = [];
  let fanout: FanoutResult | null = null;
  let board: LeaderboardResult | null = null;
  let bank: BankResult | null = null;
  let shippedBank: BankResult | null = null;
  const startups: Array<{ what: string; ms: number }> = [];
  const profiles: string[] = [];
  const experiments: Array<{ name: string; connections: number; rps: number; p50Ms: number; p99Ms: number; rpsRatio: number; p99Ratio: number; confirmations: string }> = [];
  const loadAverages: string[] = [`start ${loadAverage()}`];

  try {
    let bot: Started | null = null;
    if (opts.only.has(8) || opts.only.has(9) || opts.only.has(12)) {
      const postsPerSecond = opts.perMinute / 60;
      bot = await startServer({ mode: 'bot', entry: 'server', slack, prefix, redisUrl, contentDir: path.join(ROOT, 'content'), core: core.server, tmp, label: 'bot', postsPerSecond, statsFile: path.join(tmp, 'bot-stats.json') });
      children.push(bot.child);
      startups.push({ what: 'bench bot (startBot, ts-node), shipped bank', ms: bot.startupMs });
      log(`bot up in ${bot.startupMs.toFixed(0)} ms (port ${bot.port}, pid ${bot.child.pid})`);
    }

    // ------------------------------------------------------------------ item 8
    if (opts.only.has(8) && bot) {
      const bare = await startServer({ mode: 'bare', entry: 'server', slack, prefix, redisUrl, contentDir: path.join(ROOT, 'content'), core: core.server, tmp, label: 'bare' });
      children.push(bare.child);
      log(`bare Bolt up in ${bare.startupMs.toFixed(0)} ms (port ${bare.port})`);
      const channel = 'C0BENCHVOTE';
      const admin = 'U0BENCHADM';
      slack.addUser({ id: admin, name: 'bench-admin', is_admin: true });
      slack.addChannel({ id: channel, name: 'bench-votes', members: [admin] });
      const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SECRET, slack });
      const target = await revealedQuestion(slack, driver, redis, prefix, channel, admin);
      log(`item 8: question ${target.postTs} revealed, answer ${target.answer.ts}; ${opts.rounds} round(s) of ${opts.seconds} s per case`);
      const stream = new VoteStream();
      const botTarget: Target = { name: 'bot', port: bot.port, child: bot.child };
      const bareTarget: Target = { name: 'bare', port: bare.port, child: bare.child };
      const interactionOptions = { slack, redis, prefix, secret: SECRET, target, bot: botTarget, bare: bareTarget, tmp, seconds: opts.seconds, rounds: opts.rounds, connections: opts.connections, loadCore: core.load, redisPid, users: 10_000 };
      const runCase = caseRunner(interactionOptions, stream);
      cases = await runInteractionCases(interactionOptions, runCase);
      summaries = summarize(cases, opts.connections);
      loadAverages.push(`after item 8 ${loadAverage()}`);
      // Every vote recorded: the post's tally counts each user once, whatever they changed to.
      const tally = await redis.hmget(`${prefix}:{${target.team}:${target.channel}}:post:${target.postTs}`, 'tally:0', 'tally:1', 'tally:2', 'tally:3');
      const voters = tally.reduce((a, t) => a + Number(t ?? 0), 0);
      const votes = cases.filter((c) => c.server === 'bot').reduce((a, c) => a + c.requests, 0);
      const confirmations = cases.filter((c) => c.server === 'bot').reduce((a, c) => a + (c.confirmations ?? 0), 0);
      const refused = cases.filter((c) => c.server === 'bot').reduce((a, c) => a + (c.confirmationFailures ?? 0), 0);
      const tallyUpdates = cases.filter((c) => c.server === 'bot').reduce((a, c) => a + (c.tallyUpdates ?? 0), 0);
      const seconds = cases.filter((c) => c.server === 'bot').length * opts.seconds;
      notes.push(
        `item 8: measured bot cases: ${fmtInt(votes)} votes acked, ${fmtInt(confirmations)} ephemeral confirmations accepted by the stand-in (${refused} refused), ` +
          `${tallyUpdates} tally chat.update calls in ${seconds} s (coalesced), the post's tally counts ${fmtInt(voters)} voters, ${fmtInt(stream.voted.size)} distinct users among the votes wrk saw acked (a few more may have been in flight when wrk stopped)`,
      );
      for (const s of summaries) {
        rows.push({ item: '8', measure: `bare Bolt, ${s.connections} conns: req/s · p50 · p99`, value: `${fmtInt(s.bare.rps)} · ${fmt(s.bare.p50Ms, 2)} ms · ${fmt(s.bare.p99Ms, 2)} ms` });
        rows.push({ item: '8', measure: `bot, ${s.connections} conns: req/s · p50 · p99`, value: `${fmtInt(s.bot.rps)} · ${fmt(s.bot.p50Ms, 2)} ms · ${fmt(s.bot.p99Ms, 2)} ms` });
        rows.push({ item: '8', measure: `bot/bare throughput, ${s.connections} conns`, value: fmt(s.rpsRatio, 2), target: '≥ 0.80', met: s.rpsRatio >= 0.8 });
        rows.push({ item: '8', measure: `bot/bare p99 (p50), ${s.connections} conns`, value: `${fmt(s.p99Ratio, 2)} (${fmt(s.p50Ratio, 2)})`, target: '≤ 1.25', met: s.p99Ratio <= 1.25 });
      }
      rows.push({ item: '8', measure: 'votes acked · confirmed · refused (bot, measured)', value: `${fmtInt(votes)} · ${fmtInt(confirmations)} · ${fmtInt(refused)}` });
      rows.push({ item: '8', measure: 'tally chat.update calls (bot, measured)', value: `${tallyUpdates} in ${seconds} s` });

      // What-if variants of the bot (not the figures above): `--experiment respond-http,node:--max-semi-space-size=64`.
      for (const name of opts.experiments) {
        const nodeArgs = name.startsWith('node:') ? [name.slice(5)] : [];
        const s = await startServer({ mode: 'bot', entry: 'server', slack, prefix, redisUrl, contentDir: path.join(ROOT, 'content'), core: core.server, tmp, label: `exp-${name.replace(/\W+/g, '-')}`, nodeArgs, experiment: nodeArgs.length ? undefined : name, postsPerSecond: opts.perMinute / 60 });
        children.push(s.child);
        const t: Target = { name: 'bot', port: s.port, child: s.child };
        log(`experiment ${name}: warm-up`);
        await runCase(t, 16, 0, 3);
        for (const c of opts.connections) {
          const r = await runCase(t, c, 1, opts.seconds);
          const base = summaries.find((x) => x.connections === c)!;
          experiments.push({ name, connections: c, rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, rpsRatio: r.rps / base.bare.rps, p99Ratio: r.p99Ms / base.bare.p99Ms, confirmations: `${fmtInt(r.confirmations)}/${fmtInt(r.requests)}` });
        }
        await s.child.stop();
        children.splice(children.indexOf(s.child), 1);
      }

      if (opts.profile) {
        const stopServer = async (s: Started) => {
          await s.child.stop();
          const i = children.indexOf(s.child);
          if (i >= 0) children.splice(i, 1);
        };
        await stopServer(bare);
        for (const mode of ['bare', 'bot'] as const) {
          const dir = path.join(tmp, `prof-${mode}`);
          const s = await startServer({ mode, entry: 'server', slack, prefix, redisUrl, contentDir: path.join(ROOT, 'content'), core: core.server, tmp, label: `prof-${mode}`, profileDir: dir, postsPerSecond: opts.perMinute / 60 });
          children.push(s.child);
          const poolFile = path.join(tmp, 'pool-prof.bin');
          const size = 80_000;
          writePool({ file: poolFile, size, start: mode === 'bot' ? stream.take(size) : 0, users: 10_000, userPrefix: mode === 'bot' ? 'UV' : 'UB', target, port: s.port, secret: SECRET, slack, mint: mode === 'bot' });
          // Warm up (JIT, connections), then profile the load window only.
          await runWrk({ url: `http://127.0.0.1:${s.port}/slack/events`, poolFile, connections: 64, seconds: 3, loadCore: core.load, serverPid: s.child.pid, redisPid });
          const r = await runWrk({
            url: `http://127.0.0.1:${s.port}/slack/events`,
            poolFile,
            connections: 64,
            seconds: opts.seconds,
            loadCore: core.load,
            serverPid: s.child.pid,
            redisPid,
            onWindow: () => s.child.proc.kill('SIGUSR2'),
          });
          fs.rmSync(poolFile, { force: true });
          const file = path.join(dir, 'profile-0.cpuprofile');
          for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((res) => setTimeout(res, 100));
          await stopServer(s);
          const summary = summarizeProfile(file, {
            'Bolt receiver + App (request → ack)': (f) => /@slack\/bolt\/dist\/(receivers|App\.js)/.test(f.url),
            'listener src/listeners/actions/record-level.ts': (f) => f.url.includes('src/listeners/actions/record-level'),
            'recordLevel src/quiz/record-level.ts': (f) => f.url.includes('src/quiz/record-level'),
            'ioredis (client side)': (f) => f.url.includes('node_modules/ioredis'),
            'bullmq': (f) => f.url.includes('node_modules/bullmq'),
            'fetch / undici (respond → response_url)': (f) => f.url.includes('undici'),
            'periodIds src/quiz/periods.ts (date-fns + @date-fns/tz)': (f) => f.url.includes('src/quiz/periods'),
            'pino (logging)': (f) => f.url.includes('node_modules/pino'),
            'prom-client': (f) => f.url.includes('node_modules/prom-client'),
            'node:_http_server + _http_common (incoming HTTP)': (f) => /node:_http_(server|common|incoming|outgoing)/.test(f.url),
          });
          const text = formatProfile(`CPU profile of the load window, ${mode} at 64 connections (${fmtInt(r.wrk.requests / (r.wrk.duration_us / 1e6))} req/s while profiled)`, summary);
          profiles.push(text);
          log(text);
        }
      } else {
        await bare.child.stop();
        children.splice(children.indexOf(bare.child), 1);
      }
    }

    // ------------------------------------------------------------------ item 9
    if (opts.only.has(9) && bot) {
      const statsFile = path.join(tmp, 'bot-stats.json');
      const before = readStats(statsFile);
      fanout = await runFanout({ slack, redis, redisUrl, prefix, channels: opts.channels, workspacePerMinute: opts.perMinute, perChannelPerSecond: 1, pace: `pacer ${opts.perMinute}/min per workspace, 1/s per channel` });
      await new Promise((r) => setTimeout(r, 600));
      const after = readStats(statsFile);
      loadAverages.push(`after item 9 ${loadAverage()}`);
      const f = fanout;
      log(`item 9: ${f.posted}/${f.channels} posted in ${f.elapsedS.toFixed(1)} s; bounds ${f.windowBoundS} s (window) / ${f.steadyBoundS.toFixed(1)} s (steady); ${f.duplicates} duplicates, ${f.missing} missing, ${f.rateLimited} × 429`);
      rows.push({ item: '9', measure: `limits: ${f.perChannelPerSecond}/s per channel, ${f.workspacePerMinute}/min workspace; the bot`, value: f.pace });
      rows.push({ item: '9', measure: `first ${f.workspacePerMinute} posted after (the minute's burst)`, value: `${fmt(f.burstS, 1)} s` });
      rows.push({ item: '9', measure: `${f.channels} channels due at once: all posted after`, value: `${fmt(f.elapsedS, 1)} s` });
      rows.push({ item: '9', measure: `vs lower bound the limits allow (${f.workspacePerMinute} at once, the rest a minute later: ${f.windowBoundS} s)`, value: `${fmt(f.elapsedS / f.windowBoundS, 2)}×`, target: '≤ 1.2×', met: f.elapsedS / f.windowBoundS <= 1.2 });
      rows.push({ item: '9', measure: `vs a steady ${fmt(f.workspacePerMinute / 60, 0)}/s (${fmt(f.steadyBoundS, 1)} s)`, value: `${fmt(f.elapsedS / f.steadyBoundS, 2)}×` });
      rows.push({ item: '9', measure: 'duplicates · missing · 429s · other failures', value: `${f.duplicates} · ${f.missing} · ${f.rateLimited} · ${f.otherFailures}`, target: '0 · 0', met: f.duplicates === 0 && f.missing === 0 });
      rows.push({ item: '9', measure: "pacer's Redis round trips per post (slot script · block) · jobs moved to delayed per post", value: pacerFigures(after.takes - before.takes, after.others - before.others, after.delayed - before.delayed, f.posted) });
    }
    // ------------------------------------------------------------------ item 12
    if (opts.only.has(12) && bot) {
      const r = await runReviewFanout({ slack, redis, redisUrl, prefix, contentDir: path.join(ROOT, 'content'), people: opts.people, cardsPerPerson: opts.cards, workspacePerMinute: opts.perMinute });
      loadAverages.push(`after item 12 ${loadAverage()}`);
      log(`item 12: ${r.delivered}/${r.people} DMs in ${r.elapsedS.toFixed(1)} s; bounds ${r.windowBoundS} s (window) / ${r.steadyBoundS.toFixed(1)} s (steady); ${r.duplicates} duplicates, ${r.missing} missing, ${r.rateLimited} × 429`);
      rows.push({ item: '12', measure: `${fmtInt(r.people)} people, ${r.cardsPerPerson} due cards each (cap ${r.cardsPerDm}), one workspace at ${r.workspacePerMinute}/min: all DMs sent after`, value: `${fmt(r.elapsedS, 1)} s` });
      rows.push({ item: '12', measure: `vs lower bound the limit allows (${r.workspacePerMinute} at once, the rest a minute later: ${r.windowBoundS} s)`, value: `${fmt(r.elapsedS / r.windowBoundS, 2)}×`, target: '≤ 1.2×', met: r.elapsedS / r.windowBoundS <= 1.2 });
      rows.push({ item: '12', measure: `vs a steady ${r.workspacePerMinute}/min (${fmt(r.steadyBoundS, 1)} s)`, value: `${fmt(r.elapsedS / r.steadyBoundS, 2)}×` });
      rows.push({ item: '12', measure: 'DMs sent · duplicates · missing · 429s · other failures', value: `${fmtInt(r.delivered)} · ${r.duplicates} · ${r.missing} · ${r.rateLimited} · ${r.otherFailures}`, target: '0 duplicates, 0 missing', met: r.duplicates === 0 && r.missing === 0 });
      rows.push({ item: '12', measure: 'Redis memory per card (cards, due, touch) · settings per person · delivery keys per person', value: `${fmtInt(r.bytesPerCard)} B · ${fmtInt(r.bytesPerSettings)} B · ${fmtInt(r.bytesPerDelivery)} B` });
      notes.push(`item 12: the people's own jitter spreads their jobs over ${fmt(r.jitterSpreadS / 60, 1)} min (at most ${r.jitterBoundS / 60}); the run promotes every job at once instead, the worst case for the workspace's limit`);
    }

    for (const c of [...children]) await c.stop();
    children.length = 0;

    // ------------------------------------------------------------------ item 13
    if (opts.only.has(13)) {
      // Distribution mode: no bot token, installs through OAuth, every job with its workspace's own token.
      const itemPrefix = `${prefix}-mw`;
      const statsFile = path.join(tmp, 'bot-workspaces-stats.json');
      const oauth = { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: randomBytes(16).toString('hex'), SLACK_STATE_SECRET: randomBytes(24).toString('hex') };
      const b = await startServer({
        mode: 'bot',
        entry: 'server',
        slack,
        prefix: itemPrefix,
        redisUrl,
        contentDir: path.join(ROOT, 'content'),
        core: core.server,
        tmp,
        label: 'bot-workspaces',
        postsPerSecond: opts.perMinute / 60,
        statsFile,
        env: { SLACK_BOT_TOKEN: '', ...oauth, SLACK_TOKEN_KEY: `bench:${randomBytes(32).toString('base64')}` },
      });
      children.push(b.child);
      const botUrl = `http://127.0.0.1:${b.port}`;
      slack.configureOAuth({ clientId: oauth.SLACK_CLIENT_ID, clientSecret: oauth.SLACK_CLIENT_SECRET, redirectUri: `${botUrl}/slack/oauth_redirect` });
      const w = await runWorkspaces({ slack, redis, redisUrl, prefix: itemPrefix, botUrl, workspaces: opts.workspaces, channelsPerWorkspace: 3, perMinute: opts.perMinute, retryAfterS: 30, statsFile });
      await b.child.stop();
      children.splice(children.indexOf(b.child), 1);
      loadAverages.push(`after item 13 ${loadAverage()}`);
      rows.push(...workspaceRows(w, opts.perMinute));
      notes.push(
        `item 13: stand-in calls during the fan-out: ${Object.entries(w.callsByMethod)
          .map(([m, n]) => `${m} ${fmtInt(n)}`)
          .join(', ')}; ${fmtInt(w.workspaces)} installs took ${fmt(w.installSeconds, 1)} s (8 at a time)`,
        `item 13: channel keys per workspace after the posts, by kind: ${Object.entries(w.memory.afterPosts.channelKinds)
          .sort((a, b) => b[1] - a[1])
          .map(([kind, bytes]) => `${kind} ${fmtInt(bytes)} B`)
          .join(', ')}; other team keys ${fmtInt(w.memory.afterPosts.otherTeam)} B`,
      );
    }

    // ------------------------------------------------------------------ item 10
    if (opts.only.has(10)) {
      log(`item 10: loading ${fmtInt(opts.users)} users into one channel's boards`);
      board = await runLeaderboard({ redis, prefix, team: slack.team.id, users: opts.users, reads: 2000, inFlight: 256 });
      loadAverages.push(`after item 10 ${loadAverage()}`);
      const b = board;
      for (const r of b.reads) {
        rows.push({ item: '10', measure: `top 10 + caller's rank, ${r.period === 'all' ? 'all time' : 'this week'} (${fmtInt(b.users)} users, ${fmtInt(r.reads)} reads): p50 · p99`, value: `${fmt(r.p50Ms, 3)} ms · ${fmt(r.p99Ms, 3)} ms` });
      }
      rows.push({ item: '10', measure: 'Redis memory per recorded answer: first answer (board rows) · later answer', value: `${fmtInt(b.passes[0].bytesPerAnswer)} B · ${fmtInt(b.passes[1].bytesPerAnswer)} B` });
      rows.push({ item: '10', measure: `channel keys after ${fmtInt(b.users * 2)} answers (MEMORY USAGE)`, value: mib(b.totalBytes) });
      rows.push({ item: '10', measure: 'votes recorded through the script, pipelined', value: `${fmtInt(median(b.passes.map((p) => p.perSecond)))}/s` });
      notes.push(`item 10 keys: ${b.keys.map((k) => `${k.key} (${k.type}, ${fmtInt(k.entries)} entries, ${mib(k.bytes)})`).join('; ')}`);
      notes.push(`item 10 INFO used_memory growth per answer (whole server, shared): ${b.passes.map((p) => `${fmtInt(p.usedMemoryPerAnswer)} B`).join(' · ')}`);
    }

    // ------------------------------------------------------------------ item 11
    if (opts.only.has(11)) {
      const dir = path.join(tmp, 'bank');
      const files = generatePacks(dir, opts.questions);
      log(`item 11: ${opts.questions} questions generated in ${files} packs; parsing in a fresh process`);
      bank = measureBank(dir);
      shippedBank = measureBank(path.join(ROOT, 'content'));
      if (bank.errors) throw new Error(`the generated bank has ${bank.errors} errors`);
      rows.push({ item: '11', measure: `parse + index ${fmtInt(bank.questions)} questions (${bank.packs} packs)`, value: `${fmtInt(bank.parseMs + bank.indexMs)} ms (parse ${fmtInt(bank.parseMs)}, index ${fmtInt(bank.indexMs)})` });
      rows.push({ item: '11', measure: 'memory held by the parsed bank + index (heap · RSS growth)', value: `${mib(bank.heapBytes)} · ${mib(bank.rssBytes)}` });
      rows.push({ item: '11', measure: `filter select (level + topic) over ${fmtInt(bank.questions)} questions`, value: `${fmt(bank.selectMs, 2)} ms` });
      rows.push({ item: '11', measure: `shipped bank (${shippedBank.questions} questions): parse + index · heap`, value: `${fmtInt(shippedBank.parseMs + shippedBank.indexMs)} ms · ${mib(shippedBank.heapBytes)}` });
      // Start-up: the real entry point (src/index.ts), spawn → GET /healthz 200, on the server core.
      for (const [what, contentDir] of [
        ['shipped bank', path.join(ROOT, 'content')],
        [`${fmtInt(bank.questions)}-question bank`, dir],
      ] as const) {
        const s = await startServer({ mode: 'bot', entry: 'index', slack, prefix, redisUrl, contentDir, core: core.server, tmp, label: `startup-${what.replace(/\W+/g, '-')}`.toLowerCase() });
        children.push(s.child);
        startups.push({ what: `src/index.ts via ts-node, ${what}`, ms: s.startupMs });
        await s.child.stop();
        children.splice(children.indexOf(s.child), 1);
      }
      const compiled = compile(tmp);
      if (compiled) {
        for (const [what, contentDir] of [
          ['shipped bank', path.join(ROOT, 'content')],
          [`${fmtInt(bank.questions)}-question bank`, dir],
        ] as const) {
          const s = await startServer({ mode: 'bot', entry: compiled, slack, prefix, redisUrl, contentDir, core: core.server, tmp, label: `startup-js-${what.replace(/\W+/g, '-')}`.toLowerCase() });
          children.push(s.child);
          startups.push({ what: `compiled dist/index.js (npm start), ${what}`, ms: s.startupMs });
          await s.child.stop();
          children.splice(children.indexOf(s.child), 1);
        }
      } else {
        notes.push('item 11: the TypeScript build failed, so only ts-node start-up times are shown');
      }
      for (const s of startups) rows.push({ item: '11', measure: `start-up, spawn → /healthz 200: ${s.what}`, value: `${fmtInt(s.ms)} ms` });
      loadAverages.push(`after item 11 ${loadAverage()}`);
    }
  } finally {
    for (const c of children) await c.stop().catch(() => null);
    const deleted = await deleteByPattern(redis, `${prefix}*`).catch(() => -1);
    log(`deleted ${deleted} keys under ${prefix}`);
    await redis.quit().catch(() => undefined);
    await slack.stop();
  }

  const elapsed = (Date.now() - started) / 1000;
  const header = ['item', 'measure', 'value', 'target', 'met'];
  const cells = rows.map((r) => [r.item, r.measure, r.value, r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const machineLine = `${m.nproc} cores (${m.cpu}), ${m.memory}, ${m.os}, Node ${m.node}, Redis ${redisVersion}; load generator: wrk -t1 pinned to core ${core.load ?? 'any'}, servers pinned to core ${core.server ?? 'any'}`;
  process.stdout.write(`\n${machineLine}\nrun took ${elapsed.toFixed(0)} s; load average ${loadAverages.join(', ')}\n\n${textTable(header, cells)}\n`);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
  if (cases.length) {
    process.stdout.write(`\nitem 8, every case:\n${caseTable(cases, textTable)}\n`);
  }
  const experimentTable = (render: (h: string[], r: string[][]) => string) =>
    render(
      ['what if (not the bot as shipped)', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'vs bare req/s', 'vs bare p99', 'confirmed'],
      experiments.map((e) => [e.name, String(e.connections), fmtInt(e.rps), fmt(e.p50Ms, 2), fmt(e.p99Ms, 2), fmt(e.rpsRatio, 2), fmt(e.p99Ratio, 2), e.confirmations]),
    );
  if (experiments.length) process.stdout.write(`\nitem 8, what-if variants of the bot (one round each, against the bare medians above):\n${experimentTable(textTable)}\n`);
  if (profiles.length) process.stdout.write(`\n${profiles.join('\n\n')}\n`);
  if (opts.md) {
    const md = [
      `Machine: ${machineLine}. Run took ${elapsed.toFixed(0)} s; load average ${loadAverages.join(', ')}.`,
      '',
      markdownTable(header, cells),
      '',
      ...notes.map((n) => `- ${n}`),
      '',
      cases.length ? `Item 8, every case:\n\n${caseTable(cases, markdownTable)}` : '',
      '',
      experiments.length ? `Item 8, what-if variants of the bot (one round each, against the bare medians):\n\n${experimentTable(markdownTable)}` : '',
      '',
      profiles.length ? `Profiles:\n\n\`\`\`\n${profiles.join('\n\n')}\n\`\`\`` : '',
    ].join('\n');
    fs.writeFileSync(opts.md, md);
    log(`Markdown written to ${opts.md}`);
  }
}

function caseTable(cases: CaseResult[], render: (h: string[], r: string[][]) => string): string {
  const pct = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)}%`);
  return render(
    ['round', 'server', 'conns', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'core 0', 'core 1', 'server proc', 'stand-in', 'redis', 'wrk', 'confirmed'],
    cases.map((c) => [
      String(c.round),
      c.server,
      String(c.connections),
      fmtInt(c.rps),
      fmt(c.p50Ms, 2),
      fmt(c.p90Ms, 2),
      fmt(c.p99Ms, 2),
      String(c.errors),
      pct(c.core0Pct),
      pct(c.core1Pct),
      pct(c.serverCpuPct),
      pct(c.slackCpuPct),
      pct(c.redisCpuPct),
      pct(c.wrkCpuPct),
      c.confirmations === undefined ? '' : `${fmtInt(c.confirmations)}/${fmtInt(c.requests)}`,
    ]),
  );
}

/** Builds the bot as `npm run build` does, into a temporary folder; returns its entry point, or null. */
function compile(tmp: string): string | null {
  const outDir = path.join(tmp, 'dist');
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (res.status !== 0) {
    log(`tsc failed: ${(res.stdout || res.stderr).slice(0, 500)}`);
    return null;
  }
  return path.join(outDir, 'index.js');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  },
);
