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
  /** Who clicked Reveal first ('auto' for the delayed reveal job), once claimed. */
  revealedBy: string | null;
  /** ts of the answer message in the thread, once posted. */
  answerTs: string | null;
}

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

  async create(team: string, channel: string, ts: string, post: Pick<PostRecord, 'questionId' | 'kind' | 'seq' | 'postedAt'>): Promise<void> {
    const key = this.keys.channel(team, channel).post(ts);
    const fields: Record<string, string> = { questionId: post.questionId, kind: post.kind, postedAt: String(post.postedAt) };
    if (post.seq !== null) fields.seq = String(post.seq);
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
    revealedBy: hash.revealedBy ?? null,
    answerTs: hash.answerTs ?? null,
  };
}
