import { UnrecoverableError, type Job, type JobType, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ForgetTeamOutcome } from '../model/teams';
import { forgetTeam, type TeamForgetDeps, type TeamJobs } from '../quiz/forget-team';
import { isTeamJob, JOB, jobId } from './queues';

/** Ids read, and job hashes looked at, per round trip. */
const PAGE = 500;
/**
 * The states whose jobs the clean-up removes. Each is read newest first: most of what moves meanwhile (new and
 * finished jobs, schedulers' next runs) enters ahead of the reading and shifts the rest further, so a page repeats
 * an id rather than skipping one; BullMQ trims old records at the tail, behind the reading. Another job removed from
 * the middle meanwhile can make a page skip one: so a pass that removed something is followed by another.
 */
const SWEPT: JobType[] = ['wait', 'prioritized', 'delayed', 'waiting-children', 'completed', 'failed'];
const MAX_PASSES = 3;
/** How often, and how far apart, the clean-up runs again while jobs of the team are still running (about a minute). */
const FORGET_ATTEMPTS = 30;
const FORGET_RETRY_MS = 2_000;

/**
 * A team's jobs in the BullMQ queues: its clean-up job, and what the clean-up removes. Jobs are found by the team
 * named in their data (queues.ts `isTeamJob`), whatever their id: the auto-numbered ones (tally, Home refreshes)
 * included. The ids of each state are read a page at a time, and of each page only the `name` and `data` fields,
 * in one pipelined round trip, so the clean-up costs a few round trips per thousand jobs in the queues.
 */
export class BullTeamJobs implements TeamJobs {
  constructor(
    private readonly queues: Queue[],
    private readonly tasks: Queue,
    private readonly redis: Redis,
  ) {}

  static forgetJobId(team: string): string {
    return jobId('forget', team);
  }

  async forgetTeam(team: string): Promise<void> {
    // One id per team: asked again while one waits or runs, nothing is added. Its records go when it ends: they
    // name the team, and nothing of the team stays.
    await this.tasks.add(JOB.forgetTeam, { team }, { jobId: BullTeamJobs.forgetJobId(team), attempts: FORGET_ATTEMPTS, backoff: { type: 'fixed', delay: FORGET_RETRY_MS }, removeOnComplete: true, removeOnFail: true });
  }

  async removeTeamJobs(team: string): Promise<{ schedulers: number; jobs: number; running: number }> {
    let schedulers = 0;
    let jobs = 0;
    let running = 0;
    // Schedulers first: removing one also removes its next run, and no new run of it is created after.
    for (const queue of this.queues) {
      for (const id of await teamSchedulers(queue, team)) if (await queue.removeJobScheduler(id)) schedulers++;
    }
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      let removed = 0;
      running = 0;
      for (const queue of this.queues) {
        for (const state of SWEPT) {
          for (const id of await this.teamJobIds(queue, state, team)) {
            // 0: the job is locked, so it started meanwhile.
            if ((await queue.remove(id)) === 1) removed++;
            else running++;
          }
        }
        running += (await this.teamJobIds(queue, 'active', team)).length;
      }
      jobs += removed;
      if (removed === 0) break;
      // Still finding some on the last pass: as if running, so the clean-up comes back for them.
      if (pass === MAX_PASSES) running += removed;
    }
    return { schedulers, jobs, running };
  }

  /** The ids of the team's jobs in one state of a queue. */
  private async teamJobIds(queue: Queue, state: JobType, team: string): Promise<string[]> {
    const found: string[] = [];
    const named = JSON.stringify(team);
    for (let start = 0; ; start += PAGE) {
      const ids = await queue.getRanges([state], start, start + PAGE - 1, false);
      if (ids.length === 0) break;
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hmget(queue.toKey(id), 'name', 'data');
      const rows = (await pipeline.exec()) ?? [];
      rows.forEach(([error, value], i) => {
        const [name, data] = (error ? [] : value) as Array<string | null>;
        // Most jobs are another team's: only data that names the team at all is parsed.
        if (name && data && data.includes(named) && isTeamJob(name, parseData(data), team)) found.push(ids[i]);
      });
      if (ids.length < PAGE) break;
    }
    return found;
  }
}

/** The ids of the team's job schedulers in a queue, read newest next run first (see SWEPT). */
async function teamSchedulers(queue: Queue, team: string): Promise<string[]> {
  const found: string[] = [];
  const count = await queue.getJobSchedulersCount();
  for (let start = 0; start < count; start += PAGE) {
    for (const scheduler of await queue.getJobSchedulers(start, start + PAGE - 1, false)) {
      if (scheduler.name && isTeamJob(scheduler.name, scheduler.template?.data, team)) found.push(scheduler.key);
    }
  }
  return [...new Set(found)];
}

function parseData(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/** Runs a team's clean-up for the time it was asked for (the job's own, kept across retries). */
export async function runForgetTeamJob(deps: TeamForgetDeps, job: Job): Promise<ForgetTeamOutcome> {
  const team = (job.data as { team?: unknown }).team;
  if (typeof team !== 'string' || !team) throw new UnrecoverableError('forget-team job without a team');
  const outcome = await forgetTeam(deps, { team, since: job.timestamp });
  // BullMQ runs it again shortly: by then those jobs have ended, and what they wrote is swept too.
  if (outcome.status === 'jobs-running') throw new Error(`${outcome.running} jobs of team ${team} were running; cleaning up again`);
  return outcome;
}
