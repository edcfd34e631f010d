import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { QuizMetrics } from '../quiz/deps';

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
      new Gauge({
        name: 'devops_quiz_queue_jobs',
        help: 'Jobs in each BullMQ queue, by state.',
        labelNames: ['queue', 'state'],
        registers: [registry],
        async collect() {
          for (const queue of queues) {
            const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
            for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
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
