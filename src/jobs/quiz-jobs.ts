import type { Job } from 'bullmq';
import { cronPattern } from '../quiz/schedule';
import type { ScheduleSettings } from '../model/schedules';
import type { Logger } from '../logger';
import type { QuizDeps, QuizJobs } from '../quiz/deps';
import { postAskedQuestion, type AskRequest } from '../quiz/ask';
import type { PostOnceResult } from '../quiz/post-once';
import type { SlackPort } from '../slack/port';
import { responseUrlRespond, sendEphemeral } from '../slack/respond';
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

  static recapSchedulerId(team: string, channel: string): string {
    return jobId('recap', team, channel);
  }

  /** The weekly recap runs on the tasks queue; like the question of the day, it is touched only when its timing changed. */
  async upsertRecap(team: string, channel: string, timing: { pattern: string; tz: string }, opts: { force?: boolean } = {}): Promise<void> {
    const id = BullQuizJobs.recapSchedulerId(team, channel);
    const existing = await this.queues.tasks.getJobScheduler(id);
    if (!opts.force && existing && existing.pattern === timing.pattern && existing.tz === timing.tz) return;
    await this.queues.tasks.upsertJobScheduler(id, timing, {
      name: JOB.recap,
      data: { team, channel },
      opts: { attempts: 6, backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 } },
    });
  }

  async removeRecap(team: string, channel: string): Promise<void> {
    await this.queues.tasks.removeJobScheduler(BullQuizJobs.recapSchedulerId(team, channel));
  }

  async nextRecap(team: string, channel: string): Promise<Date | null> {
    const scheduler = await this.queues.tasks.getJobScheduler(BullQuizJobs.recapSchedulerId(team, channel));
    return scheduler?.next ? new Date(scheduler.next) : null;
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

  static askJobId(team: string, trigger: string): string {
    return jobId('ask', team, trigger);
  }

  /** The job id comes from the command's trigger_id: a command delivered twice adds one job (the claim is the second guard). */
  async askQuestion(req: AskRequest): Promise<void> {
    const data: AskJobData = { ...req, toldDelay: false };
    await this.queues.tasks.add(JOB.ask, data, {
      jobId: BullQuizJobs.askJobId(req.team, req.trigger),
      attempts: ASK_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2_000 },
      // The data holds a person's id and response_url: kept a day, long past any redelivery.
      removeOnComplete: { age: ASK_KEEP_SECONDS },
      removeOnFail: { age: ASK_KEEP_SECONDS },
    });
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

/** Attempts of an asked-for question (Slack's 429s and another attempt in flight spend none). */
const ASK_ATTEMPTS = 4;
const ASK_KEEP_SECONDS = 24 * 3600;

export interface AskJobData extends AskRequest {
  /** Set once the person was told that Slack holds their question back. */
  toldDelay: boolean;
}

/** Runs an asked-for question's job: the rule posts it; the person is told through the command's response_url. */
export async function runAskJob(deps: QuizDeps, slack: SlackPort, job: Job, logger: Logger): Promise<PostOnceResult> {
  const data = job.data as AskJobData;
  const respond = data.replyTo ? responseUrlRespond(data.replyTo) : null;
  const outcome = await postAskedQuestion(
    deps,
    slack,
    {
      async tell(message) {
        if (!respond) return;
        // Expired (30 minutes) or used up (5 messages): the question itself still comes.
        await sendEphemeral(respond, message).catch((err: Error) => logger.warn({ job: job.id, err: err.message }, 'could not tell the person about their question'));
      },
      toldDelay: data.toldDelay,
      async markToldDelay() {
        await job.updateData({ ...data, toldDelay: true });
      },
    },
    { ...data, attempt: job.id ?? '', lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) },
  );
  logger.info({ job: job.id, channel: data.channel, outcome: outcome.status }, 'asked-for question');
  return outcome;
}
