/**
 * Item 9: fan-out. N channels with a question-of-the-day schedule due at the same minute: the schedules are
 * saved and upserted exactly as `/devops-quiz schedule` does (ScheduleStore + BullQuizJobs), then every channel's
 * own scheduler job is promoted at once. The stand-in enforces ~1 post/s per channel and a workspace-wide cap per
 * minute; the bot paces its posts per workspace (store/pacer.ts, SLACK_POSTS_PER_MINUTE).
 */
import { Redis } from 'ioredis';
import type { LocalSlack } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';
import { ScheduleStore } from '../../src/store/schedules';
import type { ScheduleSettings } from '../../src/model/schedules';
import { createQueues } from '../../src/jobs/queues';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { log, sleep } from './lib';

export interface FanoutResult {
  channels: number;
  workspacePerMinute: number;
  perChannelPerSecond: number;
  /** How the bot paced its posts, for the table. */
  pace: string;
  /** From the first promotion to the last accepted post. */
  elapsedS: number;
  /** From the first promotion to the `workspacePerMinute`-th accepted post (the minute's burst). */
  burstS: number;
  /** What the stand-in's limits allow at best: bursts of `workspacePerMinute`, a minute apart. */
  windowBoundS: number;
  /** A steady rate of workspacePerMinute / 60 posts a second. */
  steadyBoundS: number;
  posted: number;
  duplicates: number;
  missing: number;
  rateLimited: number;
  otherFailures: number;
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

export async function runFanout(o: {
  slack: LocalSlack;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  channels: number;
  workspacePerMinute: number;
  perChannelPerSecond: number;
  pace: string;
  /** Channel ids are `<channelPrefix><5 digits>` (a second run needs channels of its own). */
  channelPrefix?: string;
}): Promise<FanoutResult> {
  const { slack } = o;
  const team = slack.team.id;
  const keys = new Keys(o.prefix);
  const schedules = new ScheduleStore(o.redis, keys);
  const queueConnection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const queues = createQueues(queueConnection, keys.queuePrefix);
  const jobs = new BullQuizJobs(queues);
  try {
    // A time that has just passed today: every scheduler's next run is the same minute tomorrow.
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
    const ids: string[] = [];
    for (let i = 0; i < o.channels; i++) {
      const id = `${o.channelPrefix ?? 'CFAN'}${pad(i)}`;
      slack.addChannel({ id, name: `${id.toLowerCase()}` });
      ids.push(id);
    }
    log(`item 9: saving ${o.channels} schedules (${settings.time} UTC daily) and upserting their job schedulers`);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (channel) => {
          await schedules.save(team, channel, settings);
          await jobs.upsertSchedule(team, channel, settings);
        }),
      );
    }
    const delayed = await queues.qotd.getDelayed(0, o.channels * 2);
    const due = delayed.filter((j) => j.id?.startsWith('repeat:'));
    if (due.length !== o.channels) throw new Error(`expected ${o.channels} scheduler jobs, found ${due.length}`);

    slack.setRateLimit({ perChannelPerSecond: o.perChannelPerSecond, workspacePerMinute: o.workspacePerMinute });
    const callsBefore = slack.calls.length;
    log(`item 9: promoting ${due.length} scheduler jobs at once; limits ${o.perChannelPerSecond}/s per channel, ${o.workspacePerMinute}/min workspace; the bot: ${o.pace}`);
    const t0 = Date.now();
    for (let i = 0; i < due.length; i += 100) await Promise.all(due.slice(i, i + 100).map((j) => j.promote()));

    const windowBoundS = Math.floor((o.channels - 1) / o.workspacePerMinute) * 60;
    const steadyBoundS = (o.channels - 1) / (o.workspacePerMinute / 60);
    const deadline = t0 + Math.max(windowBoundS, steadyBoundS) * 2_000 + 60_000;
    const posts = () =>
      slack.calls
        .slice(callsBefore)
        .filter((c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted');
    let lastReport = Date.now();
    for (;;) {
      const n = new Set(posts().map((c) => String(c.args.channel))).size;
      if (n >= o.channels || Date.now() > deadline) break;
      if (Date.now() - lastReport > 15_000) {
        log(`item 9: ${n}/${o.channels} channels posted after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        lastReport = Date.now();
      }
      await sleep(100);
    }
    const firstDone = posts();
    const elapsedS = (Math.max(...firstDone.map((c) => c.at)) - t0) / 1000;
    const burst = firstDone.map((c) => c.at).sort((a, b) => a - b)[Math.min(firstDone.length, o.workspacePerMinute) - 1];
    // Leave time for a late second post (a duplicate) to show up before counting.
    await sleep(3000);
    const all = posts();
    const perChannel = new Map<string, number>();
    for (const c of all) perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
    const calls = slack.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage');
    const rateLimited = calls.filter((c) => c.outcome === 'http:429').length;
    const otherFailures = calls.filter((c) => c.outcome !== 'ok' && c.outcome !== 'http:429').length;
    slack.setRateLimit(undefined);
    return {
      channels: o.channels,
      workspacePerMinute: o.workspacePerMinute,
      perChannelPerSecond: o.perChannelPerSecond,
      pace: o.pace,
      elapsedS,
      burstS: (burst - t0) / 1000,
      windowBoundS,
      steadyBoundS,
      posted: perChannel.size,
      duplicates: [...perChannel.values()].reduce((a, n) => a + Math.max(0, n - 1), 0),
      missing: ids.filter((id) => !perChannel.has(id)).length,
      rateLimited,
      otherFailures,
    };
  } finally {
    for (const id of (await queues.qotd.getJobSchedulers(0, -1)).map((s) => s.key)) await queues.qotd.removeJobScheduler(id).catch(() => undefined);
    await queues.close();
    await queueConnection.quit();
  }
}
