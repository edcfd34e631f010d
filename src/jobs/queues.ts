import { Queue, type ConnectionOptions } from 'bullmq';
import { encodeOutside } from '../store/keys';

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
  /** Publishes a person's App Home again after their answers (debounced, see jobs/home-jobs.ts). */
  homeRefresh: 'home-refresh',
  /** Posts a channel's weekly recap (a job scheduler per channel with a schedule). */
  recap: 'recap',
  /** One person's day of reviews by DM, delayed until their time (see jobs/review-jobs.ts): names the next, queues the DM. */
  reviewDay: 'review-day',
  /** Sends one person's review DM for a day (paced with the workspace's other posts). */
  reviewSend: 'review-send',
  /** Removes everything of a workspace the app left (uninstalled, token revoked): see jobs/team-jobs.ts. */
  forgetTeam: 'forget-team',
} as const;

export type JobName = (typeof JOB)[keyof typeof JOB];

/**
 * Whose each kind of job is: `team` jobs name their workspace in `data.team` and go with it when the app leaves the
 * workspace (their schedulers too); `app` jobs serve every team. A new kind must be listed here (the compiler says
 * so), which is what makes the uninstall clean-up cover it. The clean-up itself is `app`: it must not remove itself.
 */
export const JOB_SCOPE: Readonly<Record<JobName, 'team' | 'app'>> = {
  [JOB.postQotd]: 'team',
  [JOB.reveal]: 'team',
  [JOB.tally]: 'team',
  [JOB.watchdog]: 'app',
  [JOB.interviewTimeout]: 'team',
  [JOB.ask]: 'team',
  [JOB.homeRefresh]: 'team',
  [JOB.recap]: 'team',
  [JOB.reviewDay]: 'team',
  [JOB.reviewSend]: 'team',
  [JOB.forgetTeam]: 'app',
};

/**
 * Whether a job (or a scheduler's template) of this name and data belongs to `team`: its data names the team and
 * its kind is not an `app` one (a kind this version does not know, left by an older one, counts as the team's).
 */
export function isTeamJob(name: string, data: unknown, team: string): boolean {
  const appWide = Object.hasOwn(JOB_SCOPE, name) && JOB_SCOPE[name as JobName] === 'app';
  return !appWide && (data as { team?: unknown } | null)?.team === team;
}

/** Jobs that post to Slack: the workers pace them per team (their data names the team, and the channel when there is one). */
export const POSTING_JOBS: ReadonlySet<string> = new Set([JOB.postQotd, JOB.reveal, JOB.interviewTimeout, JOB.ask, JOB.recap, JOB.reviewSend]);

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

/**
 * A job id from its parts, joined with `-`. Each part is encoded (keys.ts's `encodeOutside`) outside letters, digits,
 * `.` and `_`, so ids never hold `:` (BullMQ's own separator) and different parts never give the same id
 * (`T1-C1` + `C2` against `T1` + `C1-C2`); Slack's ids and `ts` values are unchanged, so existing ids stay valid.
 */
export function jobId(...parts: string[]): string {
  return parts.map((part) => encodeOutside(part, /[^A-Za-z0-9._]/g)).join('-');
}
