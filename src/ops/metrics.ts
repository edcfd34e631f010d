import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { QuizMetrics } from '../quiz/deps';

/**
 * How long the queue counts of `/metrics` are reused. Counting costs Redis commands (14 for the two queues);
 * scrapes within this window, however many, share one count.
 */
export const QUEUE_COUNTS_TTL_MS = 5_000;

type QueueCounts = Array<[queue: string, counts: Record<string, number>]>;

/**
 * Prometheus metrics for `/metrics`. One registry per bot instance (not prom-client's global
 * one), so several instances in one process (tests) do not collide.
 */
export class BotMetrics implements QuizMetrics {
  readonly registry = new Registry();
  private readonly posted = new Counter({ name: 'devops_quiz_questions_posted_total', help: 'Questions posted, by kind (qotd or adhoc).', labelNames: ['kind'], registers: [this.registry] });
  private readonly revealed = new Counter({ name: 'devops_quiz_answers_revealed_total', help: 'Answers revealed, by who revealed (person or schedule).', labelNames: ['by'], registers: [this.registry] });
  private readonly levels = new Counter({ name: 'devops_quiz_levels_recorded_total', help: 'Self-reported levels recorded or changed, by level.', labelNames: ['level'], registers: [this.registry] });
  private readonly slackErrors = new Counter({ name: 'devops_quiz_slack_api_errors_total', help: 'Slack Web API calls that failed, by method and error code.', labelNames: ['method', 'code'], registers: [this.registry] });
  private readonly jobFailures = new Counter({ name: 'devops_quiz_job_failures_total', help: 'BullMQ job attempts that failed, by queue and job name.', labelNames: ['queue', 'name'], registers: [this.registry] });

  constructor(queues: Queue[] = []) {
    collectDefaultMetrics({ register: this.registry, prefix: 'devops_quiz_' });
    if (queues.length) {
      const registry = this.registry;
      const counts = cachedQueueCounts(queues);
      new Gauge({
        name: 'devops_quiz_queue_jobs',
        help: 'Jobs in each BullMQ queue, by state.',
        labelNames: ['queue', 'state'],
        registers: [registry],
        async collect() {
          for (const [queue, byState] of await counts()) {
            for (const [state, count] of Object.entries(byState)) this.set({ queue, state }, count);
          }
        },
      });
    }
  }

  questionPosted(kind: 'qotd' | 'adhoc'): void {
    this.posted.inc({ kind });
  }
  answerRevealed(byPerson: boolean): void {
    this.revealed.inc({ by: byPerson ? 'person' : 'schedule' });
  }
  levelRecorded(level: string): void {
    this.levels.inc({ level });
  }
  slackError(method: string, code: string): void {
    this.slackErrors.inc({ method, code });
  }
  jobFailed(queue: string, name: string): void {
    this.jobFailures.inc({ queue, name });
  }
}

/** The queues' job counts, read at most once per QUEUE_COUNTS_TTL_MS; concurrent scrapes share the read under way. */
function cachedQueueCounts(queues: Queue[]): () => Promise<QueueCounts> {
  let cached: { at: number; counts: Promise<QueueCounts> } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= QUEUE_COUNTS_TTL_MS) {
      const counts = Promise.all(queues.map(async (q): Promise<QueueCounts[number]> => [q.name, await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized')]));
      const entry = { at: now, counts };
      cached = entry;
      // A failed read is not kept: the next scrape tries again.
      counts.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return cached.counts;
  };
}
