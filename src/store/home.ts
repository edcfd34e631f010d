import type { Redis } from 'ioredis';
import type { Keys } from './keys';

/** Home is refreshed after a person's answers only while they opened it within this long (else on the next open). */
export const HOME_SEEN_TTL_SECONDS = 30 * 24 * 3600;
/** Channels kept per person for their boards on Home (the most recent answered in); older ones drop off. */
export const HOME_CHANNELS_MAX = 50;
/** The list of channels lives as long as the answers it points to (store/boards.ts ANSWERS_TTL_SECONDS). */
export const HOME_CHANNELS_TTL_SECONDS = 400 * 24 * 3600;

/** What App Home keeps of its own per person: whether they use Home, and the channels they answered in. */
export class HomeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** The person opened Home at `now` (ms). */
  async markSeen(team: string, user: string, now: number): Promise<void> {
    await this.redis.set(this.keys.home(team, user).seen, String(now), 'EX', HOME_SEEN_TTL_SECONDS);
  }

  /**
   * After an answer or a rating: notes the channel (for a channel answer) and says whether the person opened Home
   * lately, in one round trip whatever the history.
   */
  async noteActivity(team: string, user: string, channel: string | null, now: number): Promise<{ seen: boolean }> {
    const k = this.keys.home(team, user);
    const tx = this.redis.multi();
    if (channel) {
      tx.zadd(k.channels, now, channel)
        .zremrangebyrank(k.channels, 0, -(HOME_CHANNELS_MAX + 1))
        .expire(k.channels, HOME_CHANNELS_TTL_SECONDS);
    }
    tx.exists(k.seen);
    const res = (await tx.exec()) ?? [];
    for (const [error] of res) if (error) throw error;
    return { seen: Number(res.at(-1)?.[1] ?? 0) === 1 };
  }

  /** The channels the person answered in, most recent first, at most `limit`, and how many there are in all. */
  async channels(team: string, user: string, limit: number): Promise<{ channels: string[]; total: number }> {
    const k = this.keys.home(team, user).channels;
    const res = (await this.redis.multi().zrevrange(k, 0, limit - 1).zcard(k).exec()) ?? [];
    for (const [error] of res) if (error) throw error;
    return { channels: (res[0]?.[1] as string[]) ?? [], total: Number(res[1]?.[1] ?? 0) };
  }
}
