import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { PostOccasion } from '../model/posts';
import { withScripts } from './scripts/define';
import { CLAIM_REVEAL } from './scripts/claim-reveal';

interface PostScripts {
  dqClaimReveal(key: string, by: string, nowMs: string, staleAt: string): Promise<[string, string[]?]>;
}

/** How long a posted question stays answerable (reveal and level buttons). */
const POST_TTL_SECONDS = 180 * 24 * 3600;

/**
 * How long a channel's record of the questions it was given outlives its last post. At most one entry per
 * question of the bank; kept as long as the posts, so a channel that pauses for months still gets new ones first.
 */
const POSTED_TTL_SECONDS = POST_TTL_SECONDS;

/**
 * A member of the channel's record that is no question (question ids hold a `/`): when the record was started. A
 * record that expired and began again has another one, so "every question of a filter was posted" stays true
 * exactly while it is the same.
 */
const POSTED_SINCE = '#since';

/**
 * The channel's recent posts (for the weekly recap, which reads one week of them): entries older than this go as
 * posts are added, at most RECENT_POSTS_MAX are kept, and the set expires this long after the channel's last post.
 */
const RECENT_POSTS_KEEP_MS = 35 * 24 * 3600 * 1000;
export const RECENT_POSTS_MAX = 500;

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
  /** When the reveal was claimed (ms; 0 for a claim made before claims kept their time). */
  revealedAt: number | null;
  /** ts of the answer message in the thread, once posted. */
  answerTs: string | null;
  /** How many people answered at each level: [not yet, beginner, intermediate, advanced]. */
  tally: [number, number, number, number];
}

/**
 * Claims outlive any retry or redelivery of their job: a day's question for two weeks, a question asked for with
 * the slash command for a day (its job gives up long before; a command is not redelivered after minutes).
 */
const CLAIM_TTL_SECONDS: Record<PostOccasion['kind'], number> = { qotd: 14 * 24 * 3600, ask: 24 * 3600, recap: 21 * 24 * 3600 };

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

/** Posted questions and their reveal state, one hash per message; and per channel, which questions it was given when. */
export class PostStore {
  private readonly redis: Redis & PostScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<PostScripts>(redis, { dqClaimReveal: CLAIM_REVEAL });
  }

  async create(team: string, channel: string, ts: string, post: Pick<PostRecord, 'questionId' | 'kind' | 'seq' | 'postedAt'> & Partial<Pick<PostRecord, 'requestedBy'>>): Promise<void> {
    const key = this.keys.channel(team, channel).post(ts);
    const fields: Record<string, string> = { questionId: post.questionId, kind: post.kind, postedAt: String(post.postedAt) };
    if (post.seq !== null) fields.seq = String(post.seq);
    if (post.requestedBy) fields.requestedBy = post.requestedBy;
    // The channel's record of what it was given, written with the post (and only for a post that went out).
    const posted = this.keys.channel(team, channel).posted;
    const recent = this.keys.channel(team, channel).recentPosts;
    await this.redis
      .multi()
      .hset(key, fields)
      .expire(key, POST_TTL_SECONDS)
      .zadd(posted, 'NX', post.postedAt, POSTED_SINCE)
      .zadd(posted, post.postedAt, post.questionId)
      .expire(posted, POSTED_TTL_SECONDS)
      .zadd(recent, post.postedAt, ts)
      .zremrangebyscore(recent, '-inf', `(${post.postedAt - RECENT_POSTS_KEEP_MS}`)
      .zremrangebyrank(recent, 0, -RECENT_POSTS_MAX - 1)
      .expire(recent, Math.ceil(RECENT_POSTS_KEEP_MS / 1000))
      .exec();
  }

  /** The channel's posts made in [from, to) (ms), oldest first, with their records (those still kept). */
  async postedBetween(team: string, channel: string, from: number, to: number): Promise<Array<PostRecord & { ts: string }>> {
    const k = this.keys.channel(team, channel);
    const tss = await this.redis.zrangebyscore(k.recentPosts, String(from), `(${to}`);
    if (tss.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ts of tss) pipeline.hgetall(k.post(ts));
    const hashes = (await pipeline.exec()) ?? [];
    const out: Array<PostRecord & { ts: string }> = [];
    hashes.forEach(([error, hash], i) => {
      if (error) throw error;
      const record = toRecord(hash as Record<string, string>);
      if (record) out.push({ ...record, ts: tss[i] });
    });
    return out;
  }

  /**
   * When each of `ids` was last posted in the channel (ms), for those it ever was, and when the channel's record
   * began (null: it has none): one ZMSCORE.
   */
  async lastPosted(team: string, channel: string, ids: readonly string[]): Promise<{ at: Map<string, number>; since: number | null }> {
    const scores = await this.redis.zmscore(this.keys.channel(team, channel).posted, POSTED_SINCE, ...ids);
    const at = new Map<string, number>();
    scores.slice(1).forEach((score, i) => {
      if (score !== null) at.set(ids[i], Number(score));
    });
    return { at, since: scores[0] === null ? null : Number(scores[0]) };
  }

  /** The `count` questions the channel was given longest ago, oldest first, and when its record began: one round trip. */
  async oldestPosted(team: string, channel: string, count: number): Promise<{ ids: string[]; since: number | null }> {
    const posted = this.keys.channel(team, channel).posted;
    const [[sinceError, since], [rangeError, range]] = (await this.redis.pipeline().zscore(posted, POSTED_SINCE).zrange(posted, '0', String(count)).exec()) as [
      [Error | null, string | null],
      [Error | null, string[]],
    ];
    if (sinceError || rangeError) throw sinceError ?? rangeError;
    return { ids: range.filter((id) => id !== POSTED_SINCE).slice(0, count), since: since === null ? null : Number(since) };
  }

  async get(team: string, channel: string, ts: string): Promise<PostRecord | null> {
    return toRecord(await this.redis.hgetall(this.keys.channel(team, channel).post(ts)));
  }

  /**
   * Claims the right to reveal: exactly one caller gets `claimed`, however many click at once. With `staleAt`
   * (the `revealedAt` of a claim too old to still be posting, whose answer is nowhere), takes that claim over
   * instead, again for one caller only.
   */
  async claimReveal(team: string, channel: string, ts: string, by: string, nowMs: number, staleAt?: number): Promise<RevealClaim> {
    const key = this.keys.channel(team, channel).post(ts);
    const [status, flat = []] = await this.redis.dqClaimReveal(key, by, String(nowMs), staleAt === undefined ? '' : String(staleAt));
    const hash: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i]] = flat[i + 1];
    const post = toRecord(hash);
    if (status === 'missing' || !post) return { status: 'missing' };
    return { status: status === 'claimed' ? 'claimed' : 'taken', post };
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
    if (occasion.kind === 'recap') return k.recapClaim(occasion.week);
    return occasion.kind === 'qotd' ? k.qotdClaim(occasion.date) : k.askClaim(occasion.trigger);
  }

  private async writeClaim(team: string, channel: string, occasion: PostOccasion, value: ClaimValue): Promise<void> {
    await this.redis.set(this.claimKey(team, channel, occasion), JSON.stringify(value), 'EX', CLAIM_TTL_SECONDS[occasion.kind]);
  }

  /**
   * Records the answer message and returns the one recorded: the first recorded stays, so this differs from
   * `answerTs` for a post that landed after its claim had been taken over.
   */
  async completeReveal(team: string, channel: string, ts: string, answerTs: string): Promise<string | null> {
    const key = this.keys.channel(team, channel).post(ts);
    const [, [, recorded]] = (await this.redis.multi().hsetnx(key, 'answerTs', answerTs).hget(key, 'answerTs').exec()) as [[unknown, number], [unknown, string | null]];
    return recorded;
  }

  /** Gives the claim back after a reveal that surely posted nothing, so the next click can try again. */
  async releaseReveal(team: string, channel: string, ts: string): Promise<void> {
    await this.redis.hdel(this.keys.channel(team, channel).post(ts), 'revealedBy', 'revealedAt');
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
    revealedAt: hash.revealedBy ? Number(hash.revealedAt ?? 0) : null,
    answerTs: hash.answerTs ?? null,
    tally: [0, 1, 2, 3].map((l) => Number(hash[`tally:${l}`] ?? 0)) as PostRecord['tally'],
  };
}
