/** Personal review: the consent offer and `/devops-quiz review` (what is due, what comes next, the settings). */
import { QUESTION_LEVELS } from '../model/levels';
import { DAY_NAMES } from '../model/schedules';
import { REVIEW_DEFAULTS, type CardView, type ReviewOverview, type ReviewSettings } from '../model/reviews';
import { REVIEW_ACTIONS } from './actions';
import { actions, button, context, escapedText, section, type SlackMessage } from './blocks';

/** The offer shown privately the first time an answer makes a card. Nothing is sent by DM without its yes. */
export function reviewOfferMessage(): SlackMessage {
  const text = `📚 *Want this back in a few days, by DM?* I will send you the questions you marked below their level when they are due to be remembered: weekdays at ${REVIEW_DEFAULTS.time} in your time zone, at most ${REVIEW_DEFAULTS.max} a day.`;
  return {
    text: 'Want this back in a few days, by DM?',
    blocks: [
      section(text),
      actions(button('Yes, review by DM', REVIEW_ACTIONS.yes, 'yes', 'primary'), button('No thanks', REVIEW_ACTIONS.no, 'no')),
      context('Change it any time: `/devops-quiz review`'),
    ],
  };
}

/** `Mon 14 Dec` in the person's zone (UTC while unknown). */
export function dayLabel(ms: number, tz: string | null): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: tz ?? 'UTC' }).format(new Date(ms));
}

/** A local date `2026-12-20` as `Sun 20 Dec`. */
export function dateLabel(date: string): string {
  return dayLabel(Date.parse(`${date}T12:00:00Z`), 'UTC');
}

/** `weekdays`, `every day`, `weekends` or `mon, wed, fri`. */
export function daysLabel(days: readonly number[]): string {
  const key = [...days].sort().join(',');
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '0,1,2,3,4,5,6') return 'every day';
  if (key === '0,6') return 'weekends';
  return days.map((d) => DAY_NAMES[d]).join(', ');
}

/** How and when reviews come: `weekdays at 10:00 (Europe/Berlin), at most 2 a day`. */
export function deliveryLabel(s: ReviewSettings): string {
  const zone = s.tz ? ` (${escapedText(s.tz, 60)})` : ' (UTC until Slack tells me your time zone)';
  return `${daysLabel(s.days)} at ${s.time}${zone}, at most ${s.max} a day`;
}

/** One line about reviews by DM: on, off, or not set up. */
export function deliveryLine(s: ReviewSettings): string {
  if (s.consent === 'yes' && s.on) return `✉️ Reviews by DM: *on*, ${deliveryLabel(s)}.`;
  if (s.consent === 'yes' || s.consent === 'no') return '✉️ Reviews by DM: *off*. `/devops-quiz review on` starts them.';
  return '✉️ Reviews by DM: *not set up*. `/devops-quiz review on` starts them.';
}

/** One card of a list: its level, its question (escaped) and, with `when`, the day it is due. */
export function cardLine(c: CardView, tz: string | null, when: boolean): string {
  const level = c.level ? `${QUESTION_LEVELS[c.level].emoji} ` : '';
  const title = c.title ? escapedText(c.title, 150) : '_a question no longer in the bank_';
  return `• ${level}${title}${when ? ` · ${dayLabel(c.due, tz)}` : ''}`;
}

export function reviewOverviewMessage(o: ReviewOverview, now: number): SlackMessage {
  const s = o.settings;
  const lines = ['*📚 Your review cards*', deliveryLine(s)];
  if (s.pausedUntil !== null && s.pausedUntil > now) lines.push(`🏖️ Paused until ${dayLabel(s.pausedUntil, s.tz)}: \`/devops-quiz review resume\` ends it early.`);
  if (o.interviewMode && s.interviewUntil) lines.push(`🎯 Interview mode until ${dateLabel(s.interviewUntil)}: reviews come more often, up to ${REVIEW_DEFAULTS.interviewMax} a day.`);
  const blocks = [section(lines.join('\n'))];
  if (o.active === 0) {
    blocks.push(section(`No cards to review${o.retired ? '' : ' yet'}. Answer 📚 *Not yet* (or below a question's level) and it comes back here${s.consent === 'yes' && s.on ? ', and by DM' : ''}.`));
  } else {
    if (o.dueCount) {
      const more = o.dueCount > o.due.length ? `\n…and ${o.dueCount - o.due.length} more` : '';
      blocks.push(section(`*Due today (${o.dueCount})*\n${o.due.map((c) => cardLine(c, s.tz, false)).join('\n')}${more}`));
    } else {
      blocks.push(section('*Due today*: nothing. 🎉'));
    }
    if (o.upcoming.length) blocks.push(section(`*Coming up*\n${o.upcoming.map((c) => cardLine(c, s.tz, true)).join('\n')}`));
  }
  blocks.push(context(`${o.active} active · ${o.retired} cleared · \`review pause 2w\` · \`review time 10:00\` · \`review max 2\` · \`review interview 2026-12-20\` · \`review off\` · \`review reset\``));
  const summary = o.active ? `${o.dueCount} review card${o.dueCount === 1 ? '' : 's'} due today, ${o.active} active` : 'No review cards to review';
  return { text: summary, blocks };
}
