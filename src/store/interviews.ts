import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { withScripts } from './scripts/define';
import type { LevelScore } from '../model/levels';
import type { Interview, InterviewSlot, InterviewStatus, Rating } from '../model/interviews';
import type { LatestInterview } from '../model/home';
import {
  ADVANCE_INTERVIEW,
  BEGIN_INTERVIEW,
  CLAIM_SUMMARY,
  CLOSE_INTERVIEW,
  CREATE_INTERVIEW,
  RECLAIM_QUESTION,
  RECORD_QUESTION,
  UNDO_ADVANCE,
  UNDO_BEGIN,
} from './scripts/interviews';

/** An open interview lives this long after its last change (its time-out job closes it after 24 hours). */
export const OPEN_TTL_SECONDS = 48 * 3600;
/** A finished interview stays for its summary's Swap button and late clicks, then goes. */
export const ENDED_TTL_SECONDS = 7 * 24 * 3600;
/** Which questions someone met in mock interviews is remembered this long after their last one. */
export const SEEN_TTL_SECONDS = 365 * 24 * 3600;
/** The latest interview's summary stays this long for the candidate's App Home, as the counts of Home do. */
export const LATEST_TTL_SECONDS = 400 * 24 * 3600;
/** The window of the per-interviewer limit on opening interviews. */
export const RATE_WINDOW_SECONDS = 3600;

export type AdvanceResult =
  | { status: 'next' | 'ended' | 'missing' | 'mismatch' | 'wait' }
  | { status: 'stale'; current: InterviewStatus; index: number; recorded: Rating | null };

export type CloseResult =
  | { status: 'ok'; previous: InterviewStatus }
  | { status: 'missing' }
  | { status: 'stale'; current: InterviewStatus }
  | { status: 'later'; touchedAt: number };

interface InterviewScripts {
  dqIvCreate(k1: string, k2: string, k3: string, k4: string, ...args: string[]): Promise<[string, string]>;
  dqIvRecord(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
  dqIvReclaim(k1: string, ...args: string[]): Promise<number>;
  dqIvClaimSummary(k1: string, ...args: string[]): Promise<number>;
  dqIvBegin(k1: string, k2: string, ...args: string[]): Promise<string>;
  dqIvAdvance(k1: string, k2: string, k3: string, ...args: string[]): Promise<Array<string | number>>;
  dqIvUndoAdvance(k1: string, ...args: string[]): Promise<number>;
  dqIvUndoBegin(k1: string): Promise<number>;
  dqIvClose(k1: string, k2: string, k3: string, ...args: string[]): Promise<string[]>;
}

/** How many interviews one interviewer may have open, and open per hour (mentions are pings). */
export interface OpenLimits {
  maxOpen: number;
  perHour: number;
}

export type CreateResult =
  | { status: 'ok' }
  | { status: 'busy'; id: string }
  | { status: 'full'; open: number }
  | { status: 'rate'; retryInSeconds: number };

/** What opening an interview stores: its own fields, and when. */
export type NewInterview = Pick<Interview, 'id' | 'channel' | 'interviewer' | 'candidate' | 'count' | 'requested' | 'level' | 'topics' | 'createdBy'> & {
  now: number;
  swapOf?: string | null;
};

/**
 * Mock interviews: one hash per interview (with an expiry), a pair key that keeps one open
 * interview per two people, per-user sets of questions met, and given/taken counters.
 * Every transition is one script, so concurrent clicks and the time-out job agree.
 */
export class InterviewStore {
  private readonly redis: Redis & InterviewScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<InterviewScripts>(redis, {
      dqIvCreate: CREATE_INTERVIEW,
      dqIvRecord: RECORD_QUESTION,
      dqIvReclaim: RECLAIM_QUESTION,
      dqIvClaimSummary: CLAIM_SUMMARY,
      dqIvBegin: BEGIN_INTERVIEW,
      dqIvAdvance: ADVANCE_INTERVIEW,
      dqIvUndoAdvance: UNDO_ADVANCE,
      dqIvUndoBegin: UNDO_BEGIN,
      dqIvClose: CLOSE_INTERVIEW,
    });
  }

  private stateKey(team: string, id: string): string {
    return this.keys.interview(team, id);
  }

  private pairKey(team: string, iv: { interviewer: string; candidate: string }): string {
    return this.keys.interviewPair(team, iv.interviewer, iv.candidate);
  }

  /**
   * Creates a pending interview; or names the open one the two people already have, or says the
   * interviewer is at `limits.maxOpen` open interviews or `limits.perHour` opened this hour.
   */
  async create(team: string, iv: NewInterview, limits: OpenLimits): Promise<CreateResult> {
    const fields: Record<string, string> = {
      id: iv.id,
      channel: iv.channel,
      interviewer: iv.interviewer,
      candidate: iv.candidate,
      count: String(iv.count),
      requested: String(iv.requested),
      level: iv.level ?? '',
      topics: JSON.stringify(iv.topics),
      status: 'pending',
      index: '0',
      createdAt: String(iv.now),
      touchedAt: String(iv.now),
      createdBy: iv.createdBy,
      ...(iv.swapOf ? { swapOf: iv.swapOf } : {}),
    };
    const prefix = this.keys.interview(team, '');
    const [status, value] = await this.redis.dqIvCreate(
      this.stateKey(team, iv.id),
      this.pairKey(team, iv),
      this.keys.interviewOpen(team, iv.interviewer),
      this.keys.interviewOpenRate(team, iv.interviewer),
      iv.id,
      String(OPEN_TTL_SECONDS),
      prefix,
      String(limits.maxOpen),
      String(limits.perHour),
      String(RATE_WINDOW_SECONDS),
      ...Object.entries(fields).flat(),
    );
    if (status === 'busy') return { status: 'busy', id: value };
    if (status === 'full') return { status: 'full', open: Number(value) };
    if (status === 'rate') return { status: 'rate', retryInSeconds: Number(value) };
    return { status: 'ok' };
  }

  async get(team: string, id: string): Promise<Interview | null> {
    if (!/^[a-z0-9]{6,32}$/.test(id)) return null;
    return toInterview(team, await this.redis.hgetall(this.stateKey(team, id)));
  }

  /** Records the parent message once it is posted. */
  async setParent(team: string, id: string, ts: string): Promise<void> {
    await this.redis.hset(this.stateKey(team, id), 'parentTs', ts);
  }

  /** Gives up an interview whose parent message could not be posted (and frees the pair). */
  async discard(team: string, iv: { id: string; interviewer: string; candidate: string }): Promise<void> {
    const pair = this.pairKey(team, iv);
    // Only our own pair claim: another interview may hold it by now.
    await this.redis.del(this.stateKey(team, iv.id));
    if ((await this.redis.get(pair)) === iv.id) await this.redis.del(pair);
  }

  async begin(team: string, iv: Interview, firstQuestionId: string, by: string, now: number): Promise<'started' | 'missing' | InterviewStatus> {
    return (await this.redis.dqIvBegin(this.stateKey(team, iv.id), this.pairKey(team, iv), firstQuestionId, String(now), String(OPEN_TTL_SECONDS), by)) as
      | 'started'
      | 'missing'
      | InterviewStatus;
  }

  async undoBegin(team: string, id: string): Promise<boolean> {
    return (await this.redis.dqIvUndoBegin(this.stateKey(team, id))) === 1;
  }

  /** Rates (or skips) question `index`, clicked on message `fromTs`; moves to `nextQuestionId` or ends. */
  async advance(
    team: string,
    iv: Interview,
    args: { index: number; fromTs: string; rating: Rating; nextQuestionId: string | null; by: string; now: number },
  ): Promise<AdvanceResult> {
    const raw = await this.redis.dqIvAdvance(
      this.stateKey(team, iv.id),
      this.pairKey(team, iv),
      this.keys.interviewCounts(team),
      String(args.index),
      args.fromTs,
      String(args.rating),
      args.nextQuestionId ?? '',
      String(args.now),
      String(OPEN_TTL_SECONDS),
      String(ENDED_TTL_SECONDS),
      args.by,
    );
    const status = String(raw[0]);
    if (status === 'stale') {
      return { status: 'stale', current: String(raw[1]) as InterviewStatus, index: Number(raw[2]), recorded: parseRating(String(raw[3] ?? '')) };
    }
    return { status: status as 'next' | 'ended' | 'missing' | 'mismatch' | 'wait' };
  }

  async undoAdvance(team: string, id: string, index: number): Promise<boolean> {
    return (await this.redis.dqIvUndoAdvance(this.stateKey(team, id), String(index))) === 1;
  }

  /** Ends (running), cancels (pending) or expires (open and untouched for `idleMs`) an interview. */
  async close(team: string, iv: Interview, mode: 'end' | 'cancel' | 'expire', by: string, now: number, idleMs = 0): Promise<CloseResult> {
    const [status, value] = await this.redis.dqIvClose(
      this.stateKey(team, iv.id),
      this.pairKey(team, iv),
      this.keys.interviewCounts(team),
      mode,
      String(now),
      String(ENDED_TTL_SECONDS),
      by,
      String(idleMs),
    );
    if (status === 'ok') return { status: 'ok', previous: value as InterviewStatus };
    if (status === 'stale') return { status: 'stale', current: value as InterviewStatus };
    if (status === 'later') return { status: 'later', touchedAt: Number(value) };
    return { status: 'missing' };
  }

  /**
   * A question is out (posted, or found in the thread): remember its message and that both people
   * have now met it. False when the interview is gone or the slot holds another question.
   */
  async recordPosted(team: string, iv: Interview, index: number, questionId: string, ts: string, now: number): Promise<boolean> {
    const recorded = await this.redis.dqIvRecord(
      this.stateKey(team, iv.id),
      this.keys.interviewSeen(team, iv.candidate),
      this.keys.interviewSeen(team, iv.interviewer),
      String(index),
      ts,
      questionId,
      String(now),
      String(SEEN_TTL_SECONDS),
    );
    return recorded === 1;
  }

  /**
   * Takes over the posting of question `index` (still unrecorded) from the claim made at `seenAt`,
   * as of `now`; `now` = 0 gives the claim up, so the next click may take it at once. One caller wins.
   */
  async reclaimQuestion(team: string, id: string, index: number, seenAt: number, now: number): Promise<boolean> {
    return (await this.redis.dqIvReclaim(this.stateKey(team, id), String(index), String(seenAt), String(now))) === 1;
  }

  /** Question id → when the user last met it in a mock interview (ms). */
  async seen(team: string, user: string): Promise<Map<string, number>> {
    const flat = await this.redis.zrange(this.keys.interviewSeen(team, user), '0', '-1', 'WITHSCORES');
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i], Number(flat[i + 1]));
    return out;
  }

  /**
   * Claims the right to post the summary as of `now`: exactly one caller gets true. With `seenAt`,
   * takes over the claim made then (no summary recorded yet); `now` = 0 gives a claim up.
   */
  async claimSummary(team: string, id: string, by: string, now: number, seenAt?: number): Promise<boolean> {
    return (await this.redis.dqIvClaimSummary(this.stateKey(team, id), by, String(now), seenAt === undefined ? '' : String(seenAt))) === 1;
  }

  async completeSummary(team: string, id: string, ts: string): Promise<void> {
    await this.redis.hset(this.stateKey(team, id), 'summaryTs', ts);
  }

  async releaseSummary(team: string, id: string): Promise<void> {
    await this.redis.hdel(this.stateKey(team, id), 'summaryBy', 'summaryAt');
  }

  /** Claims the swap of a finished interview for `newId`: exactly one caller gets true. */
  async claimSwap(team: string, id: string, newId: string, by: string): Promise<boolean> {
    const key = this.stateKey(team, id);
    const [[, claimed]] = (await this.redis.multi().hsetnx(key, 'swappedTo', newId).exec()) as [[unknown, number]];
    if (claimed === 1) await this.redis.hset(key, 'swappedBy', by);
    return claimed === 1;
  }

  async releaseSwap(team: string, id: string): Promise<void> {
    await this.redis.hdel(this.stateKey(team, id), 'swappedTo', 'swappedBy');
  }

  async counts(team: string, user: string): Promise<{ given: number; taken: number }> {
    const [given, taken] = await this.redis.hmget(this.keys.interviewCounts(team), `${user}:given`, `${user}:taken`);
    return { given: Number(given ?? 0), taken: Number(taken ?? 0) };
  }

  /** Keeps the summary of the candidate's latest interview (for their App Home); one settled late leaves a newer one. */
  async noteLatest(team: string, candidate: string, latest: LatestInterview): Promise<void> {
    const key = this.keys.interviewLatest(team, candidate);
    const current = await this.latest(team, candidate);
    if (current && current.at > latest.at) return;
    await this.redis.set(key, JSON.stringify(latest), 'EX', LATEST_TTL_SECONDS);
  }

  /** The summary of the latest interview the user took, or null. */
  async latest(team: string, user: string): Promise<LatestInterview | null> {
    return parseLatest(await this.redis.get(this.keys.interviewLatest(team, user)));
  }
}

function parseLatest(raw: string | null): LatestInterview | null {
  if (!raw) return null;
  try {
    const l = JSON.parse(raw) as LatestInterview;
    const n = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    if (typeof l.id !== 'string' || typeof l.channel !== 'string' || ![l.at, l.asked, l.rated, l.skipped].every(n)) return null;
    const overall = l.overall === null || [0, 1, 2, 3].includes(l.overall) ? l.overall : null;
    const studyNext = Array.isArray(l.studyNext) ? l.studyNext.filter((t) => typeof t?.pack === 'string' && typeof t?.category === 'string') : [];
    return { ...l, overall, studyNext };
  } catch {
    return null;
  }
}

function parseRating(value: string): Rating | null {
  if (value === 'skip') return 'skip';
  return /^[0-3]$/.test(value) ? (Number(value) as LevelScore) : null;
}

function toInterview(team: string, h: Record<string, string>): Interview | null {
  if (!h || !h.id || !h.status) return null;
  const count = Number(h.count ?? 0);
  const slots: InterviewSlot[] = [];
  for (let i = 0; i < count; i++) {
    const questionId = h[`q:${i}`];
    if (!questionId) break;
    slots.push({ index: i, questionId, ts: h[`msg:${i}`] ?? null, claimedAt: Number(h[`at:${i}`] ?? 0) || 0, rating: parseRating(h[`r:${i}`] ?? '') });
  }
  let topics: string[] = [];
  try {
    const parsed = JSON.parse(h.topics ?? '[]') as unknown;
    if (Array.isArray(parsed)) topics = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    topics = [];
  }
  const level = h.level === 'beginner' || h.level === 'intermediate' || h.level === 'advanced' ? h.level : null;
  return {
    id: h.id,
    team,
    channel: h.channel ?? '',
    parentTs: h.parentTs ?? null,
    interviewer: h.interviewer ?? '',
    candidate: h.candidate ?? '',
    count,
    requested: Number(h.requested ?? count),
    level,
    topics,
    status: h.status as InterviewStatus,
    index: Number(h.index ?? 0),
    slots,
    createdAt: Number(h.createdAt ?? 0),
    touchedAt: Number(h.touchedAt ?? 0),
    createdBy: h.createdBy ?? '',
    startedBy: h.startedBy ?? null,
    endedBy: h.endedBy ?? null,
    summaryTs: h.summaryTs ?? null,
    summaryBy: h.summaryBy ?? null,
    summaryAt: Number(h.summaryAt ?? 0) || 0,
    swapOf: h.swapOf ?? null,
    swappedTo: h.swappedTo ?? null,
    swappedBy: h.swappedBy ?? null,
  };
}
