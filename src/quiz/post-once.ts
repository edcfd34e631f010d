import { POSTED_EVENT, type PostOccasion } from '../model/posts';
import type { PostKind } from '../store/posts';
import type { SlackPort } from '../slack/port';
import type { QuizDeps } from './deps';
import { postExactlyOnce } from './exactly-once';

export { PostInFlightError } from './exactly-once';

/** What making the post reported: its ts, or that there was nothing to post. */
export type MadePost = { status: 'posted'; ts: string } | { status: 'no-questions' };

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
  const result = await postExactlyOnce({
    claims: {
      claim: (attempt, nowMs) => deps.posts.claimPost(team, channel, occasion, attempt, nowMs),
      retake: async (attempt, seq, at) => void (await deps.posts.retakePost(team, channel, occasion, attempt, seq, at)),
      markPosted: (ts, seq, nowMs) => deps.posts.markPosted(team, channel, occasion, ts, seq, nowMs),
      fail: (seq, nowMs) => deps.posts.failPost(team, channel, occasion, seq, nowMs),
    },
    occurrence: req.occurrence,
    attempt: req.attempt,
    now: () => deps.now().getTime(),
    inFlightMs: IN_FLIGHT_MS,
    async findEarlier(seq) {
      const recent = await slack.recentMessages(channel, Math.floor(req.since / 1000));
      const found = recent.find((m) => m.metadata?.event_type === POSTED_EVENT[req.kind] && m.metadata.event_payload?.occurrence === req.occurrence);
      if (!found) return null;
      const questionId = String(found.metadata?.event_payload?.question ?? '');
      if (req.kind !== 'recap' && !(await deps.posts.get(team, channel, found.ts)) && deps.questions.has(questionId)) {
        await deps.posts.create(team, channel, found.ts, { questionId, kind: req.kind, seq, postedAt: req.postedAt, requestedBy: req.requestedBy ?? null });
      }
      return found.ts;
    },
    async post(seq) {
      const made = await req.post(seq);
      return made.status === 'posted' ? { ts: made.ts, value: null } : null;
    },
  });
  if (result.status === 'nothing') return { status: 'no-questions' };
  if (result.status === 'posted') return { status: 'posted', ts: result.ts, seq: result.seq };
  return result;
}
