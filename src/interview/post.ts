import type { Question } from '../model/question';
import type { Interview, InterviewNotice, InterviewSlot } from '../model/interviews';
import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import type { SlackMessage } from '../views/blocks';
import { interviewParentMessage, interviewQuestionMessage, type QuestionOutcome } from '../views/interview-message';
import { INTERVIEW_IN_FLIGHT_MS, nowMs, type InterviewDeps } from './deps';

/**
 * Posting an interview's questions so that no crash, restart or Redis outage leaves one half
 * written. Posting question i is claimed in Redis first (`q:i` and the claim's time `at:i`, in the
 * script that moves the interview on); the message carries metadata naming the interview, the index
 * and the question; its ts is recorded (`msg:i`) once Slack answers. A claim with nothing recorded
 * is settled by the next click: the message is found in the thread and adopted, or, once the
 * claim is older than any post can take, claimed again and posted.
 */

/** Message metadata of a question's message: how a post whose answer was lost is found again. */
export const QUESTION_EVENT = 'interview_question';

function questionMetadata(iv: Interview, index: number, questionId: string) {
  return { event_type: QUESTION_EVENT, event_payload: { interview: iv.id, index, question: questionId } };
}

export function question(deps: InterviewDeps, id: string): Question | null {
  return deps.quiz.questions.get(id) ?? null;
}

export async function updateQuietly(deps: InterviewDeps, slack: SlackPort, channel: string, ts: string | null, message: SlackMessage, what: string): Promise<void> {
  if (!ts) return;
  try {
    await slack.updateMessage(channel, ts, message);
  } catch (error) {
    // The state is right; a stale message only shows buttons that now answer "already done".
    deps.quiz.logger.warn({ err: (error as Error).message, channel, ts }, `could not update the ${what}`);
  }
}

/** Closes question `index`'s message: how it went, without buttons. */
export async function markDone(deps: InterviewDeps, slack: SlackPort, iv: Interview, index: number, outcome: QuestionOutcome): Promise<void> {
  const slot = iv.slots[index];
  const q = slot ? question(deps, slot.questionId) : null;
  if (!slot?.ts || !q) return;
  await updateQuietly(deps, slack, iv.channel, slot.ts, interviewQuestionMessage(iv, index, q, outcome), 'interview question');
}

/** What posting a claimed question came to: its ts once Slack took it, and what to tell the clicker. */
export interface Posted {
  ts: string | null;
  reply: InterviewNotice | null;
}

/**
 * Makes a post claimed in Redis: its ts, or null when Slack did not say whether it took it (no
 * answer, a 5xx): the claim then stays for the next click to settle; a 5xx is Slack's final answer,
 * so no request is in flight and `answered` lets the claim be settled at once. When Slack refuses
 * (an error code or a 429: nothing was posted) `undo` gives the claim back and the error goes up,
 * so "nothing changed" is then true.
 */
export async function postUnderClaim(
  deps: InterviewDeps,
  what: Record<string, unknown>,
  post: () => Promise<{ ts: string }>,
  undo: () => Promise<unknown>,
  answered: () => Promise<unknown>,
): Promise<string | null> {
  try {
    return (await post()).ts;
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate-limited' || failure.kind === 'permanent' || failure.kind === 'refused') {
      await undo();
      throw error;
    }
    deps.quiz.logger.warn({ err: (error as Error).message, ...what }, 'no clear answer from Slack to an interview post');
    if (failure.kind === 'http') await answered().catch(() => false);
    return null;
  }
}

/**
 * Posts question `index`, claimed at `claimedAt`, and records it (see `postUnderClaim`). When the
 * post went out but recording it failed, the clicker is told the question is there, never that
 * nothing changed.
 */
export async function postQuestion(
  deps: InterviewDeps,
  slack: SlackPort,
  iv: Interview,
  index: number,
  q: Question,
  claimedAt: number,
  undo: () => Promise<unknown>,
): Promise<Posted> {
  const ts = await postUnderClaim(
    deps,
    { interview: iv.id, index },
    () => slack.postMessage(iv.channel, interviewQuestionMessage(iv, index, q), { threadTs: iv.parentTs ?? undefined, metadata: questionMetadata(iv, index, q.id) }),
    undo,
    () => deps.store.reclaimQuestion(iv.team, iv.id, index, claimedAt, 0),
  );
  if (!ts) return { ts: null, reply: { kind: 'post-unsure', what: 'question' } };
  try {
    await deps.store.recordPosted(iv.team, iv, index, q.id, ts, nowMs(deps));
  } catch (error) {
    deps.quiz.logger.error({ err: (error as Error).message, interview: iv.id, index, ts }, 'an interview question was posted but not recorded');
    return { ts, reply: { kind: 'posted-unrecorded', what: 'question' } };
  }
  return { ts, reply: null };
}

/** The message of question `slot` in the interview's thread, by its metadata, or null. */
async function findQuestion(slack: SlackPort, iv: Interview, slot: InterviewSlot): Promise<string | null> {
  if (!iv.parentTs) return null;
  const replies = await slack.threadReplies(iv.channel, iv.parentTs);
  const found = replies.find((m) => {
    const p = m.metadata?.event_payload;
    return m.metadata?.event_type === QUESTION_EVENT && p?.interview === iv.id && Number(p.index) === slot.index && p.question === slot.questionId;
  });
  return found?.ts ?? null;
}

/** Question `index` is now in the thread: the interview as it is, and the messages before it brought up to date. */
async function shown(deps: InterviewDeps, slack: SlackPort, iv: Interview, index: number, ts: string): Promise<Interview> {
  const settled: Interview = { ...iv, slots: iv.slots.map((s) => (s.index === index ? { ...s, ts } : s)) };
  if (index === 0) {
    await updateQuietly(deps, slack, iv.channel, iv.parentTs, interviewParentMessage(settled), 'interview parent');
  } else {
    const previous = settled.slots[index - 1];
    if (previous?.rating !== null && previous?.rating !== undefined) await markDone(deps, slack, settled, index - 1, { rating: previous.rating, by: iv.interviewer });
  }
  return settled;
}

/**
 * Settles the question on the table when its message is not recorded: adopts the message found in
 * the thread, or, once the claim is older than any post can take (INTERVIEW_IN_FLIGHT_MS), claims
 * it again and posts it. Searches the thread
 * only when the claim is that old or the click came from a message the interview does not know
 * (it may be the question itself), so ordinary clicks during a post cost no Slack call.
 */
export async function settleQuestion(deps: InterviewDeps, slack: SlackPort, iv: Interview, clickTs: string): Promise<Interview | InterviewNotice> {
  if (iv.status !== 'running') return iv;
  const slot = iv.slots[iv.index];
  if (!slot || slot.ts !== null) return iv;
  const now = nowMs(deps);
  const old = now - slot.claimedAt >= INTERVIEW_IN_FLIGHT_MS;
  const known = clickTs === iv.parentTs || iv.slots.some((s) => s.ts === clickTs);
  if (known && !old) return iv;

  const found = await findQuestion(slack, iv, slot);
  if (found) {
    await deps.store.recordPosted(iv.team, iv, slot.index, slot.questionId, found, now);
    return shown(deps, slack, iv, slot.index, found);
  }
  if (!old) return iv;
  if (!(await deps.store.reclaimQuestion(iv.team, iv.id, slot.index, slot.claimedAt, now))) return { kind: 'still-posting', what: 'question' };
  const q = question(deps, slot.questionId);
  const giveUp = () => deps.store.reclaimQuestion(iv.team, iv.id, slot.index, now, 0);
  if (!q) {
    await giveUp();
    throw new Error(`question ${slot.questionId} is not in the bank`);
  }
  const posted = await postQuestion(deps, slack, iv, slot.index, q, now, giveUp);
  if (!posted.ts) return posted.reply ?? { kind: 'still-posting', what: 'question' };
  const settled = await shown(deps, slack, iv, slot.index, posted.ts);
  return posted.reply ?? settled;
}
