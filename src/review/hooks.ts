/**
 * Where answers reach personal review: a channel vote (after the vote script recorded it) and a mock interview's
 * rating of the candidate. Review never fails what called it: a failure here is logged, and the vote or the
 * rating stands.
 */
import type { LevelScore } from '../model/levels';
import type { RecordResult } from '../model/boards';
import type { Interview } from '../model/interviews';
import type { ReviewNote } from '../model/reviews';
import type { PostStore } from '../store/posts';
import type { SlackPort } from '../slack/port';
import { reviewOfferMessage } from '../views/review';
import type { ReviewDeps } from './deps';
import { noteAnswer } from './cards';

/**
 * Which earlier answer a recorded vote replaces, for review: none for a first answer or a new answer on a later
 * post of the question (the question came back: a new occasion), the previous one for a changed answer on this
 * post; undefined when the vote recorded nothing new (the same answer again, a stale or refused click).
 */
function replaced(result: RecordResult): LevelScore | null | undefined {
  if (result.status === 'new') return null;
  if (result.earlier && (result.status === 'changed' || result.status === 'same')) return null;
  if (result.status === 'changed') return result.previous;
  return undefined;
}

/** After a channel vote: readiness, and the voter's card for the question (made when below its level). */
export async function noteVote(
  deps: ReviewDeps,
  posts: PostStore,
  vote: { team: string; channel: string; postTs: string; user: string; score: LevelScore },
  result: RecordResult,
  at: Date,
): Promise<ReviewNote | null> {
  const replaces = replaced(result);
  if (replaces === undefined) return null;
  try {
    const post = await posts.get(vote.team, vote.channel, vote.postTs);
    if (!post) return null;
    return await noteAnswer(deps, {
      team: vote.team,
      user: vote.user,
      questionId: post.questionId,
      score: vote.score,
      at,
      source: 'channel',
      channel: vote.channel,
      ref: `post:${vote.postTs}`,
      replaces,
      mayMake: true,
    });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'could not note a vote for review');
    return null;
  }
}

/**
 * After the interviewer rated the candidate's answer: readiness, the candidate's card, and (the first time a
 * card is made) the offer, shown to the candidate alone in the interview's thread.
 */
export async function noteMockRating(deps: ReviewDeps | undefined, slack: SlackPort, iv: Interview, index: number, score: LevelScore, at: Date): Promise<void> {
  const slot = iv.slots[index];
  if (!deps || !slot) return;
  try {
    const note = await noteAnswer(deps, {
      team: iv.team,
      user: iv.candidate,
      questionId: slot.questionId,
      score,
      at,
      source: 'mock',
      channel: iv.channel,
      ref: `iv:${iv.id}:${index}`,
      replaces: null,
      mayMake: true,
    });
    if (note.offer) await slack.postEphemeral(iv.channel, iv.candidate, reviewOfferMessage(), { threadTs: iv.parentTs ?? undefined });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, interview: iv.id }, 'could not note a mock rating for review');
  }
}
