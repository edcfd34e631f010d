/**
 * The playground's "⏩ Next day": the pretend day moves on, and with it the clock the bot's rules read (the
 * playground starts the bot with it), while BullMQ keeps real time. So a day passes by running now every delayed
 * job due by the end of the new day: each person's review delivery, the weekly recap, the question of the day, a
 * timed reveal, a mock interview's time-out (each acts on the time it was scheduled for). The page says how far it
 * got: "Caught up to the end of Wed 17 Jun (day +2)".
 */
import type { Queue } from 'bullmq';
import { endOfLocalDay } from '../../src/review/time';

const DAY_MS = 24 * 3600 * 1000;

export interface NextDayResult {
  /** Days gone by since the playground started. */
  day: number;
  /** Jobs that ran early, by name (`review-day`, `recap`, `post-qotd`, …). */
  promoted: Record<string, number>;
}

export class PlaygroundClock {
  private days = 0;

  /** `zones`: the teammates' time zones: the day ends when it has ended for all of them. */
  constructor(
    private readonly zones: readonly string[],
    private readonly now: () => number = Date.now,
  ) {}

  get day(): number {
    return this.days;
  }

  /** The pretend instant: now, `day` days on (for the page's date). */
  pretendNow(): number {
    return this.now() + this.days * DAY_MS;
  }

  /** One day on: every delayed job of `queues` due by the end of the new day, in every teammate's zone, runs now. */
  async nextDay(queues: readonly Queue[]): Promise<NextDayResult> {
    this.days += 1;
    const at = new Date(this.pretendNow());
    const until = Math.max(...this.zones.map((tz) => endOfLocalDay(at, tz)));
    const promoted: Record<string, number> = {};
    for (const queue of queues) {
      for (const job of await queue.getDelayed(0, -1)) {
        // The watchdog's own check is not something a day brings.
        if (job.name === 'watchdog' || job.timestamp + (job.opts.delay ?? 0) > until) continue;
        // Another worker may have taken it meanwhile (its delay ran out): then it is running already.
        const moved = await job.promote().then(
          () => true,
          () => false,
        );
        if (moved) promoted[job.name] = (promoted[job.name] ?? 0) + 1;
      }
    }
    return { day: this.days, promoted };
  }
}
