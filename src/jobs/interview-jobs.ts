import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { JOB, jobId } from './queues';
import type { SlackPort } from '../slack/port';
import type { InterviewJobs } from '../interview/deps';
import type { InterviewService } from '../interview/service';

export interface InterviewTimeoutData {
  team: string;
  interview: string;
}

/** One delayed job per interview on the tasks queue; it moves itself later while the interview is in use. */
export class BullInterviewJobs implements InterviewJobs {
  constructor(private readonly tasks: Queue) {}

  static timeoutJobId(team: string, id: string): string {
    return jobId('interview', team, id);
  }

  async scheduleTimeout(team: string, id: string, delayMs: number): Promise<void> {
    const data: InterviewTimeoutData = { team, interview: id };
    await this.tasks.add(JOB.interviewTimeout, data, {
      jobId: BullInterviewJobs.timeoutJobId(team, id),
      delay: Math.max(0, delayMs),
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async cancelTimeout(team: string, id: string): Promise<void> {
    // A job that is running right now cannot be removed; it will find the interview closed.
    await this.tasks.remove(BullInterviewJobs.timeoutJobId(team, id)).catch(() => 0);
  }
}

/**
 * Runs an interview's time-out job: closes the interview when it has been untouched for 24 hours,
 * else moves the same job to 24 hours after the last activity (no attempt spent).
 */
export async function runInterviewTimeout(service: InterviewService, job: Job, token: string | undefined, slack: SlackPort): Promise<string> {
  const data = job.data as Partial<InterviewTimeoutData>;
  if (typeof data.team !== 'string' || typeof data.interview !== 'string') throw new UnrecoverableError('interview time-out without team or interview');
  const outcome = await service.timeout(slack, data.team, data.interview);
  if (outcome.status !== 'later') return outcome.status;
  if (!token) throw new Error('cannot reschedule an interview time-out without the job token');
  const delay = Math.max(1_000, outcome.dueAt - service.now());
  // BullMQ's delays run on the wall clock of Redis' clients, not on the rules' clock.
  await job.moveToDelayed(Date.now() + delay, token);
  throw new DelayedError();
}
