/**
 * Scripted trouble: the next calls to a method (or to response_urls) fail, stall or are dropped (`failNext`), and
 * chat.postMessage can be rate-limited like Slack's limits: per channel and per workspace, each team counted on its
 * own by the calling token's team (`setRateLimit`), or one team answered 429 on every post (`rateLimitTeam`).
 */
import { HttpReply } from './http';
import type { Args, FaultOutcome, RateLimitConfig } from './types';
import { str } from './values';

export class Faults {
  private readonly queued = new Map<string, FaultOutcome[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rateLimit: RateLimitConfig | undefined;
  /** Accepted posts of the last second per team and channel, and of the last minute per team. */
  private readonly channelPosts = new Map<string, number[]>();
  private readonly teamPosts = new Map<string, number[]>();
  /** Teams that answer 429 to every post, with the Retry-After (seconds) they give. */
  private readonly limitedTeams = new Map<string, number>();

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

  /** Rate-limits chat.postMessage (429 + Retry-After), each team on its own. `undefined` removes the limits. */
  setRateLimit(config: RateLimitConfig | undefined): void {
    this.rateLimit = config;
    this.channelPosts.clear();
    this.teamPosts.clear();
  }

  /**
   * Every chat.postMessage of `team` answers 429 with `Retry-After: retryAfterSeconds`, however long the app waits,
   * until called again with `undefined`; other teams are not affected.
   */
  rateLimitTeam(team: string, retryAfterSeconds: number | undefined): void {
    if (retryAfterSeconds === undefined) this.limitedTeams.delete(team);
    else this.limitedTeams.set(team, retryAfterSeconds);
  }

  /** No limits at all: neither `setRateLimit`'s nor any team's 429s. */
  clearRateLimits(): void {
    this.setRateLimit(undefined);
    this.limitedTeams.clear();
  }

  /** A 429 when this post of `team` is over a limit; otherwise counts it and returns undefined. */
  checkRateLimit(args: Args, team: string): HttpReply | undefined {
    const limited = this.limitedTeams.get(team);
    if (limited !== undefined) return rateLimited(limited);
    const rl = this.rateLimit;
    if (!rl) return undefined;
    const now = this.now();
    const channelKey = `${team}/${str(args.channel) ?? ''}`;
    const perChannel = (this.channelPosts.get(channelKey) ?? []).filter((t) => t > now - 1000);
    const perTeam = (this.teamPosts.get(team) ?? []).filter((t) => t > now - 60_000);
    let retryMs = 0;
    if (rl.perChannelPerSecond !== undefined && perChannel.length >= rl.perChannelPerSecond) {
      retryMs = Math.max(retryMs, perChannel[perChannel.length - rl.perChannelPerSecond] + 1000 - now);
    }
    if (rl.workspacePerMinute !== undefined && perTeam.length >= rl.workspacePerMinute) {
      retryMs = Math.max(retryMs, perTeam[perTeam.length - rl.workspacePerMinute] + 60_000 - now);
    }
    if (retryMs > 0) {
      this.channelPosts.set(channelKey, perChannel);
      this.teamPosts.set(team, perTeam);
      return rateLimited(Math.max(1, Math.ceil(retryMs / 1000)));
    }
    perChannel.push(now);
    perTeam.push(now);
    this.channelPosts.set(channelKey, perChannel);
    this.teamPosts.set(team, perTeam);
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

function rateLimited(retryAfterSeconds: number): HttpReply {
  return new HttpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfterSeconds) });
}
