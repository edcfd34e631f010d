import type { Job, Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { RecapOutcome } from '../model/recaps';
import type { QuizDeps } from '../quiz/deps';
import { runWeeklyRecap } from '../recap/post-recap';
import { recapTiming } from '../recap/timing';
import type { SlackPort } from '../slack/port';
import type { ScheduleStore } from '../store/schedules';
import type { ChannelJobData } from './queues';
import { JOB } from './queues';
import type { BullQuizJobs } from './quiz-jobs';

/** Runs one weekly recap for the time its scheduler meant it for (a promoted or late run recaps the same week). */
export async function runRecapJob(deps: QuizDeps, slack: SlackPort, job: Job, logger: Logger): Promise<RecapOutcome> {
  const data = job.data as ChannelJobData;
  const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
  const outcome = await runWeeklyRecap(deps, slack, { team: data.team, channel: data.channel, scheduledAt, attempt: job.id ?? '' });
  logger.info({ job: job.id, channel: data.channel, outcome }, 'weekly recap');
  return outcome;
}

/** How late a recap scheduler's next run may be, with no job waiting, before the watchdog recreates it. */
const LATE_MS = 2 * 60_000;

/**
 * The recap's share of the watchdog: its schedulers can stop silently as the question of the day's can (no next
 * run computed). One found late with no job waiting is recreated from the channel's schedule, or removed when the
 * channel has no active schedule or the recap is off.
 */
export async function checkRecapSchedulers(tasks: Queue, schedules: ScheduleStore, jobs: BullQuizJobs, now = Date.now()): Promise<{ revived: string[]; removed: string[] }> {
  const report = { revived: [] as string[], removed: [] as string[] };
  for (const scheduler of await tasks.getJobSchedulers(0, -1, true)) {
    if (scheduler.name !== JOB.recap || (scheduler.next && scheduler.next > now - LATE_MS)) continue;
    const data = scheduler.template?.data as Partial<ChannelJobData> | undefined;
    if (!data?.team || !data.channel) continue;
    const waiting = await tasks.getJob(`repeat:${scheduler.key}:${scheduler.next}`);
    if (waiting && !(await waiting.isCompleted()) && !(await waiting.isFailed())) continue;
    const settings = await schedules.get(data.team, data.channel);
    if (!settings || settings.pausedReason || !(await schedules.recapOn(data.team, data.channel))) {
      await tasks.removeJobScheduler(scheduler.key);
      report.removed.push(scheduler.key);
    } else {
      await jobs.upsertRecap(data.team, data.channel, recapTiming(settings), { force: true });
      report.revived.push(scheduler.key);
    }
  }
  return report;
}
