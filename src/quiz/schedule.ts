import type { SlackPort } from '../slack/port';
import type { ScheduleSettings } from '../model/schedules';
import type { ScheduleChange } from '../model/posts';
import type { ScheduleRequest } from '../model/commands';
import type { QuizDeps } from './deps';
import { isValidTimeZone } from './periods';
import type { RecapState } from '../model/recaps';
import { followSchedule, recapState } from '../recap/follow';

/** Workspace admins and owners, and the users named in QUIZ_ADMINS, may change schedules. */
export async function canManageSchedules(deps: QuizDeps, slack: SlackPort, user: string): Promise<boolean> {
  if (deps.admins.has(user)) return true;
  const info = await slack.userInfo(user);
  return Boolean(info?.isAdmin && !info.deleted);
}

/** A cron pattern for BullMQ's scheduler: minute, hour, any day of month, any month, weekdays. */
export function cronPattern(s: Pick<ScheduleSettings, 'time' | 'days'>): string {
  const [hour, minute] = s.time.split(':').map(Number);
  return `${minute} ${hour} * * ${s.days.join(',')}`;
}

/** The channel's schedule and its next post time (none while paused), and its weekly recap's. */
export async function showSchedule(deps: QuizDeps, req: { team: string; channel: string }): Promise<{ settings: ScheduleSettings | null; next: Date | null; recap: RecapState }> {
  const settings = await deps.schedules.get(req.team, req.channel);
  const next = settings && !settings.pausedReason ? await deps.jobs.nextRun(req.team, req.channel) : null;
  return { settings, next, recap: await recapState(deps, req.team, req.channel, settings) };
}

export async function setSchedule(
  deps: QuizDeps,
  slack: SlackPort,
  req: { team: string; channel: string; user: string; request: ScheduleRequest },
): Promise<ScheduleChange> {
  if (!(await canManageSchedules(deps, slack, req.user))) {
    return { status: 'forbidden', action: 'set' };
  }
  const r = req.request;
  const tz = r.tz ?? (await slack.userInfo(req.user))?.tz ?? 'UTC';
  if (!isValidTimeZone(tz)) {
    return { status: 'bad-zone', tz };
  }
  const unknown = deps.index.unknownTopics(r.topics);
  if (unknown.length) {
    return { status: 'unknown-topics', unknown, topics: deps.index.topicNames() };
  }
  if (deps.index.select({ level: r.level, topics: r.topics }).length === 0) {
    return { status: 'no-questions' };
  }
  const settings: ScheduleSettings = {
    time: `${String(r.hour).padStart(2, '0')}:${String(r.minute).padStart(2, '0')}`,
    tz,
    days: r.days,
    level: r.level,
    topics: r.topics,
    revealAfterMinutes: r.revealAfterMinutes,
    setBy: req.user,
    updatedAt: deps.now().getTime(),
    pausedReason: null,
  };
  const previous = await deps.schedules.get(req.team, req.channel);
  await deps.schedules.save(req.team, req.channel, settings);
  deps.zones.forget(req.team, req.channel);
  await deps.jobs.upsertSchedule(req.team, req.channel, settings);
  const next = await deps.jobs.nextRun(req.team, req.channel);
  const recap = await followSchedule(deps, req.team, req.channel, settings);
  // Times between 01:00 and 03:59 can be skipped or doubled on daylight-saving days in some zones.
  return { status: 'set', settings, previous, next, by: req.user, dstWarning: r.hour >= 1 && r.hour < 4, recap };
}

export async function turnScheduleOff(deps: QuizDeps, slack: SlackPort, req: { team: string; channel: string; user: string }): Promise<ScheduleChange> {
  if (!(await canManageSchedules(deps, slack, req.user))) {
    return { status: 'forbidden', action: 'off' };
  }
  await deps.jobs.removeSchedule(req.team, req.channel);
  await deps.jobs.removeRecap(req.team, req.channel);
  const removed = await deps.schedules.remove(req.team, req.channel);
  return { status: 'off', removed, by: req.user };
}
