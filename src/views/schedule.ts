import { format } from 'date-fns';
import { tz as inZone } from '@date-fns/tz';
import { DAY_NAMES, WEEKDAYS, type ScheduleSettings } from '../model/schedules';
import { escapeMrkdwn } from '../content/mrkdwn';
import { QUESTION_LEVELS } from '../model/levels';
import { context, section, type SlackMessage } from './blocks';

export function describeSchedule(s: ScheduleSettings): string {
  const parts = [`*${s.time}* ${escapeMrkdwn(s.tz)}, ${dayNames(s.days)}`];
  if (s.level) parts.push(`${QUESTION_LEVELS[s.level].emoji} ${QUESTION_LEVELS[s.level].label} only`);
  if (s.topics.length) parts.push(`topics: ${s.topics.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')}`);
  if (s.revealAfterMinutes) parts.push(`answer revealed after ${formatMinutes(s.revealAfterMinutes)} if nobody has`);
  return parts.join(' · ');
}

function formatMinutes(m: number): string {
  const h = Math.floor(m / 60);
  return [h ? `${h}h` : '', m % 60 ? `${m % 60}m` : ''].join('');
}

export function formatNext(next: Date | null, tz: string): string {
  return next ? format(next, "EEE d MMM 'at' HH:mm", { in: inZone(tz) }) : 'not planned';
}

export function scheduleMessage(s: ScheduleSettings | null, next: Date | null, opts: { changedBy?: string; warning?: string } = {}): SlackMessage {
  if (!s) {
    return {
      text: 'This channel has no question of the day yet.',
      blocks: [section('📅 This channel has no question of the day yet. Set one with `/devops-quiz schedule 09:30 Europe/Berlin weekdays`.')],
    };
  }
  const title = opts.changedBy ? `📅 <@${opts.changedBy}> set the question of the day` : '📅 *Question of the day*';
  const blocks = [section(`${title}: ${describeSchedule(s)}`)];
  if (s.pausedReason) blocks.push(section(`⏸️ Paused: ${escapeMrkdwn(s.pausedReason)}. Set the schedule again to resume.`));
  else blocks.push(context(`Next question: ${formatNext(next, s.tz)} (${escapeMrkdwn(s.tz)})`));
  if (opts.warning) blocks.push(context(`⚠️ ${opts.warning}`));
  return { text: `Question of the day: ${s.time} ${s.tz}, ${dayNames(s.days)}`, blocks };
}

export function dayNames(days: readonly number[]): string {
  if (days.join() === WEEKDAYS.join()) return 'weekdays';
  if (days.length === 7) return 'every day';
  return days.map((d) => DAY_NAMES[d][0].toUpperCase() + DAY_NAMES[d].slice(1)).join(', ');
}
