import type { Redis } from 'ioredis';
import type { Keys } from './keys';

/**
 * How long a slash command's trigger_id is remembered. A signed request is accepted while its timestamp is within
 * five minutes of now, either way, so a copy can arrive up to ten minutes after the first delivery (when that one
 * was stamped five minutes ahead of this clock); remembering it that long leaves no gap.
 */
export const COMMAND_MEMORY_SECONDS = 2 * 5 * 60;

/** Slash commands already taken, by trigger_id: a replayed or redelivered request is recognised and does nothing. */
export class DeliveryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** True the first time this command arrives; false for every copy of it (one `SET NX`). */
  async firstDelivery(team: string, triggerId: string): Promise<boolean> {
    const claimed = await this.redis.set(this.keys.commandDelivery(team, triggerId), '1', 'EX', COMMAND_MEMORY_SECONDS, 'NX');
    return claimed === 'OK';
  }
}
