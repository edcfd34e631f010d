import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { QuizDeps } from '../quiz/deps';
import { runQuestionOfTheDay, PostInFlightError } from '../quiz/qotd';
import { revealAnswer } from '../quiz/reveal';
import { answerMessage } from '../views/answer-message';
import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import { JOB, QOTD_QUEUE, TASKS_QUEUE, type ChannelJobData, type PostJobData } from './queues';

export interface WorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  /** Questions of the day posted per second across all workers (Slack's workspace-wide cap). */
  postsPerSecond?: number;
  /** The scheduler watchdog's check (see watchdog.ts). */
  watchdog?: () => Promise<unknown>;
  /** Recorded on each job as `processedBy`, to see which process ran it. */
  name?: string;
  /** Test knobs: crash detection and lock timing. */
  lockDuration?: number;
  stalledInterval?: number;
}

/** Runs the mock-interview jobs; given by the interview feature (see `interview/bull-jobs.ts`). */
export interface InterviewJobRunner {
  runTimeout(job: Job, token: string | undefined, slack: SlackPort): Promise<unknown>;
}

export interface QuizWorkers {
  workers: Worker[];
  /** Lets running jobs finish for up to `graceMs`, then closes hard. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Runs the quiz's jobs. Each handler is a thin call into the quiz rules; Slack's answers are
 * turned into BullMQ's language here: 429 → wait exactly Retry-After without spending an
 * attempt, a closed channel → no retry.
 */
export function startWorkers(deps: QuizDeps, slack: SlackPort, opts: WorkerOptions, interviews?: InterviewJobRunner): QuizWorkers {
  const common = {
    connection: opts.connection,
    prefix: opts.prefix,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.lockDuration ? { lockDuration: opts.lockDuration } : {}),
    ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
  };

  const qotd = new Worker<ChannelJobData>(
    QOTD_QUEUE,
    async (job, token) => {
      const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
      try {
        const outcome = await runQuestionOfTheDay(deps, slack, { team: job.data.team, channel: job.data.channel, scheduledAt, attempt: job.id ?? '' });
        deps.logger.info({ job: job.id, channel: job.data.channel, outcome }, 'question of the day');
        return outcome;
      } catch (error) {
        return handleSlackFailure(error, job, token);
      }
    },
    { ...common, concurrency: 8, limiter: { max: opts.postsPerSecond ?? 5, duration: 1000 } },
  );

  const tasks = new Worker<PostJobData>(
    TASKS_QUEUE,
    async (job, token) => {
      try {
        if (job.name === JOB.reveal) return await revealAnswer(deps, slack, { team: job.data.team, channel: job.data.channel, ts: job.data.postTs, by: 'auto' });
        if (job.name === JOB.tally) return await refreshTally(deps, slack, job.data);
        if (job.name === JOB.watchdog && opts.watchdog) return await opts.watchdog();
        if (job.name === JOB.interviewTimeout && interviews) return await interviews.runTimeout(job, token, slack);
        throw new UnrecoverableError(`unknown job ${job.name}`);
      } catch (error) {
        return handleSlackFailure(error, job, token);
      }
    },
    { ...common, concurrency: 16 },
  );

  for (const worker of [qotd, tasks]) {
    worker.on('failed', (job, err) => {
      deps.metrics.jobFailed(worker.name, job?.name ?? 'unknown');
      deps.logger.warn({ job: job?.id, name: job?.name, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => deps.logger.error({ err: err.message }, 'worker error'));
  }

  return {
    workers: [qotd, tasks],
    async close(graceMs = 8000) {
      // worker.close() waits for running jobs with no limit of its own: bound it, then force.
      if (await settlesWithin(Promise.all([qotd.close(), tasks.close()]), graceMs)) return;
      deps.logger.warn({ graceMs }, 'jobs still running at shutdown; closing workers hard (BullMQ will retry them)');
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
    await job.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  }
  if (failure.kind === 'permanent') throw new UnrecoverableError(`Slack: ${failure.code}`);
  throw error;
}

/** Redraws the answer message's tally from Redis: one update however many votes came in. */
async function refreshTally(deps: QuizDeps, slack: SlackPort, data: PostJobData): Promise<'updated' | 'gone'> {
  const post = await deps.posts.get(data.team, data.channel, data.postTs);
  const question = post ? deps.questions.get(post.questionId) : undefined;
  if (!post?.answerTs || !question) return 'gone';
  await slack.updateMessage(data.channel, post.answerTs, answerMessage(question, data.postTs, post.tally));
  return 'updated';
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
