import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import type { QuizDeps } from './deps';
import { localDate } from './periods';
import { postQuestion } from './post-question';

export type QotdOutcome =
  | { status: 'posted'; ts: string; date: string }
  | { status: 'adopted'; ts: string; date: string }
  | { status: 'duplicate'; date: string }
  | { status: 'skipped'; reason: string }
  | { status: 'paused'; reason: string };

/** Thrown when another attempt is posting the same day right now: the job retries later. */
export class PostInFlightError extends Error {
  constructor(
    readonly date: string,
    /** When the other attempt's request is surely over. */
    readonly retryInMs: number,
  ) {
    super(`another attempt is posting the question of ${date}`);
    this.name = 'PostInFlightError';
  }
}

/**
 * A claim younger than this may still have a request to Slack in flight (the job client's
 * timeout is 10 s): a retry waits rather than risk posting twice.
 */
export const IN_FLIGHT_MS = 15_000;

/**
 * Posts the channel's question of the day for the date the job was scheduled for, exactly
 * once: the date is claimed in Redis first; a retry after a crash looks for the post in the
 * channel (by its message metadata) before posting again.
 */
export async function runQuestionOfTheDay(
  deps: QuizDeps,
  slack: SlackPort,
  req: { team: string; channel: string; scheduledAt: Date; attempt: string },
): Promise<QotdOutcome> {
  const schedule = await deps.schedules.get(req.team, req.channel);
  if (!schedule) return { status: 'skipped', reason: 'no schedule' };
  if (schedule.pausedReason) return { status: 'skipped', reason: `paused: ${schedule.pausedReason}` };

  const date = localDate(req.scheduledAt, schedule.tz);
  const occurrence = `${req.channel}/${date}`;
  let claim = await deps.posts.claimQotd(req.team, req.channel, date, req.attempt, deps.now().getTime());
  if (claim.status === 'posted') return { status: 'duplicate', date };
  if (claim.status === 'posting') {
    if (claim.ageMs < IN_FLIGHT_MS) throw new PostInFlightError(date, IN_FLIGHT_MS - claim.ageMs);
    // An earlier attempt died or lost its answer: did its post reach Slack anyway?
    const since = Math.min(req.scheduledAt.getTime(), deps.now().getTime()) - 10 * 60_000;
    const recent = await slack.recentMessages(req.channel, Math.floor(since / 1000));
    const found = recent.find((m) => m.metadata?.event_type === 'qotd_posted' && m.metadata.event_payload?.occurrence === occurrence);
    if (found) {
      const questionId = String(found.metadata?.event_payload?.question ?? '');
      if (!(await deps.posts.get(req.team, req.channel, found.ts)) && deps.questions.has(questionId)) {
        await deps.posts.create(req.team, req.channel, found.ts, { questionId, kind: 'qotd', seq: claim.seq, postedAt: req.scheduledAt.getTime() });
      }
      await deps.posts.markQotdPosted(req.team, req.channel, date, found.ts, claim.seq, deps.now().getTime());
      return { status: 'adopted', ts: found.ts, date };
    }
    claim = await deps.posts.retakeQotd(req.team, req.channel, date, req.attempt, claim.seq, deps.now().getTime());
  }
  const seq = claim.status === 'claimed' ? claim.seq : 0;

  let posted;
  try {
    posted = await postQuestion(deps, slack, {
      team: req.team,
      channel: req.channel,
      filter: { level: schedule.level, topics: schedule.topics },
      kind: 'qotd',
      seq,
      occurrence,
    });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate-limited' || failure.kind === 'permanent' || failure.kind === 'refused') {
      // Slack answered "no" (an error code or 429): nothing was posted, so a later attempt may post.
      await deps.posts.failQotd(req.team, req.channel, date, seq, deps.now().getTime());
    }
    if (failure.kind === 'permanent') {
      const reason = failure.code === 'not_in_channel' ? 'the bot was removed from the channel' : failure.code === 'is_archived' ? 'the channel is archived' : `Slack said ${failure.code}`;
      await deps.schedules.pause(req.team, req.channel, reason);
      await deps.jobs.removeSchedule(req.team, req.channel);
      return { status: 'paused', reason };
    }
    // Timeouts, dropped connections, 5xx: the post may have gone out, so the claim stays
    // "posting" and the retry checks the channel first. When Slack did answer (5xx), no
    // request is in flight any more, and the retry may check at once.
    if (failure.kind === 'http') await deps.posts.retakeQotd(req.team, req.channel, date, req.attempt, seq, 0);
    throw error;
  }
  if (posted.status === 'no-questions') {
    await deps.posts.failQotd(req.team, req.channel, date, seq, deps.now().getTime());
    return { status: 'skipped', reason: 'no question matches the schedule filters' };
  }
  await deps.posts.markQotdPosted(req.team, req.channel, date, posted.ts, seq, deps.now().getTime());
  if (schedule.revealAfterMinutes) {
    await deps.jobs.scheduleReveal(req.team, req.channel, posted.ts, schedule.revealAfterMinutes * 60_000);
  }
  return { status: 'posted', ts: posted.ts, date };
}
