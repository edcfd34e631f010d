import type { SlackPort } from '../slack/port';
import type { ScheduleSettings } from '../model/schedules';
import { scheduleMessage } from '../views/schedule';
import { notice } from '../views/notice';
import type { SlackMessage } from '../views/blocks';
import { escapeMrkdwn } from '../content/mrkdwn';
import type { ScheduleRequest } from './command';
import type { QuizDeps } from './deps';
import { isValidTimeZone } from './periods';
import { forgetChannelTimeZone } from './record-level';

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

export async function showSchedule(deps: QuizDeps, req: { team: string; channel: string }): Promise<SlackMessage> {
  const settings = await deps.schedules.get(req.team, req.channel);
  const next = settings && !settings.pausedReason ? await deps.jobs.nextRun(req.team, req.channel) : null;
  return scheduleMessage(settings, next);
}

export type ScheduleChange = { ok: true; message: SlackMessage } | { ok: false; message: SlackMessage };

const refusal = (text: string): ScheduleChange => ({ ok: false, message: notice(text) });

export async function setSchedule(
  deps: QuizDeps,
  slack: SlackPort,
  req: { team: string; channel: string; user: string; request: ScheduleRequest },
): Promise<ScheduleChange> {
  if (!(await canManageSchedules(deps, slack, req.user))) {
    return refusal('🔒 Only workspace admins and the quiz admins can change this channel\'s schedule. Ask one of them, or see it with `/devops-quiz schedule`.');
  }
  const r = req.request;
  const tz = r.tz ?? (await slack.userInfo(req.user))?.tz ?? 'UTC';
  if (!isValidTimeZone(tz)) {
    return refusal(`I do not know the time zone \`${escapeMrkdwn(tz.slice(0, 60))}\`. Use a name like \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`);
  }
  const unknown = deps.index.unknownTopics(r.topics);
  if (unknown.length) {
    return refusal(`No questions match ${unknown.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')}. Topics: ${deps.index.topicNames().map((t) => `\`${t}\``).join(' ')}`);
  }
  if (deps.index.select({ level: r.level, topics: r.topics }).length === 0) {
    return refusal('No question has that level and topic together. Try fewer filters.');
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
  await deps.schedules.save(req.team, req.channel, settings);
  forgetChannelTimeZone(req.team, req.channel);
  await deps.jobs.upsertSchedule(req.team, req.channel, settings);
  const next = await deps.jobs.nextRun(req.team, req.channel);
  const warning =
    r.hour >= 1 && r.hour < 4
      ? 'Times between 01:00 and 03:59 can be skipped or shifted on daylight-saving days in some zones; the bot still posts once that day.'
      : undefined;
  return { ok: true, message: scheduleMessage(settings, next, { changedBy: req.user, warning }) };
}

export async function turnScheduleOff(deps: QuizDeps, slack: SlackPort, req: { team: string; channel: string; user: string }): Promise<ScheduleChange> {
  if (!(await canManageSchedules(deps, slack, req.user))) {
    return refusal('🔒 Only workspace admins and the quiz admins can turn off this channel\'s question of the day.');
  }
  await deps.jobs.removeSchedule(req.team, req.channel);
  const removed = await deps.schedules.remove(req.team, req.channel);
  return {
    ok: true,
    message: notice(removed ? `⏹️ <@${req.user}> turned off the question of the day here. Leaderboards stay.` : 'This channel had no question of the day.'),
  };
}
