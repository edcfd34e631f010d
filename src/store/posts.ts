import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { PostOccasion } from '../model/posts';

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

/**
 * Claims outlive any retry or redelivery of their job: a day's question for two weeks, a question asked for with
 * the slash command for a day (its job gives up long before; a command is not redelivered after minutes).
 */
const CLAIM_TTL_SECONDS: Record<PostOccasion['kind'], number> = { qotd: 14 * 24 * 3600, ask: 24 * 3600 };

interface ClaimValue {
  state: 'posting' | 'posted' | 'failed';
  /** The question of the day's sequence number (streaks); null for an asked-for question. */
  seq: number | null;
  at: number;
  attempt?: string;
  ts?: string;
}

export type PostClaim =
  | { status: 'claimed'; seq: number | null }
  | { status: 'posted'; ts: string }
  | { status: 'posting'; attempt: string; ageMs: number; seq: number | null };

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
   * Claims one post (see PostOccasion): `claimed` for the first attempt, with the day's sequence number for a
   * question of the day (kept across retries, so a retry never breaks streaks); `posted` when it is already out;
   * `posting` with the claim's age while another attempt holds it (that worker may have died after Slack
   * accepted the post).
   */
  async claimPost(team: string, channel: string, occasion: PostOccasion, attempt: string, nowMs: number): Promise<PostClaim> {
    const key = this.claimKey(team, channel, occasion);
    const ttl = CLAIM_TTL_SECONDS[occasion.kind];
    const fresh: ClaimValue = { state: 'posting', attempt, at: nowMs, seq: occasion.kind === 'qotd' ? 0 : null };
    if (await this.redis.set(key, JSON.stringify(fresh), 'EX', ttl, 'NX')) {
      if (occasion.kind !== 'qotd') return { status: 'claimed', seq: null };
      fresh.seq = await this.redis.incr(this.keys.channel(team, channel).qotdSeq);
      await this.redis.set(key, JSON.stringify(fresh), 'EX', ttl, 'XX');
      return { status: 'claimed', seq: fresh.seq };
    }
    const current = JSON.parse((await this.redis.get(key)) ?? '{}') as Partial<ClaimValue>;
    const seq = current.seq ?? (occasion.kind === 'qotd' ? 0 : null);
    if (current.state === 'posted') return { status: 'posted', ts: current.ts ?? '' };
    if (current.state === 'failed') return this.retakePost(team, channel, occasion, attempt, seq, nowMs);
    return { status: 'posting', attempt: current.attempt ?? '', ageMs: nowMs - (current.at ?? 0), seq };
  }

  /**
   * Takes over a failed or stale claim for a new attempt, keeping its sequence number.
   * `at` is when the attempt's request to Slack started (0: none is in flight).
   */
  async retakePost(team: string, channel: string, occasion: PostOccasion, attempt: string, seq: number | null, at: number): Promise<PostClaim> {
    await this.writeClaim(team, channel, occasion, { state: 'posting', attempt, at, seq });
    return { status: 'claimed', seq };
  }

  async markPosted(team: string, channel: string, occasion: PostOccasion, ts: string, seq: number | null, nowMs: number): Promise<void> {
    await this.writeClaim(team, channel, occasion, { state: 'posted', ts, seq, at: nowMs });
  }

  /** Marks a claim whose post surely did not happen (Slack said no), so a retry may post. */
  async failPost(team: string, channel: string, occasion: PostOccasion, seq: number | null, nowMs: number): Promise<void> {
    await this.writeClaim(team, channel, occasion, { state: 'failed', seq, at: nowMs });
  }

  private claimKey(team: string, channel: string, occasion: PostOccasion): string {
    const k = this.keys.channel(team, channel);
    return occasion.kind === 'qotd' ? k.qotdClaim(occasion.date) : k.askClaim(occasion.trigger);
  }

  private async writeClaim(team: string, channel: string, occasion: PostOccasion, value: ClaimValue): Promise<void> {
    await this.redis.set(this.claimKey(team, channel, occasion), JSON.stringify(value), 'EX', CLAIM_TTL_SECONDS[occasion.kind]);
  }

  /**
   * Records the answer message and returns the one recorded: the first recorded stays, so this differs from
   * `answerTs` for a post that landed after its claim had been taken over.
   */
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
