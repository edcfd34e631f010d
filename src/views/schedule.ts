import { format } from 'date-fns';
import { tz as inZone } from '@date-fns/tz';
import { DAY_NAMES, WEEKDAYS, type ScheduleSettings } from '../model/schedules';
import { escapeMrkdwn } from '../content/mrkdwn';
import { QUESTION_LEVELS } from '../model/levels';
import type { RecapState } from '../model/recaps';
import { context, escapedText, mention, quoteInput, section, type SlackMessage } from './blocks';

export function describeSchedule(s: ScheduleSettings): string {
  const parts = [`*${s.time}* ${quoteName(s.tz)}, ${dayNames(s.days)}`];
  if (s.level) parts.push(`${QUESTION_LEVELS[s.level].emoji} ${QUESTION_LEVELS[s.level].label} only`);
  if (s.topics.length) parts.push(`topics: ${s.topics.map((t) => quoteInput(t, 40)).join(', ')}`);
  if (s.revealAfterMinutes) parts.push(`answer revealed after ${formatMinutes(s.revealAfterMinutes)} if nobody has`);
  return parts.join(' · ');
}

/** A zone name as plain text (it was checked against the zone database, but it is still stored text). */
const quoteName = (tz: string) => escapedText(tz, 60);

function formatMinutes(m: number): string {
  const h = Math.floor(m / 60);
  return [h ? `${h}h` : '', m % 60 ? `${m % 60}m` : ''].join('');
}

export function formatNext(next: Date | null, tz: string): string {
  return next ? format(next, "EEE d MMM 'at' HH:mm", { in: inZone(tz) }) : 'not planned';
}

export interface ScheduleMessageOptions {
  /** Who set it: the message announces the change to the channel. */
  changedBy?: string;
  /** The schedule it replaced, for "changed … (was …)". */
  previous?: ScheduleSettings | null;
  warning?: string;
  /** The channel's weekly recap: on (and when next) or off. */
  recap?: RecapState;
}

/** The recap's line under the schedule: when the next comes, or that it is off. */
export function recapLine(recap: RecapState, tz: string): string {
  return recap.on
    ? `📰 Weekly recap: ${formatNext(recap.next, tz)} · \`/devops-quiz schedule recap off\` turns it off`
    : '📰 Weekly recap: off · `/devops-quiz schedule recap on` brings it back';
}

export function scheduleMessage(s: ScheduleSettings | null, next: Date | null, opts: ScheduleMessageOptions = {}): SlackMessage {
  if (!s) {
    return {
      text: 'No question of the day is scheduled in this channel.',
      blocks: [section('📅 No question of the day is scheduled in this channel. Set one with `/devops-quiz schedule 09:30 Europe/Berlin weekdays`.')],
    };
  }
  const verb = opts.previous ? 'changed' : 'set';
  const title = opts.changedBy ? `📅 ${mention(opts.changedBy)} ${verb} the question of the day` : '📅 *Question of the day*';
  const blocks = [section(`${title}: ${describeSchedule(s)}`)];
  if (opts.previous) blocks.push(context(`Was: ${describeSchedule(opts.previous)}`));
  if (s.pausedReason) blocks.push(section(`⏸️ Paused: ${escapeMrkdwn(s.pausedReason)}. Set the schedule again to resume.`));
  else blocks.push(context(`Next question: ${formatNext(next, s.tz)} (${quoteName(s.tz)})`));
  if (opts.recap && !s.pausedReason) blocks.push(context(recapLine(opts.recap, s.tz)));
  if (opts.warning) blocks.push(context(`⚠️ ${opts.warning}`));
  const summary = `${s.time} ${quoteName(s.tz)}, ${dayNames(s.days)}`;
  return { text: opts.changedBy ? `${verb === 'set' ? 'Question of the day set' : 'Question of the day changed'}: ${summary}` : `Question of the day: ${summary}`, blocks };
}

export function dayNames(days: readonly number[]): string {
  if (days.join() === WEEKDAYS.join()) return 'weekdays';
  if (days.join() === '0,6') return 'weekends';
  if (days.length === 7) return 'every day';
  return days.map((d) => DAY_NAMES[d][0].toUpperCase() + DAY_NAMES[d].slice(1)).join(', ');
}
