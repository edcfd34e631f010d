import { answerMessage } from '../views/answer-message';
import { questionMessage } from '../views/question-message';
import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import { inFlightWindowMs, JOB_CLIENT, LISTENER_CLIENT } from '../slack/clients';
import type { Question } from '../model/question';
import type { RevealOutcome } from '../model/posts';
import type { PostRecord } from '../store/posts';
import type { QuizDeps } from './deps';

/** The metadata event of an answer message (its payload names the question's message and the question). */
export const ANSWER_EVENT = 'answer_posted';

/**
 * A claim younger than this may still have its post under way, with either client that reveals (a click's or the
 * timed reveal's). An older claim with no answer recorded was cut off (a restart, a crash, Redis lost): it is
 * settled from the thread, where its answer either is (found by its metadata) or is not (claimed again).
 */
export const REVEAL_IN_FLIGHT_MS = inFlightWindowMs(LISTENER_CLIENT, JOB_CLIENT);

interface RevealRequest {
  team: string;
  channel: string;
  ts: string;
  by: string;
}

/**
 * Reveals a posted question's answer in its thread, exactly once however many people click: the first click
 * claims the reveal in Redis, the rest are pointed to the thread. A post Slack refused gives the claim back, so the
 * next click can try again; a post Slack may have taken keeps it, to be found in the thread later.
 */
export async function revealAnswer(deps: QuizDeps, slack: SlackPort, req: RevealRequest): Promise<RevealOutcome> {
  const now = () => deps.now().getTime();
  let claim = await deps.posts.claimReveal(req.team, req.channel, req.ts, req.by, now());
  if (claim.status === 'taken') {
    const post = claim.post;
    if (post.answerTs || now() - (post.revealedAt ?? 0) < REVEAL_IN_FLIGHT_MS) return already(post);
    const found = await findAnswer(slack, req.channel, req.ts);
    if (found) return adopt(deps, slack, req, post, found);
    claim = await deps.posts.claimReveal(req.team, req.channel, req.ts, req.by, now(), post.revealedAt ?? 0);
    if (claim.status === 'taken') return already(claim.post);
  }
  if (claim.status === 'missing') return { status: 'missing' };

  const question = deps.questions.get(claim.post.questionId);
  if (!question) {
    await deps.posts.releaseReveal(req.team, req.channel, req.ts);
    return { status: 'missing' };
  }
  const message = answerMessage(question, req.ts, claim.post.tally);
  const metadata = { event_type: ANSWER_EVENT, event_payload: { post: req.ts, question: question.id } };
  let answerTs: string;
  try {
    ({ ts: answerTs } = await slack.postMessage(req.channel, message, { threadTs: req.ts, metadata }));
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'http' || failure.kind === 'unknown') {
      // No answer from Slack, or an HTTP error: the post may be in the thread. The claim stays; a click after
      // REVEAL_IN_FLIGHT_MS finds the post there or makes it.
      deps.logger.warn({ err: (error as Error).message, channel: req.channel }, 'Slack did not confirm the answer post');
      return { status: 'unconfirmed' };
    }
    await deps.posts.releaseReveal(req.team, req.channel, req.ts);
    throw error;
  }
  deps.metrics.answerRevealed(req.by !== 'auto');
  let recorded: string | null;
  try {
    recorded = await deps.posts.completeReveal(req.team, req.channel, req.ts, answerTs);
  } catch (error) {
    // The answer is out; the Reveal button stays, so a later click records it (found by its metadata).
    deps.logger.error({ err: (error as Error).message, channel: req.channel, answerTs }, 'the answer was posted but could not be recorded');
    return { status: 'unrecorded', answerTs };
  }
  if (recorded !== answerTs) {
    // Slower than REVEAL_IN_FLIGHT_MS (a Retry-After the client waited out): the claim was taken over meanwhile.
    deps.logger.warn({ channel: req.channel, answerTs, recorded }, 'a second answer landed after its claim was taken over');
    return { status: 'already', answerTs: recorded, revealedBy: claim.post.revealedBy };
  }
  await markRevealed(deps, slack, req, question, claim.post, req.by);
  return { status: 'revealed', answerTs };
}

/** True once the reveal needs nothing more (a timed reveal that is not settled is tried again later). */
export function revealSettled(outcome: RevealOutcome): boolean {
  return outcome.status === 'revealed' || outcome.status === 'missing' || (outcome.status === 'already' && outcome.answerTs !== null);
}

function already(post: PostRecord): RevealOutcome {
  return { status: 'already', answerTs: post.answerTs, revealedBy: post.revealedBy };
}

/** The answer message of this question in its thread, by its metadata, or null. */
async function findAnswer(slack: SlackPort, channel: string, ts: string): Promise<string | null> {
  const replies = await slack.threadReplies(channel, ts);
  return replies.find((m) => m.metadata?.event_type === ANSWER_EVENT && m.metadata.event_payload?.post === ts)?.ts ?? null;
}

/** Records an answer found in the thread as the post's answer, and finishes what its poster could not. */
async function adopt(deps: QuizDeps, slack: SlackPort, req: RevealRequest, post: PostRecord, found: string): Promise<RevealOutcome> {
  const recorded = (await deps.posts.completeReveal(req.team, req.channel, req.ts, found)) ?? found;
  const question = deps.questions.get(post.questionId);
  if (question) await markRevealed(deps, slack, req, question, post, post.revealedBy ?? req.by);
  return { status: 'already', answerTs: recorded, revealedBy: post.revealedBy };
}

/** The question says who revealed it and loses its Reveal button. */
async function markRevealed(deps: QuizDeps, slack: SlackPort, req: RevealRequest, question: Question, post: PostRecord, by: string): Promise<void> {
  try {
    await slack.updateMessage(req.channel, req.ts, questionMessage(question, { kind: post.kind, requestedBy: post.requestedBy, revealedBy: by }));
  } catch (error) {
    // The answer is out; a stale Reveal button only points people to the thread.
    deps.logger.warn({ err: error, channel: req.channel }, 'could not mark the question as revealed');
  }
}
