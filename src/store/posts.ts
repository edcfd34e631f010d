import type { Redis } from 'ioredis';
import type { Keys } from './keys';

/** How long a posted question stays answerable (reveal and level buttons). */
const POST_TTL_SECONDS = 180 * 24 * 3600;

export type PostKind = 'qotd' | 'adhoc';

export interface PostRecord {
  questionId: string;
  kind: PostKind;
  /** Sequence number among the channel's questions of the day (streaks count these). */
  seq: number | null;
  postedAt: number;
  /** Who asked for it with the slash command (ad-hoc questions), so the footer keeps saying so after a reveal. */
  requestedBy: string | null;
  /** Who clicked Reveal first ('auto' for the delayed reveal job), once claimed. */
  revealedBy: string | null;
  /** ts of the answer message in the thread, once posted. */
  answerTs: string | null;
  /** How many people answered at each level: [not yet, beginner, intermediate, advanced]. */
  tally: [number, number, number, number];
}

/** Claims of a day's question outlive any retry or redelivery of its job. */
const CLAIM_TTL_SECONDS = 14 * 24 * 3600;

interface ClaimValue {
  state: 'posting' | 'posted' | 'failed';
  seq: number;
  at: number;
  attempt?: string;
  ts?: string;
}

export type QotdClaim =
  | { status: 'claimed'; seq: number }
  | { status: 'posted'; ts: string }
  | { status: 'posting'; attempt: string; ageMs: number; seq: number };

export type RevealClaim =
  | { status: 'claimed'; post: PostRecord }
  | { status: 'taken'; post: PostRecord }
  | { status: 'missing' };

/** Posted questions and their reveal state, one hash per message. */
export class PostStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async create(team: string, channel: string, ts: string, post: Pick<PostRecord, 'questionId' | 'kind' | 'seq' | 'postedAt'> & Partial<Pick<PostRecord, 'requestedBy'>>): Promise<void> {
    const key = this.keys.channel(team, channel).post(ts);
    const fields: Record<string, string> = { questionId: post.questionId, kind: post.kind, postedAt: String(post.postedAt) };
    if (post.seq !== null) fields.seq = String(post.seq);
    if (post.requestedBy) fields.requestedBy = post.requestedBy;
    await this.redis.multi().hset(key, fields).expire(key, POST_TTL_SECONDS).exec();
  }

  async get(team: string, channel: string, ts: string): Promise<PostRecord | null> {
    return toRecord(await this.redis.hgetall(this.keys.channel(team, channel).post(ts)));
  }

  /** Claims the right to reveal: exactly one caller gets `claimed`, however many click at once. */
  async claimReveal(team: string, channel: string, ts: string, by: string): Promise<RevealClaim> {
    const key = this.keys.channel(team, channel).post(ts);
    const [[, claimed], [, hash]] = (await this.redis.multi().hsetnx(key, 'revealedBy', by).hgetall(key).exec()) as [
      [unknown, number],
      [unknown, Record<string, string>],
    ];
    const post = toRecord(hash);
    if (!post || !post.questionId) {
      // HSETNX created a stray hash for an unknown message: remove it again.
      if (claimed) await this.redis.del(key);
      return { status: 'missing' };
    }
    return { status: claimed ? 'claimed' : 'taken', post };
  }

  /**
   * Claims the question of the day for one local date: `claimed` for the first attempt, with
   * the day's sequence number (kept across retries, so a retry never breaks streaks); `posted`
   * when it is already out; `posting` with the claim's age while another attempt holds it
   * (that worker may have died after Slack accepted the post).
   */
  async claimQotd(team: string, channel: string, localDate: string, attempt: string, nowMs: number): Promise<QotdClaim> {
    const k = this.keys.channel(team, channel);
    const key = k.qotdClaim(localDate);
    const fresh: ClaimValue = { state: 'posting', attempt, at: nowMs, seq: 0 };
    if (await this.redis.set(key, JSON.stringify(fresh), 'EX', CLAIM_TTL_SECONDS, 'NX')) {
      fresh.seq = await this.redis.incr(k.qotdSeq);
      await this.redis.set(key, JSON.stringify(fresh), 'EX', CLAIM_TTL_SECONDS, 'XX');
      return { status: 'claimed', seq: fresh.seq };
    }
    const current = JSON.parse((await this.redis.get(key)) ?? '{}') as Partial<ClaimValue>;
    if (current.state === 'posted') return { status: 'posted', ts: current.ts ?? '' };
    if (current.state === 'failed') return this.retakeQotd(team, channel, localDate, attempt, current.seq ?? 0, nowMs);
    return { status: 'posting', attempt: current.attempt ?? '', ageMs: nowMs - (current.at ?? 0), seq: current.seq ?? 0 };
  }

  /**
   * Takes over a failed or stale claim for a new attempt, keeping its sequence number.
   * `at` is when the attempt's request to Slack started (0: none is in flight).
   */
  async retakeQotd(team: string, channel: string, localDate: string, attempt: string, seq: number, at: number): Promise<QotdClaim> {
    const value: ClaimValue = { state: 'posting', attempt, at, seq };
    await this.redis.set(this.keys.channel(team, channel).qotdClaim(localDate), JSON.stringify(value), 'EX', CLAIM_TTL_SECONDS);
    return { status: 'claimed', seq };
  }

  async markQotdPosted(team: string, channel: string, localDate: string, ts: string, seq: number, nowMs: number): Promise<void> {
    const value: ClaimValue = { state: 'posted', ts, seq, at: nowMs };
    await this.redis.set(this.keys.channel(team, channel).qotdClaim(localDate), JSON.stringify(value), 'EX', CLAIM_TTL_SECONDS);
  }

  /** Marks a claim whose post surely did not happen (Slack said no), so a retry may post. */
  async failQotd(team: string, channel: string, localDate: string, seq: number, nowMs: number): Promise<void> {
    const value: ClaimValue = { state: 'failed', seq, at: nowMs };
    await this.redis.set(this.keys.channel(team, channel).qotdClaim(localDate), JSON.stringify(value), 'EX', CLAIM_TTL_SECONDS);
  }

  async completeReveal(team: string, channel: string, ts: string, answerTs: string): Promise<void> {
    await this.redis.hset(this.keys.channel(team, channel).post(ts), 'answerTs', answerTs);
  }

  /** Gives the claim back after a failed reveal, so the next click can try again. */
  async releaseReveal(team: string, channel: string, ts: string): Promise<void> {
    await this.redis.hdel(this.keys.channel(team, channel).post(ts), 'revealedBy');
  }
}

function toRecord(hash: Record<string, string>): PostRecord | null {
  if (!hash || !hash.questionId) return null;
  return {
    questionId: hash.questionId,
    kind: hash.kind === 'qotd' ? 'qotd' : 'adhoc',
    seq: hash.seq ? Number(hash.seq) : null,
    postedAt: Number(hash.postedAt ?? 0),
    requestedBy: hash.requestedBy ?? null,
    revealedBy: hash.revealedBy ?? null,
    answerTs: hash.answerTs ?? null,
    tally: [0, 1, 2, 3].map((l) => Number(hash[`tally:${l}`] ?? 0)) as PostRecord['tally'],
  };
}
