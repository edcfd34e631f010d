import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { ScheduleSettings } from '../model/schedules';

/** Channel schedules and channel settings (the time zone boards count weeks and months in). */
export class ScheduleStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(team: string, channel: string): Promise<ScheduleSettings | null> {
    const raw = await this.redis.get(this.keys.channel(team, channel).schedule);
    return raw ? (JSON.parse(raw) as ScheduleSettings) : null;
  }

  /** Saves the schedule and makes its zone the channel's zone, in one MULTI. */
  async save(team: string, channel: string, settings: ScheduleSettings): Promise<void> {
    const k = this.keys.channel(team, channel);
    await this.redis.multi().set(k.schedule, JSON.stringify(settings)).hset(k.settings, 'tz', settings.tz).exec();
  }

  async remove(team: string, channel: string): Promise<boolean> {
    return (await this.redis.del(this.keys.channel(team, channel).schedule)) === 1;
  }

  async pause(team: string, channel: string, reason: string): Promise<void> {
    const current = await this.get(team, channel);
    if (current) await this.save(team, channel, { ...current, pausedReason: reason });
  }

  /** True the first time it is asked for a channel (one Redis SET NX): the bot's welcome is said once. */
  async firstWelcome(team: string, channel: string): Promise<boolean> {
    return (await this.redis.set(this.keys.channel(team, channel).welcomed, '1', 'NX')) === 'OK';
  }

  /** Whether the channel's weekly recap is on (it is unless `schedule recap off` said otherwise; kept across schedules). */
  async recapOn(team: string, channel: string): Promise<boolean> {
    return (await this.redis.hget(this.keys.channel(team, channel).settings, 'recap')) !== 'off';
  }

  /** Turns the weekly recap on or off; returns whether it was on before. */
  async setRecapOn(team: string, channel: string, on: boolean): Promise<boolean> {
    const key = this.keys.channel(team, channel).settings;
    const res = on ? await this.redis.multi().hget(key, 'recap').hdel(key, 'recap').exec() : await this.redis.multi().hget(key, 'recap').hset(key, 'recap', 'off').exec();
    return res?.[0]?.[1] !== 'off';
  }

  /** The channel's time zone for weeks and months; UTC until a schedule sets one. */
  async channelTimeZone(team: string, channel: string): Promise<string> {
    return (await this.redis.hget(this.keys.channel(team, channel).settings, 'tz')) ?? 'UTC';
  }
}
