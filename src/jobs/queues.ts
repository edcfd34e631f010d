import { Queue, type ConnectionOptions } from 'bullmq';

/** Scheduled questions of the day (job schedulers, one per channel). */
export const QOTD_QUEUE = 'qotd';
/** Short follow-up work: timed reveals, coalesced tally updates, interview time-outs. */
export const TASKS_QUEUE = 'tasks';

export const JOB = {
  postQotd: 'post-qotd',
  reveal: 'reveal',
  tally: 'tally',
  /** Recreates channel schedulers that stopped silently. */
  watchdog: 'watchdog',
  /** Closes a mock interview nobody touched for 24 hours. */
  interviewTimeout: 'interview-timeout',
  /** Posts a question one person asked for with the slash command. */
  ask: 'ask',
} as const;

export interface ChannelJobData {
  team: string;
  channel: string;
}

export interface PostJobData extends ChannelJobData {
  postTs: string;
}

export interface Queues {
  qotd: Queue<ChannelJobData>;
  tasks: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const defaultJobOptions = {
    removeOnComplete: { age: 14 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
  const qotd = new Queue<ChannelJobData>(QOTD_QUEUE, { connection, prefix, defaultJobOptions });
  const tasks = new Queue(TASKS_QUEUE, { connection, prefix, defaultJobOptions });
  return {
    qotd,
    tasks,
    async close() {
      await Promise.all([qotd.close(), tasks.close()]);
    },
  };
}

/** Job ids must not contain `:` (BullMQ's own separator). */
export function jobId(...parts: string[]): string {
  return parts.join('-').replace(/[:]/g, '_');
}
