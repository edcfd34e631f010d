import type { ScheduleStore } from '../store/schedules';

/**
 * Channel time zones (weeks and months of the boards are counted in them), cached for a minute
 * per process: zones change rarely, and the cache keeps a vote at one Redis round trip. A
 * schedule change in this process forgets its channel at once; other processes catch up within
 * the minute.
 */
export class ChannelZones {
  private readonly cache = new Map<string, { tz: string; until: number }>();

  constructor(
    private readonly schedules: Pick<ScheduleStore, 'channelTimeZone'>,
    private readonly now: () => Date,
    private readonly ttlMs = 60_000,
  ) {}

  async get(team: string, channel: string): Promise<string> {
    const key = `${team}\u0000${channel}`;
    const now = this.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.tz;
    const tz = await this.schedules.channelTimeZone(team, channel);
    this.cache.set(key, { tz, until: now + this.ttlMs });
    return tz;
  }

  forget(team: string, channel: string): void {
    this.cache.delete(`${team}\u0000${channel}`);
  }
}
