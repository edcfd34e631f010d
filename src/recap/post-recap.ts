/**
 * The weekly team recap, posted once per channel and week: the week's questions with the channel's level mix on
 * each, the hardest one linked to its thread, the running streaks, and the review cards cleared. It acts on the
 * time its job was scheduled for, never the clock (a late or retried run recaps the same week), and goes out
 * exactly once through postOnce (a claim per ISO week; a retry adopts a post it finds by its metadata).
 */
import { POSTED_EVENT } from '../model/posts';
import type { Recap, RecapOutcome } from '../model/recaps';
import type { QuizDeps } from '../quiz/deps';
import { postOnce } from '../quiz/post-once';
import type { SlackPort } from '../slack/port';
import { recapMessage } from '../views/recap';
import { hardestQuestion, recapQuestions } from './summary';
import { recapWeek } from './timing';

/** How many streaks the recap names (the longest still running, at least 2 questions long). */
export const STREAK_LEADERS = 3;

export interface RecapRequest {
  team: string;
  channel: string;
  /** When the job was scheduled for: the recap covers the seven days before it. */
  scheduledAt: Date;
  /** Which job run this is (kept in the claim). */
  attempt: string;
}

export async function runWeeklyRecap(deps: QuizDeps, slack: SlackPort, req: RecapRequest): Promise<RecapOutcome> {
  const { team, channel } = req;
  const schedule = await deps.schedules.get(team, channel);
  const reason = !schedule ? 'no schedule' : schedule.pausedReason ? 'paused' : !(await deps.schedules.recapOn(team, channel)) ? 'recap off' : null;
  if (!schedule || reason) {
    // A recap left behind by a schedule that went another way: it stops here (setting the schedule again brings it back).
    await deps.jobs.removeRecap(team, channel);
    return { status: 'skipped', reason: reason ?? 'no schedule' };
  }
  const { week, from, to } = recapWeek(req.scheduledAt, schedule.tz);
  const occurrence = `${channel}/${week}`;
  const result = await postOnce(deps, slack, {
    team,
    channel,
    occasion: { kind: 'recap', week },
    occurrence,
    kind: 'recap',
    attempt: req.attempt,
    since: Math.min(to, deps.now().getTime()) - 10 * 60_000,
    postedAt: to,
    async post() {
      const recap = await gatherRecap(deps, slack, { team, channel, from, to, tz: schedule.tz });
      if (!recap) return { status: 'no-questions' };
      const { ts } = await slack.postMessage(channel, recapMessage(recap), { metadata: { event_type: POSTED_EVENT.recap, event_payload: { occurrence } } });
      return { status: 'posted', ts };
    },
  });
  switch (result.status) {
    case 'posted':
    case 'adopted':
      return { status: result.status, ts: result.ts, week };
    case 'duplicate':
      return { status: 'duplicate', week };
    case 'no-questions':
      return { status: 'skipped', reason: 'no questions' };
  }
}

/** What the recap of [from, to) says, or null for a week without questions (nothing to recap). */
export async function gatherRecap(deps: QuizDeps, slack: SlackPort, w: { team: string; channel: string; from: number; to: number; tz: string }): Promise<Recap | null> {
  const questions = recapQuestions(await deps.posts.postedBetween(w.team, w.channel, w.from, w.to), deps.questions);
  if (questions.length === 0) return null;
  const hardest = hardestQuestion(questions);
  // The answer in the thread when there is one (the link opens the thread), else the question itself.
  let permalink: string | null = null;
  if (hardest?.question.answerTs) permalink = await slack.permalink(w.channel, hardest.question.answerTs);
  if (hardest && !permalink) permalink = await slack.permalink(w.channel, hardest.question.ts);
  const [streaks, cleared] = await Promise.all([
    deps.boards.streakLeaders(w.team, w.channel, STREAK_LEADERS),
    deps.review.store.cleared(w.team, { from: w.from, to: w.to, channel: w.channel }),
  ]);
  return {
    from: w.from,
    to: w.to,
    tz: w.tz,
    questions,
    hardest: hardest ? { ...hardest, permalink } : null,
    streaks,
    cleared: cleared.length,
  };
}
