import type { Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { HomeRefresher } from '../home/deps';
import type { HomeStore } from '../store/home';
import { JOB, jobId } from './queues';

/** Home refreshes wait this long, so a burst of answers (a review session, an interview) publishes once. */
export const HOME_DEBOUNCE_MS = 2000;
/**
 * Answers within this window of a queued refresh join it; it closes well before the refresh gathers, so an
 * answer recorded after the window always queues another one.
 */
const HOME_JOIN_MS = 1500;
/** The same person and channel noted by this process this recently: nothing to do again. */
const LOCAL_JOIN_MS = 1000;

export interface HomeJobData {
  team: string;
  user: string;
}

/**
 * After an answer or a rating: one Redis round trip notes the channel and asks whether the person opened Home
 * lately; only then is a refresh queued, once per burst across processes (BullMQ deduplication). The vote never
 * waits on Slack, and people who never open Home cost no job.
 */
export class BullHomeRefresher implements HomeRefresher {
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly tasks: Queue,
    private readonly store: HomeStore,
    private readonly logger: Logger,
  ) {}

  async changed(team: string, user: string, channel: string | null): Promise<void> {
    const key = `${team}/${user}/${channel ?? ''}`;
    const now = Date.now();
    if ((this.recent.get(key) ?? 0) > now) return;
    this.recent.set(key, now + LOCAL_JOIN_MS);
    if (this.recent.size > 10_000) {
      for (const [k, until] of this.recent) if (until <= now) this.recent.delete(k);
    }
    try {
      const { seen } = await this.store.noteActivity(team, user, channel, now);
      if (!seen) return;
      const data: HomeJobData = { team, user };
      await this.tasks.add(JOB.homeRefresh, data, {
        delay: HOME_DEBOUNCE_MS,
        deduplication: { id: jobId('home', team, user), ttl: HOME_JOIN_MS },
        attempts: 3,
        backoff: { type: 'fixed', delay: 5_000 },
        // Nothing to look back on: a refresh done is gone.
        removeOnComplete: true,
      });
    } catch (error) {
      // Home is drawn afresh on the next open: the answer that called this stands.
      this.recent.delete(key);
      this.logger.warn({ err: (error as Error).message }, 'could not queue a Home refresh');
    }
  }
}
