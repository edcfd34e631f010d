import type { QuizJobs } from '../quiz/deps';
import { cronPattern } from '../quiz/schedule';
import type { ScheduleSettings } from '../model/schedules';
import { JOB, jobId, type Queues } from './queues';

/** Tally refreshes wait this long, so a burst of votes becomes one `chat.update`. */
export const TALLY_DEBOUNCE_MS = 1500;
/**
 * Votes within this window of a queued refresh join it. It closes well before the refresh
 * reads the tally, so a vote recorded as the refresh runs always queues another one.
 */
const TALLY_JOIN_MS = 1000;

/** The quiz's scheduled and delayed work, as BullMQ jobs. */
export class BullQuizJobs implements QuizJobs {
  /** Posts whose tally refresh this process already queued (saves a Redis call per vote). */
  private readonly recentTally = new Map<string, number>();

  constructor(private readonly queues: Queues) {}

  static schedulerId(team: string, channel: string): string {
    return jobId('qotd', team, channel);
  }

  /** `force` recreates an unchanged scheduler (the watchdog, for one that stopped). */
  async upsertSchedule(team: string, channel: string, settings: ScheduleSettings, opts: { force?: boolean } = {}): Promise<void> {
    const id = BullQuizJobs.schedulerId(team, channel);
    const pattern = cronPattern(settings);
    const existing = await this.queues.qotd.getJobScheduler(id);
    // Upserting recomputes the next run from now, which can drop a run that is due:
    // only touch the scheduler when its timing really changed.
    if (!opts.force && existing && existing.pattern === pattern && existing.tz === settings.tz) return;
    await this.queues.qotd.upsertJobScheduler(
      id,
      { pattern, tz: settings.tz },
      {
        name: JOB.postQotd,
        data: { team, channel },
        opts: { attempts: 8, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 } },
      },
    );
  }

  /** Starts the watchdog's own scheduler once (re-upserting an `every` scheduler would only shift it). */
  async ensureWatchdog(everyMs: number): Promise<void> {
    if (await this.queues.tasks.getJobScheduler(JOB.watchdog)) return;
    await this.queues.tasks.upsertJobScheduler(JOB.watchdog, { every: everyMs }, { name: JOB.watchdog, opts: { attempts: 1 } });
  }

  async removeSchedule(team: string, channel: string): Promise<void> {
    await this.queues.qotd.removeJobScheduler(BullQuizJobs.schedulerId(team, channel));
  }

  async nextRun(team: string, channel: string): Promise<Date | null> {
    const scheduler = await this.queues.qotd.getJobScheduler(BullQuizJobs.schedulerId(team, channel));
    return scheduler?.next ? new Date(scheduler.next) : null;
  }

  async scheduleReveal(team: string, channel: string, postTs: string, delayMs: number): Promise<void> {
    await this.queues.tasks.add(
      JOB.reveal,
      { team, channel, postTs },
      { jobId: jobId('reveal', team, channel, postTs), delay: Math.max(0, delayMs), attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
    );
  }

  async scheduleTallyUpdate(team: string, channel: string, postTs: string): Promise<void> {
    const key = `${team}/${channel}/${postTs}`;
    const now = Date.now();
    if ((this.recentTally.get(key) ?? 0) > now) return;
    this.recentTally.set(key, now + TALLY_JOIN_MS);
    if (this.recentTally.size > 10_000) {
      for (const [k, until] of this.recentTally) if (until <= now) this.recentTally.delete(k);
    }
    // Across processes, BullMQ's deduplication keeps one pending refresh per post.
    await this.queues.tasks.add(
      JOB.tally,
      { team, channel, postTs },
      { delay: TALLY_DEBOUNCE_MS, deduplication: { id: jobId('tally', team, channel, postTs), ttl: TALLY_JOIN_MS }, attempts: 3, backoff: { type: 'fixed', delay: 5_000 } },
    );
  }
}
