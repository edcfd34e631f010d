import { interviewSummaryMessage } from '../views/interview-summary';
import { newInterviewId, type Click, type InterviewDeps } from './deps';
import { NOT_FOUND, NOT_THIS_MESSAGE, statusNotice, type Reply } from './flow';
import { limitNotice, openInterview } from './open';
import { summarize, summaryRows } from './summary';

/**
 * Swap roles, from a finished interview's summary: the same interview the other way round (same
 * count, level and topics), opened like any other in a new thread: a pending parent with Start and
 * Cancel for both people, since the new candidate may not be ready now. The new candidate gets
 * questions they have not met, which leaves out the ones they just asked. Once per interview.
 */
export async function swapRoles(deps: InterviewDeps, click: Click, id: string): Promise<Reply> {
  const iv = await deps.store.get(click.team, id);
  if (!iv) return NOT_FOUND;
  if (iv.channel !== click.channel || !iv.summaryTs || iv.summaryTs !== click.ts) return NOT_THIS_MESSAGE;
  if (click.user !== iv.interviewer && click.user !== iv.candidate) {
    return { kind: 'only-pair', interviewer: iv.interviewer, candidate: iv.candidate, action: 'swap' };
  }
  if (iv.status !== 'ended') return statusNotice(iv);
  if (iv.swappedTo) return { kind: 'already-swapped', by: iv.swappedBy };

  const newId = (deps.newId ?? newInterviewId)();
  if (!(await deps.store.claimSwap(iv.team, iv.id, newId, click.user))) {
    return { kind: 'already-swapped', by: null };
  }
  let opened;
  try {
    opened = await openInterview(
      { ...deps, newId: () => newId },
      click.slack,
      { team: iv.team, channel: iv.channel, interviewer: iv.candidate, candidate: iv.interviewer, requested: iv.requested, level: iv.level, topics: iv.topics, by: click.user, swapOf: iv.id },
    );
  } catch (error) {
    await deps.store.releaseSwap(iv.team, iv.id);
    throw error;
  }
  if (opened.status !== 'opened' && opened.status !== 'unrecorded') {
    await deps.store.releaseSwap(iv.team, iv.id);
    if (opened.status === 'no-questions') return { kind: 'no-questions-left', action: 'swap' };
    return limitNotice(opened, iv.candidate, click.user === iv.candidate) ?? { kind: 'pair-busy-swap', interviewer: iv.interviewer, candidate: iv.candidate };
  }

  try {
    const summary = summarize(summaryRows(iv, deps.quiz.questions));
    await click.slack.updateMessage(iv.channel, iv.summaryTs, interviewSummaryMessage(iv, summary, { swappedBy: click.user }));
  } catch (error) {
    deps.quiz.logger.warn({ err: (error as Error).message, interview: iv.id }, 'could not mark the summary as swapped');
  }
  return opened.status === 'unrecorded' ? { kind: 'posted-unrecorded', what: 'interview' } : null;
}
