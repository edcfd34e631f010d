import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { withScripts } from './scripts/define';
import { TAKE_POST_SLOT } from './scripts/take-post-slot';

export interface PacerLimits {
  /** Posts per sliding minute per team (Slack's workspace-wide limit for chat.postMessage). */
  perMinute: number;
  /** Posts per second per channel. */
  perSecond: number;
}

interface PacerScripts {
  dqTakePostSlot(teamKey: string, channelKey: string, blockedKey: string, ...args: string[]): Promise<number>;
}

/**
 * One pace per team for everything the bot posts: each team has its own windows and its own
 * "blocked until" from Slack's Retry-After, so a busy or rate-limited team never slows another.
 */
export class PacerStore {
  private readonly redis: Redis & PacerScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly limits: PacerLimits,
  ) {
    this.redis = withScripts<PacerScripts>(redis, { dqTakePostSlot: TAKE_POST_SLOT });
  }

  /** 0 when a post may go now (its slot is taken), else how many milliseconds to wait. */
  async take(team: string, channel: string | null, nowMs: number): Promise<number> {
    const k = this.keys.pace(team);
    return this.redis.dqTakePostSlot(
      k.minute,
      channel ? k.channel(channel) : k.minute,
      k.blockedUntil,
      String(nowMs),
      randomBytes(6).toString('hex'),
      String(this.limits.perMinute),
      String(this.limits.perSecond),
      channel ? '1' : '0',
    );
  }

  /** Slack said 429 for this team: nothing of it posts before `untilMs`. */
  async block(team: string, untilMs: number, nowMs: number): Promise<void> {
    const key = this.keys.pace(team).blockedUntil;
    // Keep the later of two blocks; the key goes once it is over.
    const current = Number((await this.redis.get(key)) ?? 0);
    if (untilMs > current) await this.redis.set(key, String(untilMs), 'PX', Math.max(1, untilMs - nowMs) + 1000);
  }
}
