import { answerMessage } from '../views/answer-message';
import { questionMessage } from '../views/question-message';
import type { SlackPort } from '../slack/port';
import type { QuizDeps } from './deps';
import type { RevealOutcome } from '../model/posts';

/**
 * Reveals a posted question's answer in its thread, exactly once however many people click:
 * the first click claims the reveal in Redis, the rest are pointed to the thread. A failed
 * post gives the claim back, so the next click can try again.
 */
export async function revealAnswer(
  deps: QuizDeps,
  slack: SlackPort,
  req: { team: string; channel: string; ts: string; by: string },
): Promise<RevealOutcome> {
  const claim = await deps.posts.claimReveal(req.team, req.channel, req.ts, req.by);
  if (claim.status === 'missing') return { status: 'missing' };
  if (claim.status === 'taken') return { status: 'already', answerTs: claim.post.answerTs, revealedBy: claim.post.revealedBy };

  const question = deps.questions.get(claim.post.questionId);
  if (!question) {
    await deps.posts.releaseReveal(req.team, req.channel, req.ts);
    return { status: 'missing' };
  }
  let answerTs: string;
  try {
    ({ ts: answerTs } = await slack.postMessage(req.channel, answerMessage(question, req.ts, claim.post.tally), { threadTs: req.ts }));
  } catch (error) {
    await deps.posts.releaseReveal(req.team, req.channel, req.ts);
    throw error;
  }
  await deps.posts.completeReveal(req.team, req.channel, req.ts, answerTs);
  deps.metrics.answerRevealed(req.by !== 'auto');
  try {
    await slack.updateMessage(req.channel, req.ts, questionMessage(question, { kind: claim.post.kind, requestedBy: claim.post.requestedBy, revealedBy: req.by }));
  } catch (error) {
    // The answer is out; a stale Reveal button only points people to the thread.
    deps.logger.warn({ err: error, channel: req.channel }, 'could not mark the question as revealed');
  }
  return { status: 'revealed', answerTs };
}
