import type { Redis } from 'ioredis';
import type { PostClaim } from './posts';

/** What a claim key holds (JSON): who is posting since when, or the post that went out. */
interface ClaimValue {
  state: 'posting' | 'posted' | 'failed';
  at: number;
  attempt?: string;
  ts?: string;
}

/**
 * One post claimed on one string key, for posts made exactly once however often their job or click runs (the
 * claim half of quiz/exactly-once.ts): `SET NX` takes it; `posted` names the post that went out; `posting` an
 * attempt under way (or cut off: its age tells); `failed` a post Slack refused, which the next attempt takes over.
 * The key expires after `ttlSeconds`, which must outlive every retry of what it guards.
 */
export class ClaimSlot {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlSeconds: number,
  ) {}

  async claim(attempt: string, nowMs: number): Promise<PostClaim> {
    const fresh: ClaimValue = { state: 'posting', attempt, at: nowMs };
    if (await this.redis.set(this.key, JSON.stringify(fresh), 'EX', this.ttlSeconds, 'NX')) return { status: 'claimed', seq: null };
    const current = readClaim(await this.redis.get(this.key));
    if (current?.state === 'posted') return { status: 'posted', ts: current.ts ?? '' };
    if (!current || current.state === 'failed') {
      await this.retake(attempt, null, nowMs);
      return { status: 'claimed', seq: null };
    }
    return { status: 'posting', attempt: current.attempt ?? '', ageMs: nowMs - current.at, seq: null };
  }

  /** Takes over a failed or stale claim; `at` is when this attempt's request starts (0: none is in flight). */
  async retake(attempt: string, _seq: number | null, at: number): Promise<void> {
    await this.write({ state: 'posting', attempt, at });
  }

  async markPosted(ts: string, _seq: number | null, nowMs: number): Promise<void> {
    await this.write({ state: 'posted', ts, at: nowMs });
  }

  /** Slack said no: nothing went out, so the next attempt may post. */
  async fail(_seq: number | null, nowMs: number): Promise<void> {
    await this.write({ state: 'failed', at: nowMs });
  }

  private async write(value: ClaimValue): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(value), 'EX', this.ttlSeconds);
  }
}

/** The post a claim recorded (its ts), `posting` while one is under way, or null (none, or failed). */
export function claimedPost(raw: string | null): { ts: string } | 'posting' | null {
  const value = readClaim(raw);
  if (value?.state === 'posted' && value.ts) return { ts: value.ts };
  return value?.state === 'posting' ? 'posting' : null;
}

function readClaim(raw: string | null): ClaimValue | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<ClaimValue>;
    return v && (v.state === 'posting' || v.state === 'posted' || v.state === 'failed') && typeof v.at === 'number' ? (v as ClaimValue) : null;
  } catch {
    return null;
  }
}
