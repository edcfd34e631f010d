/**
 * Item 8: interaction throughput and ack latency. Pre-signed level-vote `block_actions` requests, replayed by wrk
 * (pinned to the load core) against the real bot and a bare Bolt app (both pinned to the server core).
 *
 * Every request of a bot pool is a distinct, real vote: request i of the run-wide stream is user (i mod U) voting
 * level floor(i / U) mod 4, so each one records a first answer or changes the previous one, and carries its own
 * response_url minted by the stand-in (one per request, well inside the 5-use limit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';
import { findActionElement, signRequest, nowSeconds, type LocalSlack, type SlackDriver, type StoredMessage } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';
import { cpuSeconds, log, median, pinned, sleep, type Child } from './lib';

export const LUA_SCRIPT = path.join(__dirname, 'wrk-pool.lua');

export interface Target {
  name: 'bot' | 'bare';
  port: number;
  child: Child;
}

export interface WrkResult {
  requests: number;
  duration_us: number;
  connect_errors: number;
  read_errors: number;
  write_errors: number;
  status_errors: number;
  timeouts: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
  mean_us: number;
}

export interface CaseResult {
  server: 'bot' | 'bare';
  connections: number;
  round: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  poolSize: number;
  /** Busy share of each core during the run (0–100 per core). */
  core0Pct: number | null;
  core1Pct: number | null;
  serverCpuPct: number | null;
  slackCpuPct: number;
  redisCpuPct: number | null;
  wrkCpuPct: number | null;
  /** Bot only: response_url posts the stand-in accepted / refused during the case. */
  confirmations?: number;
  confirmationFailures?: number;
  tallyUpdates?: number;
}

export interface VoteTarget {
  team: string;
  channel: string;
  postTs: string;
  answer: StoredMessage;
}

/** Posts a question with the real command, reveals it with the real button, and returns the answer message. */
export async function revealedQuestion(slack: LocalSlack, driver: SlackDriver, redis: Redis, prefix: string, channel: string, user: string): Promise<VoteTarget> {
  const team = slack.team.id;
  const keys = new Keys(prefix).channel(team, channel);
  const before = slack.messages(channel).length;
  const res = await driver.command({ text: 'intermediate', userId: user, channelId: channel });
  if (res.status !== 200) throw new Error(`/devops-quiz answered ${res.status}`);
  const question = await until(() => slack.messages(channel)[before], 10_000, 'question posted');
  await until(() => redis.exists(keys.post(question.ts)), 10_000, 'post recorded');
  await driver.clickButton({ userId: user, channelId: channel, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await until(() => slack.thread(channel, question.ts).find((m) => m.ts !== question.ts), 10_000, 'answer posted');
  await until(async () => (await redis.hget(keys.post(question.ts), 'answerTs')) === answer.ts, 10_000, 'answer recorded');
  // The question is then marked revealed (chat.update): let that finish before any load starts.
  await until(() => slack.callsTo('chat.update').some((c) => c.args.ts === question.ts && c.outcome !== 'pending'), 10_000, 'question marked revealed');
  return { team, channel, postTs: question.ts, answer };
}

async function until<T>(fn: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Builds and writes a pool of complete, signed HTTP requests (NUL separated) for wrk. `mint` gives each request a
 * response_url the stand-in will accept; without it (bare Bolt never calls it) a dummy URL of the same shape is used.
 */
export function writePool(opts: {
  file: string;
  size: number;
  start: number;
  users: number;
  userPrefix: string;
  target: VoteTarget;
  port: number;
  secret: string;
  slack: LocalSlack;
  mint: boolean;
}): void {
  const { target, slack } = opts;
  const message = JSON.parse(JSON.stringify(target.answer)) as StoredMessage;
  const buttons = [0, 1, 2, 3].map((level) => {
    const found = findActionElement(message.blocks, `record_level_${level}`);
    if (!found) throw new Error(`the answer message has no record_level_${level} button`);
    return found;
  });
  const ts = nowSeconds();
  const parts: string[] = [];
  for (let n = 0; n < opts.size; n++) {
    const i = opts.start + n;
    const level = Math.floor(i / opts.users) % 4;
    const userId = `${opts.userPrefix}${String(i % opts.users).padStart(7, '0')}`;
    const button = buttons[level];
    const responseUrl = opts.mint
      ? slack.responseUrl({ userId, channelId: target.channel, messageTs: message.ts, isEphemeral: false, threadTs: message.thread_ts })
      : `${slack.baseUrl}/response/${slack.team.id}/R-unused/${String(i).padStart(24, '0')}`;
    const payload = {
      type: 'block_actions',
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: target.team },
      api_app_id: slack.appId,
      token: 'verification-token-unused',
      container: { type: 'message', message_ts: message.ts, channel_id: target.channel, is_ephemeral: false, thread_ts: message.thread_ts },
      trigger_id: `${ts}.${i}.${'0'.repeat(16)}`,
      team: { id: target.team, domain: slack.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: target.channel, name: 'bench' },
      message,
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        {
          action_id: `record_level_${level}`,
          block_id: button.blockId,
          text: button.element.text,
          value: button.element.value,
          type: 'button',
          action_ts: `${ts}.${String(i % 1_000_000).padStart(6, '0')}`,
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const sig = signRequest(opts.secret, body, ts);
    parts.push(
      `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:${opts.port}\r\nUser-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\n` +
        `Accept: application/json,*/*\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `X-Slack-Signature: ${sig['x-slack-signature']}\r\nX-Slack-Request-Timestamp: ${sig['x-slack-request-timestamp']}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}\0`,
    );
  }
  fs.writeFileSync(opts.file, parts.join(''));
}

function coreTimes(): Array<{ busy: number; total: number }> {
  const lines = fs.readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d+ /.test(l));
  return lines.map((l) => {
    const v = l.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = v[3] + v[4];
    return { busy: total - idle, total };
  });
}

/** Runs wrk once; resolves with its summary plus CPU use of the cores and processes involved. */
export async function runWrk(opts: {
  url: string;
  poolFile: string;
  connections: number;
  seconds: number;
  loadCore: string | null;
  serverPid: number;
  redisPid: number | null;
  /** Called at the start ('start') and end ('end') of the measured window (e.g. to toggle a profiler). */
  onWindow?: (phase: 'start' | 'end') => unknown;
}): Promise<{ wrk: WrkResult; core0Pct: number | null; core1Pct: number | null; serverCpuPct: number | null; slackCpuPct: number; redisCpuPct: number | null; wrkCpuPct: number | null }> {
  const [cmd, args] = pinned(opts.loadCore, 'wrk', ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--timeout', '5s', '-s', LUA_SCRIPT, opts.url, '--', opts.poolFile]);
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // The pool loads before wrk's clock starts: measure CPU from a moment after, for `seconds - 1`.
  await sleep(Math.min(1500, opts.seconds * 200));
  opts.onWindow?.('start');
  const c0 = coreTimes();
  const s0 = cpuSeconds(opts.serverPid);
  const r0 = cpuSeconds(opts.redisPid ?? undefined);
  const w0 = cpuSeconds(proc.pid);
  const me0 = process.cpuUsage();
  const t0 = performance.now();
  const window = Math.max(1000, opts.seconds * 1000 - 2500);
  await sleep(window);
  const wall = (performance.now() - t0) / 1000;
  const c1 = coreTimes();
  const s1 = cpuSeconds(opts.serverPid);
  const r1 = cpuSeconds(opts.redisPid ?? undefined);
  const w1 = cpuSeconds(proc.pid);
  const me = process.cpuUsage(me0);
  opts.onWindow?.('end');
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${err || out}`);
  const pct = (i: number) => (c0[i] && c1[i] ? (100 * (c1[i].busy - c0[i].busy)) / Math.max(1, c1[i].total - c0[i].total) : null);
  return {
    wrk: JSON.parse(line) as WrkResult,
    core0Pct: pct(0),
    core1Pct: pct(1),
    serverCpuPct: s0 !== null && s1 !== null ? (100 * (s1 - s0)) / wall : null,
    slackCpuPct: (100 * (me.user + me.system)) / 1e6 / wall,
    redisCpuPct: r0 !== null && r1 !== null ? (100 * (r1 - r0)) / wall : null,
    wrkCpuPct: w0 !== null && w1 !== null ? (100 * (w1 - w0)) / wall : null,
  };
}

export interface InteractionOptions {
  slack: LocalSlack;
  redis: Redis;
  prefix: string;
  secret: string;
  target: VoteTarget;
  bot: Target;
  bare: Target;
  tmp: string;
  seconds: number;
  rounds: number;
  connections: number[];
  loadCore: string | null;
  redisPid: number | null;
  users: number;
}

/** The run-wide vote stream: each call hands out the next slice. */
export class VoteStream {
  next = 0;
  /** Users (indices) whose vote wrk saw answered. */
  readonly voted = new Set<number>();
  take(n: number): number {
    const start = this.next;
    this.next += n;
    return start;
  }
}

export type CaseRunner = (t: Target, connections: number, round: number, seconds: number) => Promise<CaseResult>;

/** One measured case: a fresh pool of distinct signed votes, wrk for `seconds`, then the confirmations counted. */
export function caseRunner(o: InteractionOptions, stream: VoteStream): CaseRunner {
  const poolFile = path.join(o.tmp, 'pool.bin');
  let botRate = 3000;
  let bareRate = 6000;

  const runCase = async (t: Target, connections: number, round: number, seconds: number): Promise<CaseResult> => {
    const isBot = t.name === 'bot';
    const rate = isBot ? botRate : bareRate;
    // Enough distinct requests that none repeats within the run (30% margin over the last measured rate).
    const size = Math.min(200_000, Math.ceil(rate * (seconds + 1) * 1.3) + 2000);
    const start = isBot ? stream.take(size) : 0;
    writePool({
      file: poolFile,
      size,
      start,
      users: o.users,
      userPrefix: isBot ? 'UV' : 'UB',
      target: o.target,
      port: t.port,
      secret: o.secret,
      slack: o.slack,
      mint: isBot,
    });
    const responsesBefore = o.slack.responses.length;
    const callsBefore = o.slack.calls.length;
    const res = await runWrk({
      url: `http://127.0.0.1:${t.port}/slack/events`,
      poolFile,
      connections,
      seconds,
      loadCore: o.loadCore,
      serverPid: t.child.pid,
      redisPid: o.redisPid,
    });
    const w = res.wrk;
    const rps = w.requests / (w.duration_us / 1e6);
    if (isBot) {
      botRate = rps;
      for (let n = 0; n < Math.min(w.requests, size); n++) stream.voted.add((start + n) % o.users);
    } else {
      bareRate = rps;
    }
    if (w.requests > size) log(`  note: ${t.name} sent ${w.requests} requests from a pool of ${size} (some repeated)`);
    const result: CaseResult = {
      server: t.name,
      connections,
      round,
      rps,
      p50Ms: w.p50_us / 1000,
      p90Ms: w.p90_us / 1000,
      p99Ms: w.p99_us / 1000,
      requests: w.requests,
      errors: w.connect_errors + w.read_errors + w.write_errors + w.status_errors + w.timeouts,
      poolSize: size,
      core0Pct: res.core0Pct,
      core1Pct: res.core1Pct,
      serverCpuPct: res.serverCpuPct,
      slackCpuPct: res.slackCpuPct,
      redisCpuPct: res.redisCpuPct,
      wrkCpuPct: res.wrkCpuPct,
    };
    if (isBot) {
      // The confirmations trail the acks: wait until the stand-in has heard them all (or nothing moves for 1 s).
      let last = -1;
      let still = 0;
      for (let waited = 0; waited < 15_000 && still < 1000; waited += 100) {
        const n = o.slack.responses.length;
        if (n === last) still += 100;
        else still = 0;
        last = n;
        if (n - responsesBefore >= w.requests && still >= 300) break;
        await sleep(100);
      }
      const responses = o.slack.responses.slice(responsesBefore);
      result.confirmations = responses.filter((r) => r.status === 200).length;
      result.confirmationFailures = responses.length - result.confirmations;
      result.tallyUpdates = o.slack.calls.slice(callsBefore).filter((c) => c.method === 'chat.update' && c.args.ts === o.target.answer.ts).length;
    }
    fs.rmSync(poolFile, { force: true });
    log(
      `  ${t.name.padEnd(4)} c=${String(connections).padStart(2)} round ${round}: ${rps.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
        `errors ${result.errors}, core0 ${res.core0Pct?.toFixed(0)}% core1 ${res.core1Pct?.toFixed(0)}%, server ${res.serverCpuPct?.toFixed(0)}%, slack ${res.slackCpuPct.toFixed(0)}%, redis ${res.redisCpuPct?.toFixed(0)}%, wrk ${res.wrkCpuPct?.toFixed(0)}%` +
        (isBot ? `, confirmations ${result.confirmations} ok / ${result.confirmationFailures} refused, tally updates ${result.tallyUpdates}` : ''),
    );
    return result;
  };
  return runCase;
}

export async function runInteractionCases(o: InteractionOptions, runCase: CaseRunner): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  log('item 8: warm-up (3 s each, not counted)');
  await runCase(o.bare, 16, 0, 3);
  await runCase(o.bot, 16, 0, 3);
  for (let round = 1; round <= o.rounds; round++) {
    for (const c of o.connections) {
      results.push(await runCase(o.bare, c, round, o.seconds));
      results.push(await runCase(o.bot, c, round, o.seconds));
    }
  }
  return results;
}

export interface CaseSummary {
  connections: number;
  bare: { rps: number; p50Ms: number; p99Ms: number };
  bot: { rps: number; p50Ms: number; p99Ms: number };
  rpsRatio: number;
  p50Ratio: number;
  p99Ratio: number;
}

/** Medians over the rounds, per server and connection count. */
export function summarize(results: CaseResult[], connections: number[]): CaseSummary[] {
  return connections.map((c) => {
    const pick = (server: 'bot' | 'bare') => {
      const rs = results.filter((r) => r.server === server && r.connections === c);
      return { rps: median(rs.map((r) => r.rps)), p50Ms: median(rs.map((r) => r.p50Ms)), p99Ms: median(rs.map((r) => r.p99Ms)) };
    };
    const bare = pick('bare');
    const bot = pick('bot');
    return { connections: c, bare, bot, rpsRatio: bot.rps / bare.rps, p50Ratio: bot.p50Ms / bare.p50Ms, p99Ratio: bot.p99Ms / bare.p99Ms };
  });
}
