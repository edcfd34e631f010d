/**
 * Item 13: many workspaces. The bot runs in distribution mode; N workspaces are installed through the real OAuth
 * redirect (install page → the stand-in's authorize page → the bot's redirect URL, state cookie and all), each gets
 * C channels with a question-of-the-day schedule for the same minute (saved and upserted as the command does), and
 * every scheduler's delayed job is promoted at once. The stand-in counts Slack's limits per workspace (1 post/s per
 * channel, a sliding minute per team) and one workspace answers 429 (Retry-After 30) to every post.
 *
 * Counting: the well-behaved workspaces' posts must all appear, once each. The 429 workspace cannot post while it is
 * refused, so its posts are not expected then (none may appear, and its 429s are counted); once the others are done
 * and its posts have come back after a Retry-After and been refused again, its 429s are lifted, and its posts must
 * then appear once each: only then do they count as missing or duplicated.
 */
import fs from 'node:fs';
import { Redis } from 'ioredis';
import type { LocalSlack, RecordedCall } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';
import { ScheduleStore } from '../../src/store/schedules';
import type { ScheduleSettings } from '../../src/model/schedules';
import { createQueues } from '../../src/jobs/queues';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { fmt, fmtInt, log, percentile, sleep, type PacerStats, type Row } from './lib';

export interface WorkspacesResult {
  workspaces: number;
  channelsPerWorkspace: number;
  installSeconds: number;
  /** From the first promotion to the last accepted post of the well-behaved workspaces. */
  elapsedS: number;
  postsPerSecond: number;
  lateness: { p50S: number; p99S: number; maxS: number };
  wellBehaved: { expected: number; posted: number; duplicates: number; missing: number };
  limited: { team: string; retryAfterS: number; refused: number; postedWhileRefused: number; postedAfter: number; duplicates: number; missing: number; afterLiftS: number };
  /** 429s the well-behaved workspaces got from the per-team limits. */
  otherRateLimited: number;
  otherFailures: number;
  /** Calls to the stand-in per method during the fan-out. */
  callsByMethod: Record<string, number>;
  memory: { beforePosts: MemoryBreakdown; afterPosts: MemoryBreakdown };
  pacer: PacerStats & { posts: number };
}

/** Bytes (MEMORY USAGE) per workspace, by what holds them. */
export interface MemoryBreakdown {
  installation: number;
  channels: number;
  pacer: number;
  otherTeam: number;
  jobs: number;
  total: number;
  /** The channel keys by kind (`post`, `qotd`, `posted`, `schedule`, …). */
  channelKinds: Record<string, number>;
}

function pad(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

export async function runWorkspaces(o: {
  slack: LocalSlack;
  redis: Redis;
  redisUrl: string;
  /** The bot's REDIS_KEY_PREFIX (its own, for this item only). */
  prefix: string;
  botUrl: string;
  workspaces: number;
  channelsPerWorkspace: number;
  perMinute: number;
  retryAfterS: number;
  statsFile: string;
}): Promise<WorkspacesResult> {
  const { slack } = o;
  const keys = new Keys(o.prefix);
  const teams = Array.from({ length: o.workspaces }, (_, i) => `TMW${pad(i)}`);
  const limitedTeam = teams[Math.floor(teams.length / 2)];
  const channelsOf = (team: string) => Array.from({ length: o.channelsPerWorkspace }, (_, j) => `C${team.slice(1)}${j}`);
  for (const team of teams) {
    slack.addTeam({ id: team, name: `Bench ${team}` });
    for (const channel of channelsOf(team)) slack.addChannel({ id: channel, name: channel.toLowerCase(), team });
  }

  log(`item 13: installing ${o.workspaces} workspaces through the OAuth redirect`);
  const t0Install = Date.now();
  await inBatches(teams, 8, (team) => install(o.botUrl, slack.authorizeUrl, team));
  const installSeconds = (Date.now() - t0Install) / 1000;

  const schedules = new ScheduleStore(o.redis, keys);
  const queueConnection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const queues = createQueues(queueConnection, keys.queuePrefix);
  const jobs = new BullQuizJobs(queues);
  try {
    const past = new Date(Date.now() - 5 * 60_000);
    const settings: ScheduleSettings = {
      time: `${String(past.getUTCHours()).padStart(2, '0')}:${String(past.getUTCMinutes()).padStart(2, '0')}`,
      tz: 'UTC',
      days: [0, 1, 2, 3, 4, 5, 6],
      level: null,
      topics: [],
      revealAfterMinutes: null,
      setBy: 'UBENCHADMIN',
      updatedAt: Date.now(),
      pausedReason: null,
    };
    const pairs = teams.flatMap((team) => channelsOf(team).map((channel) => ({ team, channel })));
    log(`item 13: saving ${pairs.length} schedules (${settings.time} UTC daily) and upserting their job schedulers`);
    await inBatches(pairs, 50, async ({ team, channel }) => {
      await schedules.save(team, channel, settings);
      await jobs.upsertSchedule(team, channel, settings);
    });
    const due = (await queues.qotd.getDelayed(0, pairs.length * 2)).filter((j) => j.id?.startsWith('repeat:'));
    if (due.length !== pairs.length) throw new Error(`expected ${pairs.length} scheduler jobs, found ${due.length}`);
    const beforePosts = await measureMemory(o.redis, o.prefix, keys, o.workspaces);

    slack.setRateLimit({ perChannelPerSecond: 1, workspacePerMinute: o.perMinute });
    slack.rateLimitTeam(limitedTeam, o.retryAfterS);
    const statsBefore = readStats(o.statsFile);
    const callsBefore = slack.calls.length;
    log(`item 13: promoting ${due.length} scheduler jobs at once; ${limitedTeam} answers 429 (Retry-After ${o.retryAfterS}) to every post`);
    const t0 = Date.now();
    for (let i = 0; i < due.length; i += 100) await Promise.all(due.slice(i, i + 100).map((j) => j.promote()));

    const isQotd = (c: RecordedCall) => c.method === 'chat.postMessage' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted';
    const since = () => slack.calls.slice(callsBefore);
    const okPosts = () => since().filter((c) => isQotd(c) && c.outcome === 'ok');
    const good = pairs.filter((p) => p.team !== limitedTeam);
    const deadline = t0 + 10 * 60_000;
    let lastReport = Date.now();
    for (;;) {
      const n = new Set(okPosts().filter((c) => c.team !== limitedTeam).map((c) => String(c.args.channel))).size;
      if (n >= good.length || Date.now() > deadline) break;
      if (Date.now() - lastReport > 10_000) {
        log(`item 13: ${n}/${good.length} channels of the well-behaved workspaces posted after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        lastReport = Date.now();
      }
      await sleep(100);
    }
    const firstGood = new Map<string, number>();
    for (const c of okPosts()) if (c.team !== limitedTeam && !firstGood.has(String(c.args.channel))) firstGood.set(String(c.args.channel), c.at);
    const lateness = [...firstGood.values()].map((at) => (at - t0) / 1000);
    const elapsedS = Math.max(...lateness);
    // Time for a late second post (a duplicate) to show up; the 429 workspace is refused until its posts have come
    // back after a Retry-After and been refused again.
    await sleep(3000);
    const limitedCalls = () => since().filter((c) => isQotd(c) && c.team === limitedTeam);
    const limitedChannels = channelsOf(limitedTeam);
    while (limitedCalls().filter((c) => c.outcome === 'http:429').length < 2 * limitedChannels.length && Date.now() < t0 + (3 * o.retryAfterS + 10) * 1000) await sleep(100);
    const refused = limitedCalls().filter((c) => c.outcome === 'http:429').length;
    const postedWhileRefused = limitedCalls().filter((c) => c.outcome === 'ok').length;

    slack.rateLimitTeam(limitedTeam, undefined);
    const lifted = Date.now();
    log(`item 13: ${firstGood.size}/${good.length} posted in ${elapsedS.toFixed(1)} s; ${limitedTeam} refused ${refused} posts; its 429s lifted`);
    const limitedDone = () => new Set(limitedCalls().filter((c) => c.outcome === 'ok').map((c) => String(c.args.channel))).size >= limitedChannels.length;
    while (!limitedDone() && Date.now() < lifted + (o.retryAfterS + 30) * 1000) await sleep(100);
    const afterLiftS = (Math.max(lifted, ...limitedCalls().filter((c) => c.outcome === 'ok').map((c) => c.at)) - lifted) / 1000;
    await sleep(3000);

    const perChannel = new Map<string, number>();
    for (const c of okPosts()) perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
    const dupes = (list: Array<{ channel: string }>) => list.reduce((a, p) => a + Math.max(0, (perChannel.get(p.channel) ?? 0) - 1), 0);
    const limitedPairs = limitedChannels.map((channel) => ({ channel }));
    const posts = since().filter((c) => c.method === 'chat.postMessage');
    const callsByMethod: Record<string, number> = {};
    for (const c of since()) callsByMethod[c.method] = (callsByMethod[c.method] ?? 0) + 1;
    await sleep(600);
    const statsAfter = readStats(o.statsFile);
    slack.setRateLimit(undefined);
    const afterPosts = await measureMemory(o.redis, o.prefix, keys, o.workspaces);
    return {
      workspaces: o.workspaces,
      channelsPerWorkspace: o.channelsPerWorkspace,
      installSeconds,
      elapsedS,
      postsPerSecond: good.length / elapsedS,
      lateness: { p50S: percentile(lateness, 50), p99S: percentile(lateness, 99), maxS: elapsedS },
      wellBehaved: { expected: good.length, posted: good.filter((p) => perChannel.has(p.channel)).length, duplicates: dupes(good), missing: good.filter((p) => !perChannel.has(p.channel)).length },
      limited: {
        team: limitedTeam,
        retryAfterS: o.retryAfterS,
        refused,
        postedWhileRefused,
        postedAfter: limitedChannels.filter((ch) => perChannel.has(ch)).length,
        duplicates: dupes(limitedPairs),
        missing: limitedChannels.filter((ch) => !perChannel.has(ch)).length,
        afterLiftS,
      },
      otherRateLimited: posts.filter((c) => c.team !== limitedTeam && c.outcome === 'http:429').length,
      otherFailures: posts.filter((c) => c.outcome !== 'ok' && c.outcome !== 'http:429').length,
      callsByMethod,
      memory: { beforePosts, afterPosts },
      pacer: {
        takes: statsAfter.takes - statsBefore.takes,
        others: statsAfter.others - statsBefore.others,
        delayed: statsAfter.delayed - statsBefore.delayed,
        // Over the bot's whole run, installs included.
        ownScripts: statsAfter.ownScripts,
        crossSlot: statsAfter.crossSlot,
        posts: okPosts().length,
      },
    };
  } finally {
    for (const id of (await queues.qotd.getJobSchedulers(0, -1)).map((s) => s.key)) await queues.qotd.removeJobScheduler(id).catch(() => undefined);
    await queues.close();
    await queueConnection.quit();
  }
}

export function readStats(file: string): PacerStats {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PacerStats;
  } catch {
    return { takes: 0, others: 0, delayed: 0, ownScripts: 0, crossSlot: 0 };
  }
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** One install as a browser does it: the install page, Slack's authorize page (allowed for `team`), the redirect back. */
async function install(botUrl: string, authorizeUrl: string, team: string): Promise<void> {
  const page = await fetch(`${botUrl}/slack/install`, { redirect: 'manual' });
  const html = await page.text();
  const href = /<a href="([^"]+)"/.exec(html)?.[1];
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  if (!href || !cookie) throw new Error(`install page without a link or cookie (${page.status})`);
  const authorize = new URL(href.replace(/&amp;/g, '&'));
  if (!authorize.href.startsWith(authorizeUrl)) throw new Error(`install link goes to ${authorize.origin}${authorize.pathname}`);
  authorize.searchParams.set('team', team);
  const allowed = await fetch(authorize, { redirect: 'manual' });
  await allowed.arrayBuffer();
  const back = allowed.headers.get('location');
  if (allowed.status !== 302 || !back) throw new Error(`authorize answered ${allowed.status}`);
  const done = await fetch(back, { redirect: 'manual', headers: { cookie } });
  const text = await done.text();
  if (done.status !== 200) throw new Error(`install of ${team} ended with ${done.status}: ${text.slice(0, 200)}`);
}

/** MEMORY USAGE of every key of the item's prefix (ours and BullMQ's), per workspace, by kind. */
async function measureMemory(redis: Redis, prefix: string, keys: Keys, workspaces: number): Promise<MemoryBreakdown> {
  const sums = { installation: 0, channels: 0, pacer: 0, otherTeam: 0, jobs: 0 };
  const kinds: Record<string, number> = {};
  const jobsPrefix = `${keys.queuePrefix}:`;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const pipe = redis.pipeline();
    for (const k of batch) pipe.memory('USAGE', k, 'SAMPLES', '0');
    const sizes = ((await pipe.exec()) ?? []).map(([, v]) => Number(v ?? 0));
    batch.forEach((k, i) => {
      const bytes = sizes[i];
      if (k.startsWith(jobsPrefix)) sums.jobs += bytes;
      else if (/^[^{]*\{[^}:]*:[^}]*\}/.test(k)) {
        sums.channels += bytes;
        const kind = /\}:([a-z-]+)/.exec(k)?.[1] ?? '?';
        kinds[kind] = (kinds[kind] ?? 0) + bytes;
      }
      else if (k.includes(':pace:')) sums.pacer += bytes;
      else if (k.endsWith(':install') || k === keys.installations) sums.installation += bytes;
      else sums.otherTeam += bytes;
    });
  } while (cursor !== '0');
  const per = (n: number) => n / workspaces;
  const total = Object.values(sums).reduce((a, b) => a + b, 0);
  const channelKinds = Object.fromEntries(Object.entries(kinds).map(([kind, bytes]) => [kind, per(bytes)]));
  return { installation: per(sums.installation), channels: per(sums.channels), pacer: per(sums.pacer), otherTeam: per(sums.otherTeam), jobs: per(sums.jobs), total: per(total), channelKinds };
}

/** The pacer's cost per post: its Redis round trips (slot script · block commands), and the jobs it moved to delayed. */
export function pacerFigures(takes: number, others: number, delayed: number, posts: number): string {
  const per = (n: number) => fmt(n / Math.max(1, posts), 2);
  return `${per(takes + others)} (${per(takes)} · ${per(others)}) · ${per(delayed)}`;
}

/** The item's rows of the bench table. */
export function workspaceRows(w: WorkspacesResult, perMinute: number): Row[] {
  const good = w.wellBehaved;
  const bad = w.limited;
  const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;
  const m = (x: WorkspacesResult['memory']['beforePosts']) => `${kib(x.total)} (install ${fmtInt(x.installation)} B, channels ${fmtInt(x.channels)} B, pacer ${fmtInt(x.pacer)} B, jobs ${fmtInt(x.jobs)} B)`;
  return [
    { item: '13', measure: `limits: 1/s per channel, ${perMinute}/min per workspace (by token); ${bad.team} answers 429, Retry-After ${bad.retryAfterS} s, to every post`, value: `${fmtInt(w.workspaces)} workspaces × ${w.channelsPerWorkspace} channels` },
    { item: '13', measure: `all ${fmtInt(good.expected)} posts of the other workspaces made after (the limits allow them at once: ${w.channelsPerWorkspace} a workspace, 1 a channel)`, value: `${fmt(w.elapsedS, 1)} s (${fmtInt(w.postsPerSecond)} posts/s)` },
    { item: '13', measure: 'vs the minute they came due in (60 s)', value: `${fmt(w.elapsedS / 60, 2)}×`, target: '≤ 1.0×', met: w.elapsedS <= 60 },
    { item: '13', measure: 'lateness of the well-behaved workspaces, from the due moment: p50 · p99 · max', value: `${fmt(w.lateness.p50S, 1)} s · ${fmt(w.lateness.p99S, 1)} s · ${fmt(w.lateness.maxS, 1)} s` },
    { item: '13', measure: 'well-behaved: posted · duplicates · missing · 429s · other failures', value: `${fmtInt(good.posted)} · ${good.duplicates} · ${good.missing} · ${w.otherRateLimited} · ${w.otherFailures}`, target: '0 dup, 0 missing', met: good.duplicates === 0 && good.missing === 0 },
    { item: '13', measure: `429 workspace while refused: 429s · posts (0 expected, not missing)`, value: `${bad.refused} · ${bad.postedWhileRefused}` },
    { item: '13', measure: `429 workspace once its 429s stop: posted · duplicates · missing · posted within`, value: `${bad.postedAfter}/${w.channelsPerWorkspace} · ${bad.duplicates} · ${bad.missing} · ${fmt(bad.afterLiftS, 1)} s`, target: '0 dup, 0 missing', met: bad.duplicates === 0 && bad.missing === 0 },
    { item: '13', measure: 'Redis memory per installed workspace, 3 schedules, before any post', value: m(w.memory.beforePosts) },
    { item: '13', measure: 'Redis memory per installed workspace after its 3 posts', value: m(w.memory.afterPosts) },
    { item: '13', measure: "pacer's Redis round trips per post (slot script · block) · jobs moved to delayed per post", value: pacerFigures(w.pacer.takes, w.pacer.others, w.pacer.delayed, w.pacer.posts) },
    { item: '13', measure: "the bot's own Lua script calls (installs included) whose keys span Redis Cluster slots", value: `${fmtInt(w.pacer.crossSlot)} of ${fmtInt(w.pacer.ownScripts)}`, target: '0', met: w.pacer.crossSlot === 0 },
  ];
}
