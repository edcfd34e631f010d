import type { Queue } from 'bullmq';
import type { ScheduleStore } from '../store/schedules';
import type { BullQuizJobs } from './quiz-jobs';
import type { ChannelJobData } from './queues';

/** How often the watchdog looks, and how late a scheduler's next run may be before it acts. */
export const WATCHDOG_EVERY_MS = 10 * 60_000;
const LATE_MS = 2 * 60_000;

export interface WatchdogReport {
  checked: number;
  revived: string[];
  removed: string[];
}

/**
 * BullMQ schedulers can stop silently: when the cron library fails to compute a next run
 * (seen on half-hour daylight-saving shifts), no next job is created and nothing says so.
 * The watchdog finds schedulers whose next run is in the past with no job waiting, and
 * recreates them from the channel's saved settings; schedulers of removed schedules go.
 */
export async function checkSchedulers(queue: Queue<ChannelJobData>, schedules: ScheduleStore, jobs: BullQuizJobs, now = Date.now()): Promise<WatchdogReport> {
  const report: WatchdogReport = { checked: 0, revived: [], removed: [] };
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  for (const scheduler of schedulers) {
    report.checked++;
    if (scheduler.next && scheduler.next > now - LATE_MS) continue;
    const data = scheduler.template?.data;
    if (!data?.team || !data.channel) continue;
    const waiting = await queue.getJob(`repeat:${scheduler.key}:${scheduler.next}`);
    if (waiting && !(await waiting.isCompleted()) && !(await waiting.isFailed())) continue; // running late, not stopped
    const settings = await schedules.get(data.team, data.channel);
    if (!settings || settings.pausedReason) {
      await queue.removeJobScheduler(scheduler.key);
      report.removed.push(scheduler.key);
    } else {
      await jobs.upsertSchedule(data.team, data.channel, settings, { force: true });
      report.revived.push(scheduler.key);
    }
  }
  return report;
}
