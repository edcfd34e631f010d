import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';

/**
 * The listener work still running, whatever the listener: a listener acks first and goes on working (posting,
 * recording), so a request that was answered may still be writing to Redis. Shutdown waits for it (`settled`)
 * before it closes Redis, or a reveal would be left claimed with its answer posted but never recorded.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /**
   * A Bolt global middleware: every request passes through it, and Bolt's `next()` resolves once every listener
   * it reached has finished (after its ack too).
   */
  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    await this.track(next());
  };

  get size(): number {
    return this.running.size;
  }

  /** Runs `work` as listener work: until it settles, `settled()` waits for it. Its result and errors pass through. */
  track<T>(work: Promise<T>): Promise<T> {
    const done = work.finally(() => this.running.delete(done));
    this.running.add(done);
    return done;
  }

  /** Resolves once no work is running, or after `timeoutMs` with the work still running (true: all settled). */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
