import type { SlackPort } from '../slack/port';
import { answerKeyMessage, interviewExpiredMessage, interviewParentMessage } from '../views/interview-message';
import type { InterviewRef } from '../views/actions';
import { chooseQuestion } from './choose';
import { INTERVIEW_IDLE_MS, INTERVIEW_IN_FLIGHT_MS, nowMs, type Click, type InterviewDeps } from './deps';
import { adoptParent, interviewPool } from './open';
import { markDone, postQuestion, question, settleQuestion, updateQuietly } from './post';
import { finish, settleSummary } from './finish';
import { noteMockRating } from '../review/hooks';
import type { Interview, InterviewNotice, InterviewStatus, Rating } from '../model/interviews';

/** What the clicker is told privately; null when the thread itself shows what happened. */
export type Reply = InterviewNotice | null;

export const NOT_FOUND: InterviewNotice = { kind: 'not-found' };
export const NOT_THIS_MESSAGE: InterviewNotice = { kind: 'not-this-message' };

/** Why an interview no longer takes this action. */
export function statusNotice(iv: Interview, status: InterviewStatus = iv.status): InterviewNotice {
  return { kind: 'status', status, endedBy: iv.endedBy };
}

/**
 * Loads the interview a button names, checks the click came from this interview's channel, and
 * settles a parent or a question whose post was cut off (see `adoptParent`, `settleQuestion`).
 */
async function load(deps: InterviewDeps, click: Click, id: string): Promise<Interview | InterviewNotice> {
  const iv = await deps.store.get(click.team, id);
  if (!iv) return NOT_FOUND;
  if (iv.channel !== click.channel) return NOT_THIS_MESSAGE;
  return settleQuestion(deps, click.slack, await adoptParent(deps, click.slack, iv), click.ts);
}

const STILL_POSTING: InterviewNotice = { kind: 'still-posting', what: 'question' };

/** The question on the table is claimed but its message is not recorded yet. */
function posting(iv: Interview): boolean {
  return iv.status === 'running' && iv.slots[iv.index]?.ts === null;
}

function isMessage(x: Interview | InterviewNotice): x is InterviewNotice {
  return 'kind' in x;
}

function onlyInterviewer(iv: Interview, action: 'rate' | 'skip' | 'end'): InterviewNotice {
  return { kind: 'only-interviewer', interviewer: iv.interviewer, action };
}

async function nextQuestionId(deps: InterviewDeps, iv: Interview): Promise<string | null> {
  const seen = await deps.store.seen(iv.team, iv.candidate);
  return chooseQuestion(interviewPool(deps, iv), new Set(iv.slots.map((s) => s.questionId)), seen, deps.random);
}

/** Start: the first question goes into the thread and the parent shows the interview is under way. */
async function beginInterview(deps: InterviewDeps, slack: SlackPort, iv: Interview, by: string): Promise<Reply> {
  const firstId = await nextQuestionId(deps, iv);
  const first = firstId ? question(deps, firstId) : null;
  if (!first) return { kind: 'no-questions-left', action: 'start' };
  const now = nowMs(deps);
  const started = await deps.store.begin(iv.team, iv, first.id, by, now);
  if (started === 'missing') return NOT_FOUND;
  if (started !== 'started') return statusNotice(iv, started);
  const running: Interview = { ...iv, status: 'running', startedBy: by, index: 0, slots: [{ index: 0, questionId: first.id, ts: null, claimedAt: now, rating: null }] };
  const posted = await postQuestion(deps, slack, running, 0, first, now, () => deps.store.undoBegin(iv.team, iv.id));
  if (posted.ts) await updateQuietly(deps, slack, iv.channel, iv.parentTs, interviewParentMessage(running), 'interview parent');
  return posted.reply;
}

export async function start(deps: InterviewDeps, click: Click, id: string): Promise<Reply> {
  const iv = await load(deps, click, id);
  if (isMessage(iv)) return iv;
  if (iv.parentTs !== click.ts) return NOT_THIS_MESSAGE;
  if (click.user !== iv.interviewer && click.user !== iv.candidate) {
    return { kind: 'only-pair', interviewer: iv.interviewer, candidate: iv.candidate, action: 'start' };
  }
  if (posting(iv)) return STILL_POSTING;
  if (iv.status !== 'pending') return statusNotice(iv);
  return beginInterview(deps, click.slack, iv, click.user);
}

export async function cancel(deps: InterviewDeps, click: Click, id: string): Promise<Reply> {
  const iv = await load(deps, click, id);
  if (isMessage(iv)) return iv;
  if (iv.parentTs !== click.ts) return NOT_THIS_MESSAGE;
  if (click.user !== iv.interviewer && click.user !== iv.candidate) {
    return { kind: 'only-pair', interviewer: iv.interviewer, candidate: iv.candidate, action: 'cancel' };
  }
  const closed = await deps.store.close(iv.team, iv, 'cancel', click.user, nowMs(deps));
  if (closed.status === 'missing') return NOT_FOUND;
  if (closed.status !== 'ok') {
    if (closed.status === 'stale' && closed.current === 'running') return { kind: 'already-started', interviewer: iv.interviewer };
    return statusNotice(iv, closed.status === 'stale' ? closed.current : iv.status);
  }
  await updateQuietly(deps, click.slack, iv.channel, iv.parentTs, interviewParentMessage({ ...iv, status: 'cancelled', endedBy: click.user }), 'interview parent');
  await cancelTimeout(deps, iv);
  return null;
}

/** Checks a control on question `ref.index` was clicked on that question's own message. */
function slotFor(iv: Interview, ref: InterviewRef, ts: string) {
  const slot = iv.slots[ref.index];
  return slot && slot.ts === ts ? slot : null;
}

export async function answerKey(deps: InterviewDeps, click: Click, ref: InterviewRef): Promise<Reply> {
  const iv = await load(deps, click, ref.id);
  if (isMessage(iv)) return iv;
  if (click.user !== iv.interviewer) {
    return { kind: 'answer-key-private', interviewer: iv.interviewer, candidate: iv.candidate };
  }
  const slot = slotFor(iv, ref, click.ts);
  const q = slot ? question(deps, slot.questionId) : null;
  if (!slot || !q) return posting(iv) && ref.index === iv.index ? STILL_POSTING : NOT_THIS_MESSAGE;
  await click.slack.postEphemeral(iv.channel, click.user, answerKeyMessage(iv, ref.index, q), { threadTs: iv.parentTs ?? undefined });
  return null;
}

/**
 * Rates (or skips) the question on the table and moves on: the next question in the thread, or
 * the summary after the last. Only the interviewer may; concurrent clicks record it once.
 */
export async function advance(deps: InterviewDeps, click: Click, ref: InterviewRef, rating: Rating): Promise<Reply> {
  const iv = await load(deps, click, ref.id);
  if (isMessage(iv)) return iv;
  if (click.user !== iv.interviewer) return onlyInterviewer(iv, rating === 'skip' ? 'skip' : 'rate');
  if (iv.status === 'ended') return finishOrExplain(deps, click, iv);
  const nextId = ref.index + 1 < iv.count ? await nextQuestionId(deps, iv) : null;
  const now = nowMs(deps);
  const result = await deps.store.advance(iv.team, iv, { index: ref.index, fromTs: click.ts, rating, nextQuestionId: nextId, by: click.user, now });
  switch (result.status) {
    case 'missing':
      return NOT_FOUND;
    case 'mismatch':
      return { kind: 'wrong-question' };
    case 'wait':
      return STILL_POSTING;
    case 'stale':
      if (result.current === 'running' || (result.current === 'ended' && result.recorded !== null)) {
        return { kind: 'already-done', index: ref.index, recorded: result.recorded, running: result.current === 'running' };
      }
      return statusNotice(iv, result.current);
    case 'next': {
      const next = nextId ? question(deps, nextId) : null;
      const undo = () => deps.store.undoAdvance(iv.team, iv.id, ref.index);
      if (!next) {
        await undo();
        throw new Error(`question ${nextId} is not in the bank`);
      }
      const moved: Interview = { ...iv, index: ref.index + 1, slots: [...iv.slots, { index: ref.index + 1, questionId: next.id, ts: null, claimedAt: now, rating: null }] };
      const posted = await postQuestion(deps, click.slack, moved, ref.index + 1, next, now, undo);
      if (posted.ts) {
        await markDone(deps, click.slack, iv, ref.index, { rating, by: click.user });
        if (rating !== 'skip') await noteMockRating(deps.review, click.slack, iv, ref.index, rating, new Date(now));
      }
      return posted.reply;
    }
    case 'ended': {
      // The rating is recorded for good: the candidate's review card follows it.
      if (rating !== 'skip') await noteMockRating(deps.review, click.slack, iv, ref.index, rating, new Date(now));
      // The question keeps its buttons until the summary is recorded: a click on them settles it.
      const reply = await finish(deps, click.slack, iv.team, iv.id, click.user);
      if (reply) return reply;
      await markDone(deps, click.slack, iv, ref.index, { rating, by: click.user });
      await cancelTimeout(deps, iv);
      return null;
    }
  }
}

/** End: closes the interview on the current question and posts the summary. */
export async function end(deps: InterviewDeps, click: Click, ref: InterviewRef): Promise<Reply> {
  const iv = await load(deps, click, ref.id);
  if (isMessage(iv)) return iv;
  if (click.user !== iv.interviewer) return onlyInterviewer(iv, 'end');
  if (!slotFor(iv, ref, click.ts)) return posting(iv) && ref.index === iv.index ? STILL_POSTING : NOT_THIS_MESSAGE;
  if (iv.status === 'ended') return finishOrExplain(deps, click, iv);
  const closed = await deps.store.close(iv.team, iv, 'end', click.user, nowMs(deps));
  if (closed.status === 'missing') return NOT_FOUND;
  if (closed.status !== 'ok') return statusNotice(iv, closed.status === 'stale' ? closed.current : iv.status);
  const reply = await finish(deps, click.slack, iv.team, iv.id, click.user);
  if (reply) return reply;
  await closeLastQuestion(deps, click.slack, iv);
  await cancelTimeout(deps, iv);
  return null;
}

/** The last question asked loses its buttons once the summary is out: how it went, or that the interview ended on it. */
async function closeLastQuestion(deps: InterviewDeps, slack: SlackPort, iv: Interview): Promise<void> {
  const last = iv.slots[iv.index];
  if (!last) return;
  await markDone(deps, slack, iv, iv.index, last.rating !== null ? { rating: last.rating, by: iv.interviewer } : { closed: 'ended' });
}

/** A click on an ended interview: settles a summary that did not go out (or was not recorded), else explains. */
async function finishOrExplain(deps: InterviewDeps, click: Click, iv: Interview): Promise<Reply> {
  if (iv.summaryTs) return statusNotice(iv);
  const reply = await settleSummary(deps, click.slack, iv, click.user);
  if (reply) return reply;
  const settled = await deps.store.get(iv.team, iv.id);
  if (settled) await closeLastQuestion(deps, click.slack, settled);
  await cancelTimeout(deps, iv);
  return null;
}

async function cancelTimeout(deps: InterviewDeps, iv: Interview): Promise<void> {
  try {
    await deps.jobs.cancelTimeout(iv.team, iv.id);
  } catch (error) {
    // Harmless: the job finds the interview closed and does nothing.
    deps.quiz.logger.warn({ err: (error as Error).message, interview: iv.id }, 'could not drop the interview time-out');
  }
}

export type TimeoutOutcome = { status: 'closed' | 'gone' } | { status: 'later'; dueAt: number };

/**
 * The time-out job: closes an interview untouched for 24 hours (a short note in the thread, the
 * parent and the open question updated), or says when to look again if it was touched since.
 */
export async function expire(deps: InterviewDeps, slack: SlackPort, team: string, id: string): Promise<TimeoutOutcome> {
  const iv = await deps.store.get(team, id);
  if (!iv) return { status: 'gone' };
  if (iv.status === 'ended' && !iv.summaryTs) {
    // Its summary was cut off and nobody clicked since: the job settles it instead.
    if (await settleSummary(deps, slack, iv, 'auto')) return { status: 'later', dueAt: nowMs(deps) + INTERVIEW_IN_FLIGHT_MS };
    const settled = await deps.store.get(team, id);
    if (settled) await closeLastQuestion(deps, slack, settled);
    return { status: 'closed' };
  }
  const closed = await deps.store.close(team, iv, 'expire', 'auto', nowMs(deps), INTERVIEW_IDLE_MS);
  if (closed.status === 'later') return { status: 'later', dueAt: closed.touchedAt + INTERVIEW_IDLE_MS };
  if (closed.status !== 'ok') return { status: 'gone' };
  const expired: Interview = { ...iv, status: 'expired', endedBy: 'auto' };
  // The state is closed already: Slack trouble from here on is logged, not retried.
  try {
    if (iv.parentTs) await slack.postMessage(iv.channel, interviewExpiredMessage(iv), { threadTs: iv.parentTs });
  } catch (error) {
    deps.quiz.logger.warn({ err: (error as Error).message, interview: id }, 'could not post the interview time-out note');
  }
  const current = iv.status === 'running' ? iv.slots[iv.index] : undefined;
  if (current && current.rating === null) await markDone(deps, slack, iv, iv.index, { closed: 'expired' });
  await updateQuietly(deps, slack, iv.channel, iv.parentTs, interviewParentMessage(expired), 'interview parent');
  return { status: 'closed' };
}
