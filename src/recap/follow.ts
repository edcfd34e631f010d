/**
 * The weekly recap follows the channel's question-of-the-day schedule: set with it (at its time, on its first day
 * of the week), gone with it, and left off while `schedule recap off` holds (a setting that outlives schedules).
 */
import type { RecapState } from '../model/recaps';
import type { ScheduleSettings } from '../model/schedules';
import type { QuizDeps } from '../quiz/deps';
import { recapTiming } from './timing';

/** After a schedule was set or changed: the recap's scheduler takes its timing, unless the recap is off. */
export async function followSchedule(deps: Pick<QuizDeps, 'schedules' | 'jobs'>, team: string, channel: string, settings: ScheduleSettings): Promise<RecapState> {
  if (!(await deps.schedules.recapOn(team, channel))) {
    await deps.jobs.removeRecap(team, channel);
    return { on: false, next: null };
  }
  await deps.jobs.upsertRecap(team, channel, recapTiming(settings));
  return { on: true, next: await deps.jobs.nextRecap(team, channel) };
}

/** Whether the recap is on in the channel and when the next one comes (none without an active schedule). */
export async function recapState(deps: Pick<QuizDeps, 'schedules' | 'jobs'>, team: string, channel: string, settings: ScheduleSettings | null): Promise<RecapState> {
  const on = await deps.schedules.recapOn(team, channel);
  const next = on && settings && !settings.pausedReason ? await deps.jobs.nextRecap(team, channel) : null;
  return { on, next };
}
