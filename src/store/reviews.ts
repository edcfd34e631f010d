import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { LEVELS, type Level, type LevelScore } from '../model/levels';
import { REVIEW_DEFAULTS, type ClearedCard, type Consent, type FsrsFields, type ReadinessRow, type ReviewCard, type ReviewSettings, type ReviewSource } from '../model/reviews';
import { withScripts } from './scripts/define';
import { SHIFT_DUE, WRITE_CARD } from './scripts/reviews';

interface ReviewScripts {
  dqWriteCard(...keysAndArgs: string[]): Promise<[string, number, number]>;
  dqShiftDue(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
}

const DAY_MS = 24 * 3600 * 1000;

/** Cards one person may have; past it the oldest retired card goes first, then the oldest. */
export const REVIEW_CARD_CAP = 200;
/** A card untouched for the horizon plus this long expires (as do all of a person's cards, untouched that long). */
export const REVIEW_EXPIRY_GRACE_DAYS = 30;
/** Settings (consent included) and readiness counters live this long after the person's last review activity. */
export const REVIEW_SETTINGS_TTL_SECONDS = 400 * 24 * 3600;
/** An offer nobody answered (ephemeral messages vanish on reload) is shown again at most once in this long. */
export const REOFFER_AFTER_MS = 7 * DAY_MS;
/** The team's record of cleared cards: entries this old go, and at most this many are kept. */
export const CLEARED_KEEP_MS = 400 * DAY_MS;
export const CLEARED_MAX = 20_000;

/** One readiness increment (a row's fields); `points` is what the reports' scores add (a changed answer: the new score less the old). */
export type ReadinessDelta = Omit<ReadinessRow, 'points'> & { points?: number };

export interface CardWrite {
  team: string;
  user: string;
  questionId: string;
  /** The card's JSON as read (null: there was none): the write happens only if it is unchanged. */
  expected: string | null;
  /** The card to keep, or null to delete it. */
  card: ReviewCard | null;
  now: number;
  /** Claim the consent offer (shown once, again a week later while unanswered). */
  offer: boolean;
  readiness: ReadinessDelta[];
  /** The card retired with this write (for the recap), or a retirement this write took back. */
  cleared?: ClearedCard | null;
  uncleared?: ClearedCard | null;
}

export interface StoredCard {
  raw: string | null;
  card: ReviewCard | null;
  settings: ReviewSettings;
}

/** Cards, their schedule, consent and delivery settings, readiness counters: one person's review, per team. */
export class ReviewStore {
  private readonly redis: Redis & ReviewScripts;
  private readonly expiryMs: number;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    horizonDays: number,
  ) {
    this.redis = withScripts<ReviewScripts>(redis, { dqWriteCard: WRITE_CARD, dqShiftDue: SHIFT_DUE });
    this.expiryMs = (horizonDays + REVIEW_EXPIRY_GRACE_DAYS) * DAY_MS;
  }

  /** The card for one question (as stored, for a later compare-and-set write) and the person's settings: one round trip. */
  async read(team: string, user: string, questionId: string): Promise<StoredCard> {
    const k = this.keys.review(team, user);
    const res = await this.redis.multi().hget(k.cards, questionId).zscore(k.due, questionId).zscore(k.touch, questionId).hgetall(k.settings).exec();
    const [raw, due, touch, settings] = (res ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [string | null, string | null, string | null, Record<string, string>];
    return { raw, card: raw ? parseCard(raw, due, touch) : null, settings: parseSettings(settings) };
  }

  async write(w: CardWrite): Promise<{ status: 'ok' | 'conflict'; offer: boolean; dropped: number }> {
    const k = this.keys.review(w.team, w.user);
    const card = w.card;
    const args = [
      w.questionId,
      w.expected ?? '',
      card ? JSON.stringify(card) : '',
      card && card.retiredAt === null ? String(card.fsrs.due) : '',
      String(w.now),
      String(REVIEW_CARD_CAP),
      String(Math.ceil(this.expiryMs / 1000)),
      String(w.now - this.expiryMs),
      w.offer ? '1' : '0',
      String(w.now - REOFFER_AFTER_MS),
      String(REVIEW_SETTINGS_TTL_SECONDS),
      w.cleared ? clearedMember(w.cleared) : '',
      w.uncleared ? clearedMember(w.uncleared) : '',
      String(w.now - CLEARED_KEEP_MS),
      String(CLEARED_MAX),
    ];
    for (const d of w.readiness) {
      if (d.total) args.push(readinessField(d, 'n'), String(d.total));
      if (d.atLevel) args.push(readinessField(d, 'ok'), String(d.atLevel));
      if (d.points) args.push(readinessField(d, 'p'), String(d.points));
    }
    const [status, offer, dropped] = await this.redis.dqWriteCard(k.cards, k.due, k.touch, k.settings, k.readiness, this.keys.reviewCleared(w.team), ...args);
    return { status: status === 'ok' ? 'ok' : 'conflict', offer: offer === 1, dropped };
  }

  async settings(team: string, user: string): Promise<ReviewSettings> {
    return parseSettings(await this.redis.hgetall(this.keys.review(team, user).settings));
  }

  /** Saves the whole settings; the team's list of people to deliver to follows consent and the on/off flag. */
  async saveSettings(team: string, user: string, s: ReviewSettings): Promise<void> {
    const k = this.keys.review(team, user);
    const fields: Record<string, string> = {
      consent: s.consent,
      offeredAt: s.offeredAt === null ? '' : String(s.offeredAt),
      on: s.on ? '1' : '0',
      time: s.time,
      tz: s.tz ?? '',
      days: s.days.join(','),
      max: String(s.max),
      pausedUntil: s.pausedUntil === null ? '' : String(s.pausedUntil),
      interviewUntil: s.interviewUntil ?? '',
      updatedAt: String(s.updatedAt),
    };
    const people = this.keys.reviewPeople(team);
    const tx = this.redis.multi().hset(k.settings, fields).expire(k.settings, REVIEW_SETTINGS_TTL_SECONDS);
    if (s.consent === 'yes' && s.on) tx.zadd(people, s.updatedAt, user);
    else tx.zrem(people, user);
    await tx.exec();
  }

  /** People of the team who said yes and have reviews on (the delivery's list). */
  async subscribers(team: string): Promise<string[]> {
    return this.redis.zrange(this.keys.reviewPeople(team), '0', '-1');
  }

  /** Active cards due at or before `until` (ms), oldest due first, at most `limit`; expired ones are left out. */
  async dueCards(team: string, user: string, until: number, limit: number, now: number): Promise<ReviewCard[]> {
    if (limit <= 0) return [];
    const k = this.keys.review(team, user);
    // A few more than asked for, so expired cards skipped here still leave `limit`.
    const ids = await this.redis.zrangebyscore(k.due, "-inf", String(until), "LIMIT", 0, limit + 10);
    return (await this.cardsOf(team, user, ids, now)).slice(0, limit);
  }

  /** Active cards due after `after` (ms), soonest first. */
  async upcomingCards(team: string, user: string, after: number, limit: number, now: number): Promise<ReviewCard[]> {
    const k = this.keys.review(team, user);
    const ids = await this.redis.zrangebyscore(k.due, `(${after}`, '+inf', 'LIMIT', 0, limit);
    return this.cardsOf(team, user, ids, now);
  }

  /** How many active cards are due by `until`, how many are active, and how many there are in all. */
  async counts(team: string, user: string, until: number): Promise<{ due: number; active: number; total: number }> {
    const k = this.keys.review(team, user);
    const res = await this.redis.multi().zcount(k.due, '-inf', until).zcard(k.due).hlen(k.cards).exec();
    const [due, active, total] = (res ?? []).map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    });
    return { due, active, total };
  }

  /** Every card of the person (at most the cap), expired ones left out. */
  async allCards(team: string, user: string, now: number): Promise<ReviewCard[]> {
    const k = this.keys.review(team, user);
    return this.cardsOf(team, user, Object.keys(await this.redis.hgetall(k.cards)), now);
  }

  private async cardsOf(team: string, user: string, ids: string[], now: number): Promise<ReviewCard[]> {
    if (!ids.length) return [];
    const k = this.keys.review(team, user);
    const res = await this.redis.multi().hmget(k.cards, ...ids).zmscore(k.due, ...ids).zmscore(k.touch, ...ids).exec();
    const [raws, dues, touches] = (res ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Array<string | null>, Array<string | null>, Array<string | null>];
    const out: ReviewCard[] = [];
    ids.forEach((_, i) => {
      const card = raws[i] ? parseCard(raws[i]!, dues[i], touches[i]) : null;
      if (card && card.touchedAt >= now - this.expiryMs) out.push(card);
    });
    return out;
  }

  /** Moves every active card's due date by `deltaMs` (a vacation hold); counts as a touch. Returns how many moved. */
  async shiftDue(team: string, user: string, deltaMs: number, now: number): Promise<number> {
    const k = this.keys.review(team, user);
    return this.redis.dqShiftDue(k.cards, k.due, k.touch, String(deltaMs), String(now), String(Math.ceil(this.expiryMs / 1000)));
  }

  /** Brings due dates forward (never back), for active cards only. Returns how many moved. */
  async pullIn(team: string, user: string, dues: Array<{ questionId: string; due: number }>): Promise<number> {
    if (!dues.length) return 0;
    const args = dues.flatMap((d) => [String(d.due), d.questionId]);
    return Number(await this.redis.zadd(this.keys.review(team, user).due, 'XX', 'LT', 'CH', ...args));
  }

  /** Deletes the person's cards (settings and readiness stay). Returns how many there were. */
  async reset(team: string, user: string): Promise<number> {
    const k = this.keys.review(team, user);
    const res = await this.redis.multi().hlen(k.cards).del(k.cards, k.due, k.touch).exec();
    return Number(res?.[0]?.[1] ?? 0);
  }

  /** Everything review keeps about a person: cards, settings, readiness, their place in the team's lists. */
  async forget(team: string, user: string): Promise<void> {
    const k = this.keys.review(team, user);
    const cleared = this.keys.reviewCleared(team);
    const theirs: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.zscan(cleared, cursor, 'MATCH', `*,${JSON.stringify(user).replace(/[*?[\]\\]/g, '\\$&')},*`, 'COUNT', 1000);
      cursor = next;
      for (let i = 0; i < found.length; i += 2) if (readCleared(found[i])?.user === user) theirs.push(found[i]);
    } while (cursor !== '0');
    const tx = this.redis.multi().del(k.cards, k.due, k.touch, k.settings, k.readiness).zrem(this.keys.reviewPeople(team), user);
    if (theirs.length) tx.zrem(cleared, ...theirs);
    await tx.exec();
  }

  /** Cards cleared in the team during [from, to) (ms), optionally only those made in one channel, oldest first. */
  async cleared(team: string, range: { from: number; to: number; channel?: string }): Promise<ClearedCard[]> {
    const members = await this.redis.zrangebyscore(this.keys.reviewCleared(team), String(range.from), `(${range.to}`);
    return members.map(readCleared).filter((c): c is ClearedCard => c !== null && (!range.channel || c.channel === range.channel));
  }

  /** The person's readiness counters, one row per source, level and category. */
  async readiness(team: string, user: string): Promise<ReadinessRow[]> {
    const raw = await this.redis.hgetall(this.keys.review(team, user).readiness);
    const rows = new Map<string, ReadinessRow>();
    for (const [field, value] of Object.entries(raw)) {
      const m = /^(channel|review|mock)\|(n|ok|p)\|([a-z]+)\|([^|]*)\|(.*)$/s.exec(field);
      if (!m || !(LEVELS as readonly string[]).includes(m[3])) continue;
      const id = `${m[1]}|${m[3]}|${m[4]}|${m[5]}`;
      const row = rows.get(id) ?? { source: m[1] as ReviewSource, level: m[3] as Level, pack: m[4], category: m[5], total: 0, atLevel: 0, points: 0 };
      if (m[2] === 'n') row.total += Number(value) || 0;
      else if (m[2] === 'ok') row.atLevel += Number(value) || 0;
      else row.points += Number(value) || 0;
      rows.set(id, row);
    }
    return [...rows.values()];
  }
}

function readinessField(d: ReadinessDelta, what: 'n' | 'ok' | 'p'): string {
  return `${d.source}|${what}|${d.level}|${d.pack.replace(/\|/g, '/')}|${d.category}`;
}

function clearedMember(c: ClearedCard): string {
  return JSON.stringify([c.channel, c.user, c.questionId, c.at]);
}

function readCleared(member: string): ClearedCard | null {
  try {
    const [channel, user, questionId, at] = JSON.parse(member) as unknown[];
    if (typeof channel !== 'string' || typeof user !== 'string' || typeof questionId !== 'string' || typeof at !== 'number') return null;
    return { channel, user, questionId, at };
  } catch {
    return null;
  }
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const FSRS_NUMBERS = ['due', 'stability', 'difficulty', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'] as const;

/** A stored card, checked field by field (ts-fsrs refuses NaN, and a broken entry must not break a person's list). */
export function parseCard(raw: string, due: string | null, touch: string | null): ReviewCard | null {
  let c: ReviewCard;
  try {
    c = JSON.parse(raw) as ReviewCard;
  } catch {
    return null;
  }
  const f = c?.fsrs as FsrsFields | undefined;
  if (!f || typeof c.questionId !== 'string' || !FSRS_NUMBERS.every((n) => finite(f[n])) || !(f.last_review === null || finite(f.last_review))) return null;
  if (!finite(c.createdAt) || !finite(c.touchedAt) || !finite(c.streak) || ![0, 1, 2, 3].includes(c.lastScore)) return null;
  // The sorted sets hold the live due date (a hold moves it) and the last touch.
  if (due !== null && c.retiredAt === null) c.fsrs = { ...f, due: Number(due) };
  if (touch !== null) c.touchedAt = Number(touch);
  c.lastScore = c.lastScore as LevelScore;
  return c;
}

const CONSENTS: readonly Consent[] = ['unasked', 'offered', 'yes', 'no'];
const numberOrNull = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : null);

/** Stored settings with the defaults filled in (a person who never touched review has none stored). */
export function parseSettings(raw: Record<string, string>): ReviewSettings {
  const days = (raw.days ?? '')
    .split(',')
    .filter((d) => /^[0-6]$/.test(d))
    .map(Number);
  const max = Number(raw.max);
  return {
    consent: CONSENTS.includes(raw.consent as Consent) ? (raw.consent as Consent) : 'unasked',
    offeredAt: numberOrNull(raw.offeredAt),
    on: raw.on === '1',
    time: /^([01]\d|2[0-3]):[0-5]\d$/.test(raw.time ?? '') ? raw.time : REVIEW_DEFAULTS.time,
    tz: raw.tz || null,
    days: days.length ? days : [...REVIEW_DEFAULTS.days],
    max: Number.isInteger(max) && max >= 0 && max <= REVIEW_DEFAULTS.maxLimit ? max : REVIEW_DEFAULTS.max,
    pausedUntil: numberOrNull(raw.pausedUntil),
    interviewUntil: /^\d{4}-\d{2}-\d{2}$/.test(raw.interviewUntil ?? '') ? raw.interviewUntil : null,
    updatedAt: numberOrNull(raw.updatedAt) ?? 0,
  };
}
