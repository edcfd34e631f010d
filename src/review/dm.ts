/**
 * The review DM's buttons: Reveal answer posts a card's answer in the DM's thread (once, however often it is
 * clicked), and "How well did you know it now?" rates the card with FSRS; the DM then shows what was done, with the
 * card's next review date. A DM is found by its record, kept under the clicker's own id: nobody acts on another's.
 */
import type { LevelScore } from '../model/levels';
import type { DmCardView, DmRateOutcome, DmRevealOutcome } from '../model/review-dms';
import { REVIEW_ANSWER_EVENT } from '../model/review-dms';
import { postExactlyOnce, PostInFlightError } from '../quiz/exactly-once';
import { REVEAL_IN_FLIGHT_MS } from '../quiz/reveal';
import { classifySlackError } from '../slack/errors';
import type { SlackPort } from '../slack/port';
import { reviewAnswerMessage, reviewDmMessage } from '../views/review-message';
import { rateReview } from './cards';
import type { DmDeps } from './deliver';

interface DmClick {
  team: string;
  user: string;
  /** The DM channel and the review message's ts, as the click names them. */
  channel: string;
  ts: string;
  index: number;
}

/** Posts the answer to card `index` in the DM's thread, exactly once; the DM then says it is there. */
export async function revealInDm(deps: DmDeps, slack: SlackPort, req: DmClick): Promise<DmRevealOutcome> {
  const { team, user, channel, ts, index } = req;
  const dm = await deps.dms.dm(team, user, ts);
  const questionId = dm?.questionIds[index];
  if (!dm || questionId === undefined) return { status: 'expired' };
  const question = deps.review.questions.get(questionId);
  if (!question) return { status: 'gone' };
  const now = () => deps.review.now().getTime();
  let answerTs: string;
  try {
    const result = await postExactlyOnce({
      claims: deps.dms.revealClaim(team, user, ts, index),
      occurrence: `${ts}/${index}`,
      attempt: `click-${now()}`,
      now,
      inFlightMs: REVEAL_IN_FLIGHT_MS,
      async findEarlier() {
        const replies = await slack.threadReplies(channel, ts);
        const found = replies.find((m) => m.metadata?.event_type === REVIEW_ANSWER_EVENT && m.metadata.event_payload?.review === ts && Number(m.metadata.event_payload?.index) === index);
        return found?.ts ?? null;
      },
      async post() {
        const posted = await slack.postMessage(channel, reviewAnswerMessage(question), { threadTs: ts, metadata: { event_type: REVIEW_ANSWER_EVENT, event_payload: { review: ts, index } } });
        return { ts: posted.ts, value: null };
      },
    });
    if (result.status === 'nothing') return { status: 'gone' };
    answerTs = result.ts;
    if (result.status === 'duplicate') {
      await refreshDm(deps, slack, req);
      return { status: 'already', answerTs };
    }
  } catch (error) {
    // Another click's answer is being posted right now.
    if (error instanceof PostInFlightError) return { status: 'already', answerTs: null };
    const failure = classifySlackError(error);
    if (failure.kind === 'http' || failure.kind === 'unknown') {
      deps.review.logger.warn({ err: (error as Error).message }, 'Slack did not confirm a review answer');
      return { status: 'unconfirmed' };
    }
    throw error;
  }
  await refreshDm(deps, slack, req);
  return { status: 'revealed', answerTs };
}

/**
 * Rates card `index` of the DM: FSRS moves the card (a second click on the same DM redoes its rating instead of
 * adding one), and the DM shows the rating with the next review date.
 */
export async function rateInDm(deps: DmDeps, slack: SlackPort, req: DmClick & { score: LevelScore }): Promise<DmRateOutcome> {
  const { team, user, ts, index, score } = req;
  const dm = await deps.dms.dm(team, user, ts);
  const questionId = dm?.questionIds[index];
  if (!dm || questionId === undefined) return { status: 'expired' };
  const rating = await rateReview(deps.review, team, user, questionId, score, deps.review.now(), `dm:${ts}:${index}`);
  switch (rating.status) {
    case 'unknown-question':
      return { status: 'gone' };
    case 'no-card':
      return { status: 'no-card' };
    case 'rated':
      await deps.dms.rateOnDm(team, user, ts, index, { score, next: rating.nextDue.getTime() });
      await refreshDm(deps, slack, req);
      return { status: 'rated', score, next: rating.nextDue.getTime() };
    case 'retired':
      await deps.dms.rateOnDm(team, user, ts, index, { score, next: null });
      await refreshDm(deps, slack, req);
      return { status: 'cleared', score };
  }
}

/** Redraws the DM from its record: which answers are in the thread, what each card was rated. */
async function refreshDm(deps: DmDeps, slack: SlackPort, req: DmClick): Promise<void> {
  const { team, user, channel, ts } = req;
  try {
    const dm = await deps.dms.dm(team, user, ts);
    if (!dm) return;
    const [revealed, settings] = await Promise.all([deps.dms.revealed(team, user, ts, dm.questionIds.length), deps.review.store.settings(team, user)]);
    const cards: DmCardView[] = dm.questionIds.map((id, i) => ({
      question: deps.review.questions.get(id) ?? null,
      revealed: revealed[i] !== null && revealed[i] !== 'posting',
      rating: dm.ratings[i] ?? null,
    }));
    await slack.updateMessage(channel, ts, reviewDmMessage(cards, settings.tz));
  } catch (error) {
    // What the click did stands; the DM only shows it late (the next click redraws it).
    deps.review.logger.warn({ err: (error as Error).message }, 'could not update a review DM');
  }
}
