import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from '../logger';
import type { QuizMetrics } from '../quiz/deps';
import { PostInFlightError } from '../quiz/qotd';
import { classifySlackError } from '../slack/errors';
import type { PacerStore } from '../store/pacer';
import { POSTING_JOBS, QOTD_QUEUE, TASKS_QUEUE } from './queues';

/** Runs one job; what it returns is kept as the job's result. */
export type JobHandler = (job: Job, token: string | undefined) => Promise<unknown>;

/** The table from job to handler, built where the app is wired (bot.ts). */
export interface JobHandlers {
  /** Questions of the day (the qotd queue has one kind of job). */
  qotd: JobHandler;
  /** The tasks queue, by job name. */
  tasks: Readonly<Record<string, JobHandler>>;
}

export interface WorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  metrics: Pick<QuizMetrics, 'jobFailed'>;
  /** Paces every job that posts, per team (see store/pacer.ts). */
  pacer: Pick<PacerStore, 'take' | 'block'>;
  /** Recorded on each job as `processedBy`, to see which process ran it. */
  name?: string;
  /** How long a job's lock lasts, and how often locks are checked: lower values notice a crashed worker sooner (BullMQ defaults: 30 s). */
  lockDuration?: number;
  stalledInterval?: number;
}

export interface QuizWorkers {
  workers: Worker[];
  /** Lets running jobs finish for up to `graceMs`, then closes hard. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Runs the bot's jobs through the handlers it is given. Slack's answers are turned into
 * BullMQ's language here: 429 → wait exactly Retry-After without spending an attempt, a closed
 * channel → no retry.
 */
export function startWorkers(handlers: JobHandlers, opts: WorkerOptions): QuizWorkers {
  const common = {
    connection: opts.connection,
    prefix: opts.prefix,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.lockDuration ? { lockDuration: opts.lockDuration } : {}),
    ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
  };
  const run = (handler: JobHandler | undefined) => async (job: Job, token: string | undefined) => {
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    const target = postTarget(job);
    if (target) await waitForSlot(opts.pacer, target, job, token);
    try {
      return await handler(job, token);
    } catch (error) {
      return handleSlackFailure(error, job, token, target ? (untilMs) => opts.pacer.block(target.team, untilMs, Date.now()) : null);
    }
  };

  // No queue-wide limiter: one team's pace must not hold back another's (the pacer is per team).
  const qotd = new Worker(QOTD_QUEUE, run(handlers.qotd), { ...common, concurrency: 8 });
  const tasks = new Worker(TASKS_QUEUE, (job, token) => run(Object.hasOwn(handlers.tasks, job.name) ? handlers.tasks[job.name] : undefined)(job, token), { ...common, concurrency: 16 });

  for (const worker of [qotd, tasks]) {
    worker.on('failed', (job, err) => {
      opts.metrics.jobFailed(worker.name, job?.name ?? 'unknown');
      opts.logger.warn({ job: job?.id, name: job?.name, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => opts.logger.error({ err: err.message }, 'worker error'));
  }

  return {
    workers: [qotd, tasks],
    async close(graceMs = 8000) {
      // worker.close() waits for running jobs with no limit of its own: bound it, then force.
      if (await settlesWithin(Promise.all([qotd.close(), tasks.close()]), graceMs)) return;
      opts.logger.warn({ graceMs }, 'jobs still running at shutdown; closing workers hard (BullMQ will retry them)');
      if (await settlesWithin(Promise.all([qotd.close(true), tasks.close(true)]), 1000)) return;
      // A worker whose Redis connection is still reconnecting never finishes closing: cut it.
      await Promise.all([qotd.disconnect(), tasks.disconnect()]).catch(() => undefined);
    },
  };
}

/** The team and channel a posting job posts to, or null for jobs that do not post. */
function postTarget(job: Job): { team: string; channel: string | null } | null {
  if (!POSTING_JOBS.has(job.name)) return null;
  const data = job.data as { team?: unknown; channel?: unknown };
  if (typeof data.team !== 'string') return null;
  return { team: data.team, channel: typeof data.channel === 'string' ? data.channel : null };
}

/**
 * Takes the team's next post slot, or moves the job to when one frees up, without spending an
 * attempt and without pausing the queue: other teams' jobs keep flowing. A little jitter keeps
 * many waiting jobs from waking in the same millisecond.
 */
async function waitForSlot(pacer: WorkerOptions['pacer'], target: { team: string; channel: string | null }, job: Job, token: string | undefined): Promise<void> {
  // BullMQ's delays run on the wall clock, not on the rules' clock.
  const now = Date.now();
  const waitMs = await pacer.take(target.team, target.channel, now);
  if (waitMs <= 0 || !token) return;
  await job.moveToDelayed(now + waitMs + Math.floor(Math.random() * 250), token);
  throw new DelayedError();
}

async function handleSlackFailure(error: unknown, job: Job, token: string | undefined, blockTeam: ((untilMs: number) => Promise<void>) | null): Promise<never> {
  // Slack said when to come back, or another attempt may still be posting: wait exactly that
  // long, without spending one of the job's attempts. A 429 holds back the whole team.
  const failure = classifySlackError(error);
  if (failure.kind === 'rate-limited' && blockTeam) await blockTeam(Date.now() + failure.retryAfterMs);
  const waitMs = error instanceof PostInFlightError ? error.retryInMs + 100 : failure.kind === 'rate-limited' ? failure.retryAfterMs : -1;
  if (waitMs >= 0 && token) {
    // BullMQ's delays run on the wall clock, not on the rules' clock.
    await job.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  }
  if (failure.kind === 'permanent') throw new UnrecoverableError(`Slack: ${failure.code}`);
  throw error;
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}
