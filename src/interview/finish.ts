import type { Interview } from '../model/interviews';
import type { SlackPort } from '../slack/port';
import { interviewParentMessage } from '../views/interview-message';
import { interviewAnswersMessages, interviewSummaryMessage } from '../views/interview-summary';
import { INTERVIEW_IN_FLIGHT_MS, nowMs, type InterviewDeps } from './deps';
import { postUnderClaim, updateQuietly } from './post';
import { summarize, summaryRows } from './summary';
import type { Reply } from './flow';

/**
 * The summary at the end of an interview, posted once the way questions are (see post.ts): claimed
 * with the claim's time, carried with metadata, recorded once Slack answers; a claim with nothing
 * recorded is settled by the next click on the last question (its buttons stay until the summary
 * is recorded) or by the time-out job: found in the thread and adopted, or posted again once the
 * claim is older than any post can take.
 */

/** Message metadata of the summary and of the answers that follow it. */
export const SUMMARY_EVENT = 'interview_summary';
export const ANSWERS_EVENT = 'interview_answers';

const metadata = (event: string, iv: Interview) => ({ event_type: event, event_payload: { interview: iv.id } });

/** Claims the summary and posts it (nothing when someone else holds the claim). */
export async function finish(deps: InterviewDeps, slack: SlackPort, team: string, id: string, by: string): Promise<Reply> {
  const now = nowMs(deps);
  if (!(await deps.store.claimSummary(team, id, by, now))) return null;
  const iv = await deps.store.get(team, id);
  if (!iv) return null;
  return postSummary(deps, slack, iv, by, now);
}

/** The summary under the claim `by` made at `claimedAt`: posted, recorded, then the answers and the parent. */
async function postSummary(deps: InterviewDeps, slack: SlackPort, iv: Interview, by: string, claimedAt: number): Promise<Reply> {
  const summary = summarize(summaryRows(iv, deps.quiz.questions));
  const threadTs = iv.parentTs ?? undefined;
  const ts = await postUnderClaim(
    deps,
    { interview: iv.id, post: 'summary' },
    () => slack.postMessage(iv.channel, interviewSummaryMessage(iv, summary), { threadTs, metadata: metadata(SUMMARY_EVENT, iv) }),
    () => deps.store.releaseSummary(iv.team, iv.id),
    () => deps.store.claimSummary(iv.team, iv.id, by, 0, claimedAt),
  );
  if (!ts) return { kind: 'post-unsure', what: 'summary' };
  try {
    await deps.store.completeSummary(iv.team, iv.id, ts);
  } catch (error) {
    deps.quiz.logger.error({ err: (error as Error).message, interview: iv.id, ts }, 'an interview summary was posted but not recorded');
    return { kind: 'posted-unrecorded', what: 'summary' };
  }
  await summaryRecorded(deps, iv);
  await postAnswers(deps, slack, iv);
  return null;
}

/**
 * The summary is recorded: it becomes the candidate's latest on their App Home (when an answer was rated, as the
 * interview counts go), and both people's Homes follow. A failure here is logged: the summary is out.
 */
async function summaryRecorded(deps: InterviewDeps, iv: Interview): Promise<void> {
  const summary = summarize(summaryRows(iv, deps.quiz.questions));
  try {
    if (summary.rated > 0) {
      await deps.store.noteLatest(iv.team, iv.candidate, {
        id: iv.id,
        channel: iv.channel,
        at: nowMs(deps),
        asked: summary.rows.length,
        rated: summary.rated,
        skipped: summary.skipped,
        overall: summary.overall,
        studyNext: summary.studyNext.map((t) => ({ pack: t.pack, category: t.category })),
      });
    }
    await deps.home?.changed(iv.team, iv.candidate, null);
    await deps.home?.changed(iv.team, iv.interviewer, null);
  } catch (error) {
    deps.quiz.logger.warn({ err: (error as Error).message, interview: iv.id }, 'could not keep an interview summary for Home');
  }
}

/** The answers for the candidate, then the parent's closing line. Slack trouble here is logged: the summary is out. */
async function postAnswers(deps: InterviewDeps, slack: SlackPort, iv: Interview): Promise<void> {
  const summary = summarize(summaryRows(iv, deps.quiz.questions));
  try {
    for (const message of interviewAnswersMessages(iv, summary)) {
      await slack.postMessage(iv.channel, message, { threadTs: iv.parentTs ?? undefined, metadata: metadata(ANSWERS_EVENT, iv) });
    }
  } catch (error) {
    deps.quiz.logger.warn({ err: (error as Error).message, interview: iv.id }, 'could not post the answers of an interview');
  }
  await updateQuietly(deps, slack, iv.channel, iv.parentTs, interviewParentMessage(iv, { overall: summary.overall }), 'interview parent');
}

/**
 * An ended interview whose summary is claimed but not recorded: adopts the summary found in the
 * thread (posting the answers if none followed it), or, once the claim is old, posts it again.
 * Returns null when the summary is now recorded (or was all along).
 */
export async function settleSummary(deps: InterviewDeps, slack: SlackPort, iv: Interview, by: string): Promise<Reply> {
  if (iv.status !== 'ended' || iv.summaryTs) return null;
  if (!iv.summaryBy) return finish(deps, slack, iv.team, iv.id, by);
  const now = nowMs(deps);
  const replies = iv.parentTs ? await slack.threadReplies(iv.channel, iv.parentTs) : [];
  const ours = (event: string) => replies.filter((m) => m.metadata?.event_type === event && m.metadata.event_payload?.interview === iv.id);
  const found = ours(SUMMARY_EVENT)[0];
  if (found) {
    await deps.store.completeSummary(iv.team, iv.id, found.ts);
    await summaryRecorded(deps, iv);
    if (ours(ANSWERS_EVENT).length === 0) await postAnswers(deps, slack, iv);
    return null;
  }
  if (now - iv.summaryAt < INTERVIEW_IN_FLIGHT_MS) return { kind: 'still-posting', what: 'summary' };
  if (!(await deps.store.claimSummary(iv.team, iv.id, by, now, iv.summaryAt))) return { kind: 'still-posting', what: 'summary' };
  return postSummary(deps, slack, iv, by, now);
}
