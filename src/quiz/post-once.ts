import { POSTED_EVENT, type PostOccasion } from '../model/posts';
import type { PostKind } from '../store/posts';
import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import type { QuizDeps } from './deps';

/** What making the post reported: its ts, or that there was nothing to post. */
export type MadePost = { status: 'posted'; ts: string } | { status: 'no-questions' };

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

/**
 * A claim younger than this may still have a request to Slack in flight (the job client's
 * timeout is 10 s): a retry waits rather than risk posting twice.
 */
export const IN_FLIGHT_MS = 15_000;

export interface PostOnceRequest {
  team: string;
  channel: string;
  occasion: PostOccasion;
  /** Written into the message's metadata; a retry that resumes a claim looks for it in the channel. */
  occurrence: string;
  /** A question (its record is kept, and made for an adopted post) or the weekly recap (no record). */
  kind: PostKind | 'recap';
  /** Who asked for it (an adopted post's record keeps it). */
  requestedBy?: string | null;
  /** Which job run this is (kept in the claim, to see who holds it). */
  attempt: string;
  /** The earliest the post can have gone out (ms): a retry looks for it in the channel from there. */
  since: number;
  /** When the post counts as made (ms), for the record of an adopted post. */
  postedAt: number;
  /** Makes the post, given the claim's sequence number (null for an occasion that has none). */
  post(seq: number | null): Promise<MadePost>;
}

export type PostOnceResult =
  | { status: 'posted'; ts: string; seq: number | null }
  /** An earlier attempt's post was found in the channel and taken as this one. */
  | { status: 'adopted'; ts: string }
  /** Already posted by an earlier run. */
  | { status: 'duplicate'; ts: string }
  | { status: 'no-questions' };

/**
 * Makes a post exactly once, however often its job runs: the occasion is claimed in Redis first; a retry that
 * finds an earlier attempt's claim waits until that attempt's request is surely over, then looks for its post in
 * the channel (by the message metadata) before posting again. A Slack failure is thrown on, with the claim left
 * as the failure requires: given back when Slack said no (a later attempt may post), kept when the post may have
 * gone out (the retry looks first).
 */
export async function postOnce(deps: QuizDeps, slack: SlackPort, req: PostOnceRequest): Promise<PostOnceResult> {
  const { team, channel, occasion } = req;
  const now = () => deps.now().getTime();
  let claim = await deps.posts.claimPost(team, channel, occasion, req.attempt, now());
  if (claim.status === 'posted') return { status: 'duplicate', ts: claim.ts };
  if (claim.status === 'posting') {
    if (claim.ageMs < IN_FLIGHT_MS) throw new PostInFlightError(req.occurrence, IN_FLIGHT_MS - claim.ageMs);
    // An earlier attempt died or lost its answer: did its post reach Slack anyway?
    const recent = await slack.recentMessages(channel, Math.floor(req.since / 1000));
    const found = recent.find((m) => m.metadata?.event_type === POSTED_EVENT[req.kind] && m.metadata.event_payload?.occurrence === req.occurrence);
    if (found) {
      const questionId = String(found.metadata?.event_payload?.question ?? '');
      if (req.kind !== 'recap' && !(await deps.posts.get(team, channel, found.ts)) && deps.questions.has(questionId)) {
        await deps.posts.create(team, channel, found.ts, { questionId, kind: req.kind, seq: claim.seq, postedAt: req.postedAt, requestedBy: req.requestedBy ?? null });
      }
      await deps.posts.markPosted(team, channel, occasion, found.ts, claim.seq, now());
      return { status: 'adopted', ts: found.ts };
    }
    claim = await deps.posts.retakePost(team, channel, occasion, req.attempt, claim.seq, now());
  }
  const seq = claim.status === 'claimed' ? claim.seq : null;

  let posted: MadePost;
  try {
    posted = await req.post(seq);
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate-limited' || failure.kind === 'permanent' || failure.kind === 'refused') {
      // Slack answered "no" (an error code or 429): nothing was posted, so a later attempt may post.
      await deps.posts.failPost(team, channel, occasion, seq, now());
    }
    // Timeouts, dropped connections, 5xx: the post may have gone out, so the claim stays
    // "posting" and the retry checks the channel first. When Slack did answer (5xx), no
    // request is in flight any more, and the retry may check at once.
    if (failure.kind === 'http') await deps.posts.retakePost(team, channel, occasion, req.attempt, seq, 0);
    throw error;
  }
  if (posted.status === 'no-questions') {
    await deps.posts.failPost(team, channel, occasion, seq, now());
    return { status: 'no-questions' };
  }
  await deps.posts.markPosted(team, channel, occasion, posted.ts, seq, now());
  return { status: 'posted', ts: posted.ts, seq };
}
