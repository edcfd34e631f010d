import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { parseLevelScore } from '../model/levels';
import type { DeliveryState, DmRating, ReviewDmRecord } from '../model/review-dms';
import { ClaimSlot, claimedPost } from './claims';
import { REVIEW_SETTINGS_TTL_SECONDS } from './reviews';
import { withScripts } from './scripts/define';
import { ADVANCE_DELIVERY } from './scripts/review-dms';

interface DmScripts {
  dqAdvanceDelivery(key: string, from: string, to: string, ttl: string): Promise<number>;
}

/** A day's claim outlives every retry of its delivery job (BullMQ gives up within hours). */
const DAY_CLAIM_TTL_SECONDS = 14 * 24 * 3600;
/** A sent DM's buttons work this long (its record, and its reveal claims, expire then). */
export const REVIEW_DM_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Reviews by DM, per person: the delivery's chain of jobs (`next`, `last`), the DM channel, which cards went out
 * when, the claim of each local day's DM and a record of each DM sent (for its buttons).
 */
export class ReviewDmStore {
  private readonly redis: Redis & DmScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<DmScripts>(redis, { dqAdvanceDelivery: ADVANCE_DELIVERY });
  }

  async state(team: string, user: string): Promise<DeliveryState> {
    const [next, last, im] = await this.redis.hmget(this.keys.reviewDm(team, user).state, 'next', 'last', 'im');
    const num = (v: string | null) => (v !== null && Number.isFinite(Number(v)) ? Number(v) : null);
    return { next: num(next), last: num(last), im: im || null };
  }

  /** A settings change names the person's next delivery job (null: none). */
  async setNext(team: string, user: string, next: number | null): Promise<void> {
    const key = this.keys.reviewDm(team, user).state;
    const tx = this.redis.multi();
    if (next === null) tx.hdel(key, 'next');
    else tx.hset(key, 'next', String(next));
    await tx.expire(key, REVIEW_SETTINGS_TTL_SECONDS).exec();
  }

  /**
   * The job scheduled for `from` ran: the state names `to` next (null: the chain ends), if `from` was the current
   * job (or this is a second run of it). False when another job is current: this one is left over.
   */
  async advance(team: string, user: string, from: number, to: number | null): Promise<boolean> {
    const moved = await this.redis.dqAdvanceDelivery(this.keys.reviewDm(team, user).state, String(from), to === null ? '' : String(to), String(REVIEW_SETTINGS_TTL_SECONDS));
    return moved === 1;
  }

  async setIm(team: string, user: string, im: string): Promise<void> {
    const key = this.keys.reviewDm(team, user).state;
    await this.redis.multi().hset(key, 'im', im).expire(key, REVIEW_SETTINGS_TTL_SECONDS).exec();
  }

  /** The claim of the person's DM for one local date. */
  dayClaim(team: string, user: string, date: string): ClaimSlot {
    return new ClaimSlot(this.redis, this.keys.reviewDm(team, user).claim(date), DAY_CLAIM_TTL_SECONDS);
  }

  /** Whether the DM of a local date went out (its ts), is being sent, or not (null). */
  async dayPost(team: string, user: string, date: string): Promise<{ ts: string } | 'posting' | null> {
    return claimedPost(await this.redis.get(this.keys.reviewDm(team, user).claim(date)));
  }

  /** The claim of the answer to card `index` of a DM, posted in its thread. */
  revealClaim(team: string, user: string, ts: string, index: number): ClaimSlot {
    return new ClaimSlot(this.redis, this.keys.reviewDm(team, user).reveal(ts, index), REVIEW_DM_TTL_SECONDS);
  }

  /** For each card of a DM, the answer posted in its thread (its ts), `posting`, or null. */
  async revealed(team: string, user: string, ts: string, count: number): Promise<Array<{ ts: string } | 'posting' | null>> {
    if (count === 0) return [];
    const k = this.keys.reviewDm(team, user);
    const raws = await this.redis.mget(...Array.from({ length: count }, (_, i) => k.reveal(ts, i)));
    return raws.map(claimedPost);
  }

  /**
   * Records a DM that went out (or was found): the cards it carries, for its buttons, and that each went out then,
   * with the card's last change at the time (a card changed since counts as not sent).
   */
  async recordDm(team: string, user: string, dm: Omit<ReviewDmRecord, 'ratings'>, cards: Array<{ questionId: string; touchedAt: number }>, at: number): Promise<void> {
    const k = this.keys.reviewDm(team, user);
    const key = k.message(dm.ts);
    const tx = this.redis
      .multi()
      .hset(key, { channel: dm.channel, date: dm.date, questions: JSON.stringify(dm.questionIds) })
      .expire(key, REVIEW_DM_TTL_SECONDS);
    if (cards.length) {
      tx.hset(k.sent, Object.fromEntries(cards.map((c) => [c.questionId, `${at}|${c.touchedAt}`]))).expire(k.sent, REVIEW_SETTINGS_TTL_SECONDS);
    }
    await tx.exec();
  }

  /** When each of the cards last went out by DM, and the card's last change then. */
  async sent(team: string, user: string, questionIds: string[]): Promise<Map<string, { at: number; touchedAt: number }>> {
    const out = new Map<string, { at: number; touchedAt: number }>();
    if (!questionIds.length) return out;
    const raws = await this.redis.hmget(this.keys.reviewDm(team, user).sent, ...questionIds);
    raws.forEach((raw, i) => {
      const [at, touchedAt] = (raw ?? '').split('|').map(Number);
      if (raw && Number.isFinite(at) && Number.isFinite(touchedAt)) out.set(questionIds[i], { at, touchedAt });
    });
    return out;
  }

  /** A DM the person was sent, by its ts (null when it is not theirs, or its record expired). */
  async dm(team: string, user: string, ts: string): Promise<ReviewDmRecord | null> {
    const raw = await this.redis.hgetall(this.keys.reviewDm(team, user).message(ts));
    if (!raw.channel || !raw.date) return null;
    let questionIds: string[];
    try {
      const parsed = JSON.parse(raw.questions ?? '[]') as unknown;
      questionIds = Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string') : [];
    } catch {
      questionIds = [];
    }
    return { ts, channel: raw.channel, date: raw.date, questionIds, ratings: questionIds.map((_, i) => readRating(raw[`rate:${i}`])) };
  }

  /** Notes a card's rating on its DM (the message shows it). */
  async rateOnDm(team: string, user: string, ts: string, index: number, rating: DmRating): Promise<void> {
    await this.redis.hset(this.keys.reviewDm(team, user).message(ts), `rate:${index}`, JSON.stringify(rating));
  }

  /** Everything kept about the person's reviews by DM. */
  async forget(team: string, user: string): Promise<void> {
    const pattern = this.keys.reviewDm(team, user).pattern;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (found.length) await this.redis.del(...found);
    } while (cursor !== '0');
  }
}

function readRating(raw: string | undefined): DmRating | null {
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as { score?: unknown; next?: unknown };
    const score = parseLevelScore(String(r.score));
    if (score === null || !(r.next === null || typeof r.next === 'number')) return null;
    return { score, next: r.next };
  } catch {
    return null;
  }
}
