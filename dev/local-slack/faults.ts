/**
 * Scripted trouble: the next calls to a method (or to response_urls) fail, stall or are dropped (`failNext`), and
 * chat.postMessage can be rate-limited like Slack's per-channel and per-workspace limits (`setRateLimit`).
 */
import { HttpReply } from './http';
import type { Args, FaultOutcome, RateLimitConfig } from './types';
import { str } from './values';

export class Faults {
  private readonly queued = new Map<string, FaultOutcome[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rateLimit: RateLimitConfig | undefined;
  private readonly channelPosts = new Map<string, number[]>();
  private workspacePosts: number[] = [];

  constructor(private readonly now: () => number) {}

  /** The next `times` calls to `method` (or `'response_url'`) get `outcome` instead of (or, for delay/drop, besides) normal handling. */
  failNext(method: string, outcome: FaultOutcome, times = 1): void {
    const q = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i++) q.push(outcome);
    this.queued.set(method, q);
  }

  /** The fault scripted for this call of `method`, if any (each is used once). */
  take(method: string): FaultOutcome | undefined {
    return this.queued.get(method)?.shift();
  }

  clear(): void {
    this.queued.clear();
  }

  /** Rate-limits chat.postMessage (429 + Retry-After). `undefined` removes the limit. */
  setRateLimit(config: RateLimitConfig | undefined): void {
    this.rateLimit = config;
    this.channelPosts.clear();
    this.workspacePosts = [];
  }

  /** A 429 when this post is over a limit; otherwise counts it and returns undefined. */
  checkRateLimit(args: Args): HttpReply | undefined {
    const rl = this.rateLimit;
    if (!rl) return undefined;
    const now = this.now();
    const channel = str(args.channel) ?? '';
    const perChannel = (this.channelPosts.get(channel) ?? []).filter((t) => t > now - 1000);
    this.workspacePosts = this.workspacePosts.filter((t) => t > now - 60_000);
    let retryMs = 0;
    if (rl.perChannelPerSecond !== undefined && perChannel.length >= rl.perChannelPerSecond) {
      retryMs = Math.max(retryMs, perChannel[perChannel.length - rl.perChannelPerSecond] + 1000 - now);
    }
    if (rl.workspacePerMinute !== undefined && this.workspacePosts.length >= rl.workspacePerMinute) {
      const idx = this.workspacePosts.length - rl.workspacePerMinute;
      retryMs = Math.max(retryMs, this.workspacePosts[idx] + 60_000 - now);
    }
    if (retryMs > 0) {
      const retryAfter = Math.max(1, Math.ceil(retryMs / 1000));
      return new HttpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    perChannel.push(now);
    this.channelPosts.set(channel, perChannel);
    this.workspacePosts.push(now);
    return undefined;
  }

  /** A scripted delay, on the real clock. `stop` cancels pending ones: their requests are never answered. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
