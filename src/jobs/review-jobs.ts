import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { DeliveryDayOutcome, DeliveryOutcome } from '../model/review-dms';
import { deliverReviews, runDeliveryDay, type DeliveryDeps, type DmDeps, type ReviewDeliveryJobs } from '../review/deliver';
import type { SlackPort } from '../slack/port';
import { JOB, jobId } from './queues';

/** A review job's data: whose day, and the slot it is for (ms): the job acts on that time, not on when it runs. */
export interface ReviewJobData {
  team: string;
  user: string;
  at: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Reviews by DM as BullMQ jobs on the tasks queue: one delayed `review-day` job per person, named by its slot (a
 * second add of the same slot is a no-op), and a `review-send` job per slot that posts the DM. Only the send job
 * posts, so only it takes one of the workspace's post slots (POSTING_JOBS): people with nothing due cost none.
 */
export class BullReviewJobs implements ReviewDeliveryJobs {
  constructor(private readonly tasks: Queue) {}

  static dayJobId(team: string, user: string, at: number): string {
    return jobId('review-day', team, user, String(at));
  }

  static sendJobId(team: string, user: string, at: number): string {
    return jobId('review-send', team, user, String(at));
  }

  async scheduleDay(team: string, user: string, at: number, runAt: number): Promise<void> {
    const data: ReviewJobData = { team, user, at };
    await this.tasks.add(JOB.reviewDay, data, {
      jobId: BullReviewJobs.dayJobId(team, user, at),
      // BullMQ's delays run on the wall clock.
      delay: Math.max(0, runAt - Date.now()),
      attempts: 6,
      backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async cancelDay(team: string, user: string, at: number): Promise<void> {
    // A job that is running right now cannot be removed; it finds it is no longer the person's next and stops.
    await this.tasks.remove(BullReviewJobs.dayJobId(team, user, at)).catch(() => 0);
  }

  async send(team: string, user: string, at: number): Promise<void> {
    const data: ReviewJobData = { team, user, at };
    await this.tasks.add(JOB.reviewSend, data, {
      jobId: BullReviewJobs.sendJobId(team, user, at),
      attempts: 8,
      backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
      // Kept for a day, past any redelivery of its day job (the day's claim is the second guard).
      removeOnComplete: { age: DAY_MS / 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /**
   * Runs every next delivery job of a team now (or one person's), exactly as if its time had come: what the
   * playground's ⏩ does to bring the next day's reviews. Returns how many jobs it started.
   */
  async promoteNext(deps: DmDeps, team: string, users?: string[]): Promise<number> {
    let promoted = 0;
    for (const user of users ?? (await deps.review.store.subscribers(team))) {
      const { next } = await deps.dms.state(team, user);
      const job = next === null ? undefined : await this.tasks.getJob(BullReviewJobs.dayJobId(team, user, next));
      if (job && (await job.isDelayed())) {
        await job.promote();
        promoted++;
      }
    }
    return promoted;
  }
}

function reviewData(job: Job): ReviewJobData {
  const d = job.data as Partial<ReviewJobData>;
  if (typeof d.team !== 'string' || typeof d.user !== 'string' || typeof d.at !== 'number' || !Number.isFinite(d.at)) {
    throw new UnrecoverableError(`${job.name} job without team, user or time`);
  }
  return { team: d.team, user: d.user, at: d.at };
}

/** A person's day job: the rule names the next day's job and queues the DM when something is due. */
export async function runReviewDayJob(deps: DeliveryDeps, job: Job, logger: Logger): Promise<DeliveryDayOutcome> {
  const data = reviewData(job);
  const outcome = await runDeliveryDay(deps, data);
  logger.debug({ job: job.id, user: data.user, outcome: outcome.status }, 'review day');
  return outcome;
}

/** A person's review DM for one slot, sent exactly once per local day (Slack's failures go to the worker). */
export async function runReviewSendJob(deps: DmDeps, slack: SlackPort, job: Job, logger: Logger): Promise<DeliveryOutcome> {
  const data = reviewData(job);
  const outcome = await deliverReviews(deps, slack, { ...data, attempt: job.id ?? '' });
  logger.info({ job: job.id, user: data.user, outcome: outcome.status }, 'review DM');
  return outcome;
}
