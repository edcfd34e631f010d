/**
 * The one exactly-once path for anything the bot posts from a job or a click that may run twice (a redelivered
 * job, a worker killed mid-post, an answer Slack lost, two clicks): claim, post with metadata, and on a retry that
 * finds an earlier attempt's claim, look for that attempt's post in Slack before posting again.
 */
import type { PostClaim } from '../store/posts';
import { classifySlackError } from '../slack/errors';

/** Thrown when another attempt is making the same post right now: the job retries later. */
export class PostInFlightError extends Error {
  constructor(
    readonly occurrence: string,
    /** When the other attempt's request is surely over. */
    readonly retryInMs: number,
  ) {
    super(`another attempt is making the post ${occurrence}`);
    this.name = 'PostInFlightError';
  }
}

/** The claim of one post, in the store (store/claims.ts ClaimSlot, or a post store's own claim of an occasion). */
export interface OnceClaims {
  claim(attempt: string, nowMs: number): Promise<PostClaim>;
  /** Takes over a failed or stale claim; `at` is when the new request starts (0: none is in flight). */
  retake(attempt: string, seq: number | null, at: number): Promise<void>;
  markPosted(ts: string, seq: number | null, nowMs: number): Promise<void>;
  /** Slack said no: nothing went out, so a later attempt may post. */
  fail(seq: number | null, nowMs: number): Promise<void>;
}

export interface ExactlyOnceRequest<T> {
  claims: OnceClaims;
  /** Names the post in its metadata (and in errors). */
  occurrence: string;
  /** Which run this is (kept in the claim, to see who holds it). */
  attempt: string;
  now: () => number;
  /** How long after its claim an attempt's request may still be under way (its client's longest call, and some). */
  inFlightMs: number;
  /**
   * An earlier attempt's post, found in Slack by its metadata and recorded as this one (whatever records the post
   * itself would have written): its ts, or null when it is nowhere.
   */
  findEarlier(seq: number | null): Promise<string | null>;
  /** Makes and records the post, given the claim's sequence number; null when there is nothing to post. */
  post(seq: number | null): Promise<{ ts: string; value: T } | null>;
}

export type ExactlyOnceResult<T> =
  | { status: 'posted'; ts: string; seq: number | null; value: T }
  /** An earlier attempt's post was found and taken as this one. */
  | { status: 'adopted'; ts: string }
  /** Already posted by an earlier run. */
  | { status: 'duplicate'; ts: string }
  | { status: 'nothing' };

/**
 * Makes a post exactly once: the claim first; a retry that finds an earlier attempt's claim waits until that
 * attempt's request is surely over (PostInFlightError), then looks for its post before posting again. A Slack
 * failure is thrown on, with the claim left as the failure requires: given back when Slack said no (a later
 * attempt may post), kept when the post may have gone out (the retry looks first).
 */
export async function postExactlyOnce<T>(req: ExactlyOnceRequest<T>): Promise<ExactlyOnceResult<T>> {
  const { claims, now } = req;
  let claim = await claims.claim(req.attempt, now());
  if (claim.status === 'posted') return { status: 'duplicate', ts: claim.ts };
  if (claim.status === 'posting') {
    if (claim.ageMs < req.inFlightMs) throw new PostInFlightError(req.occurrence, req.inFlightMs - claim.ageMs);
    // An earlier attempt died or lost its answer: did its post reach Slack anyway?
    const found = await req.findEarlier(claim.seq);
    if (found) {
      await claims.markPosted(found, claim.seq, now());
      return { status: 'adopted', ts: found };
    }
    await claims.retake(req.attempt, claim.seq, now());
    claim = { status: 'claimed', seq: claim.seq };
  }
  const seq = claim.seq;

  let posted: { ts: string; value: T } | null;
  try {
    posted = await req.post(seq);
  } catch (error) {
    const failure = classifySlackError(error);
    // Slack answered "no" (an error code or 429): nothing was posted, so a later attempt may post.
    if (failure.kind === 'rate-limited' || failure.kind === 'permanent' || failure.kind === 'refused') await claims.fail(seq, now());
    // Timeouts, dropped connections, 5xx: the post may have gone out, so the claim stays "posting" and the retry
    // looks first. When Slack did answer (5xx), no request is in flight any more, and the retry may look at once.
    if (failure.kind === 'http') await claims.retake(req.attempt, seq, 0);
    throw error;
  }
  if (!posted) {
    await claims.fail(seq, now());
    return { status: 'nothing' };
  }
  await claims.markPosted(posted.ts, seq, now());
  return { status: 'posted', ts: posted.ts, seq, value: posted.value };
}
