import type { SlackPort } from '../slack/port';
import { classifySlackError } from '../slack/errors';
import type { QuizDeps } from './deps';
import { localDate } from './periods';
import { postQuestion } from './post-question';
import { postOnce } from './post-once';

export type QotdOutcome =
  | { status: 'posted'; ts: string; date: string }
  | { status: 'adopted'; ts: string; date: string }
  | { status: 'duplicate'; date: string }
  | { status: 'skipped'; reason: string }
  | { status: 'paused'; reason: string };

export { IN_FLIGHT_MS, PostInFlightError } from './post-once';

/**
 * Posts the channel's question of the day for the date the job was scheduled for, exactly
 * once (see postOnce: the date is claimed in Redis first; a retry after a crash looks for the
 * post in the channel, by its message metadata, before posting again).
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
  let result;
  try {
    result = await postOnce(deps, slack, {
      team: req.team,
      channel: req.channel,
      occasion: { kind: 'qotd', date },
      occurrence,
      kind: 'qotd',
      attempt: req.attempt,
      since: Math.min(req.scheduledAt.getTime(), deps.now().getTime()) - 10 * 60_000,
      postedAt: req.scheduledAt.getTime(),
      post: (seq) => postQuestion(deps, slack, { team: req.team, channel: req.channel, filter: { level: schedule.level, topics: schedule.topics }, kind: 'qotd', seq, occurrence }),
    });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    const reason = failure.code === 'not_in_channel' ? 'the bot was removed from the channel' : failure.code === 'is_archived' ? 'the channel is archived' : `Slack said ${failure.code}`;
    await deps.schedules.pause(req.team, req.channel, reason);
    await deps.jobs.removeSchedule(req.team, req.channel);
    return { status: 'paused', reason };
  }
  switch (result.status) {
    case 'duplicate':
      return { status: 'duplicate', date };
    case 'adopted':
      return { status: 'adopted', ts: result.ts, date };
    case 'no-questions':
      return { status: 'skipped', reason: 'no question matches the schedule filters' };
    case 'posted':
      if (schedule.revealAfterMinutes) await deps.jobs.scheduleReveal(req.team, req.channel, result.ts, schedule.revealAfterMinutes * 60_000);
      return { status: 'posted', ts: result.ts, date };
  }
}
