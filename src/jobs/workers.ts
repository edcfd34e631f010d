import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from '../logger';
import type { QuizMetrics } from '../quiz/deps';
import { PostInFlightError } from '../quiz/qotd';
import { classifySlackError } from '../slack/errors';
import { QOTD_QUEUE, TASKS_QUEUE } from './queues';

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
  /** Questions of the day posted per second across all workers (Slack's workspace-wide cap). Default 5. */
  postsPerSecond?: number;
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
    try {
      return await handler(job, token);
    } catch (error) {
      return handleSlackFailure(error, job, token);
    }
  };

  const qotd = new Worker(QOTD_QUEUE, run(handlers.qotd), { ...common, concurrency: 8, limiter: { max: opts.postsPerSecond ?? 5, duration: 1000 } });
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

async function handleSlackFailure(error: unknown, job: Job, token: string | undefined): Promise<never> {
  // Slack said when to come back, or another attempt may still be posting: wait exactly that
  // long, without spending one of the job's attempts.
  const failure = classifySlackError(error);
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
