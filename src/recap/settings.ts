/** `schedule recap on|off`: whether a channel gets its weekly recap. Who may set the schedule may set this. */
import type { RecapChange } from '../model/recaps';
import type { QuizDeps } from '../quiz/deps';
import { canManageSchedules } from '../quiz/schedule';
import type { SlackPort } from '../slack/port';
import { recapTiming } from './timing';

export async function setRecap(deps: QuizDeps, slack: SlackPort, req: { team: string; channel: string; user: string; on: boolean }): Promise<RecapChange> {
  if (!(await canManageSchedules(deps, slack, req.user))) return { status: 'forbidden' };
  const wasOn = await deps.schedules.setRecapOn(req.team, req.channel, req.on);
  const schedule = await deps.schedules.get(req.team, req.channel);
  const scheduled = schedule !== null && !schedule.pausedReason;
  if (!req.on) await deps.jobs.removeRecap(req.team, req.channel);
  else if (scheduled) await deps.jobs.upsertRecap(req.team, req.channel, recapTiming(schedule));
  const next = req.on && scheduled ? await deps.jobs.nextRecap(req.team, req.channel) : null;
  return { status: 'set', on: req.on, changed: wasOn !== req.on, by: req.user, scheduled, next, tz: schedule?.tz ?? null };
}
