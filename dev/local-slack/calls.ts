/**
 * What the stand-in heard: every Web API call in arrival order, waiting for calls (`waitFor`), and the change feed
 * the playground refreshes its page from (`onChange`).
 */
import type { LocalSlackChange, RecordedCall } from './types';

interface Waiter {
  match: (c: RecordedCall) => boolean;
  count: number;
  resolve: (calls: RecordedCall[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class CallRecorder {
  /** Every Web API call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: RecordedCall): void {
    this.calls.push(call);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /**
   * Resolves with the matching calls once at least `count` (default 1) have been recorded, checking calls already
   * recorded too. Rejects after `timeoutMs` (default 5000).
   */
  waitFor(
    predicate: string | ((c: RecordedCall) => boolean),
    opts: { count?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall[]> {
    const match = typeof predicate === 'string' ? (c: RecordedCall) => c.method === predicate : predicate;
    const count = opts.count ?? 1;
    const timeoutMs = opts.timeoutMs ?? 5000;
    const found = this.calls.filter(match);
    if (found.length >= count) return Promise.resolve(found);
    return new Promise<RecordedCall[]>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.calls.map((c) => `${c.method}(${c.outcome})`).join(', ') || 'none';
          const what = typeof predicate === 'string' ? predicate : 'predicate';
          reject(new Error(`LocalSlack.waitFor(${what}): ${this.calls.filter(match).length}/${count} after ${timeoutMs} ms; calls: ${seen}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Settles the waiters whose calls are now all there (after a call was recorded or answered). */
  notify(): void {
    for (const w of [...this.waiters]) {
      const found = this.calls.filter(w.match);
      if (found.length >= w.count) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(found);
      }
    }
  }

  /** Rejects every pending waitFor (the stand-in stopped). */
  stop(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('LocalSlack stopped while waiting for calls'));
    }
    this.waiters.clear();
  }
}

export class ChangeFeed {
  private readonly listeners = new Set<(change: LocalSlackChange) => void>();

  subscribe(listener: (change: LocalSlackChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: LocalSlackChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}
