/**
 * The App Home tab: one person's practice at a glance, and their review settings with controls to change them.
 * Pure: HomeData in, a `home` view out, at most 100 blocks whatever the history.
 */
import type { types } from '@slack/bolt';
import type { HomeData, HomeNotice, SendNowOutcome } from '../model/home';
import { REVIEW_DEFAULTS, type ReviewOverview, type ReviewSettings } from '../model/reviews';
import { HOME_ACTIONS, HOME_PAUSE_DAYS } from './actions';
import { button, context, divider, escapedText, header, section, truncate, type Blocks } from './blocks';
import { calibrationBlocks, channelBlocks, interviewBlocks, readinessBlocks } from './home-parts';
import { failureNotice } from './notices/failure';
import { reviewOutcomeMessage } from './notices/review';
import { cardLine, dateLabel, dayLabel, deliveryLabel } from './review';

/** What views.publish takes for a Home tab. */
export type HomeView = types.HomeView;

/** Slack's limit for a Home tab. */
export const HOME_MAX_BLOCKS = 100;

type Element = types.Button | types.StaticSelect | types.Datepicker;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const actionsOf = (...elements: Element[]): types.ActionsBlock => ({ type: 'actions', elements });

function option(text: string, value: string): types.PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, 75), emoji: true }, value };
}

function select(placeholder: string, actionId: string, options: types.PlainTextOption[], initial?: string): types.StaticSelect {
  const chosen = options.find((o) => o.value === initial);
  return { type: 'static_select', action_id: actionId, placeholder: { type: 'plain_text', text: placeholder, emoji: true }, options, ...(chosen ? { initial_option: chosen } : {}) };
}

/** Every half hour of the day, and the person's own time when it is between them. */
function timeOptions(current: string): types.PlainTextOption[] {
  const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  if (!times.includes(current)) times.push(current);
  return times.sort().map((t) => option(`⏰ ${t}`, t));
}

function sendNowText(o: SendNowOutcome, tz: string | null): string {
  switch (o.kind) {
    case 'sent':
      return `📬 ${plural(o.count, 'review')} on the way: they arrive in your messages with me in a moment.`;
    case 'already-sent':
      return "📬 Today's reviews went out already: they are in your messages with me. More come on your next review day.";
    case 'nothing-due':
      return 'Nothing is due today, so nothing was sent. 🎉';
    case 'not-on':
      return 'Reviews by DM are off, so nothing was sent: turn them on below first.';
    case 'paused':
      return `Reviews are paused until ${dayLabel(o.until, tz)}, so nothing was sent: resume them below first.`;
  }
}

/** The line at the top of Home after a change made from it. */
function noticeBlocks(n: HomeNotice | null, now: number, tz: string | null): Blocks {
  if (!n) return [];
  if (n.kind === 'review') return reviewOutcomeMessage(n.outcome, now).blocks;
  if (n.kind === 'failed') return failureNotice(n.storeUnavailable ? 'store-unavailable' : 'other').blocks;
  return [section(sendNowText(n.outcome, tz))];
}

function statusLines(s: ReviewSettings, o: ReviewOverview, now: number): string[] {
  const on = s.consent === 'yes' && s.on;
  const lines = [on ? `✉️ Reviews by DM: *on*, ${deliveryLabel(s)}.` : '✉️ Reviews by DM: *off*. Turn them on below, and the questions you marked below their level come back when they are due.'];
  if (s.pausedUntil !== null && s.pausedUntil > now) lines.push(`🏖️ Paused until ${dayLabel(s.pausedUntil, s.tz)}.`);
  if (o.interviewMode && s.interviewUntil) lines.push(`🎯 Interview mode until ${dateLabel(s.interviewUntil)}: reviews come more often, up to ${REVIEW_DEFAULTS.interviewMax} a day.`);
  return lines;
}

/** Due today and coming up, with the button that sends today's now. */
function reviewBlocks(o: ReviewOverview, now: number): Blocks {
  const s = o.settings;
  const blocks: Blocks = [section(['*📚 Reviews*', ...statusLines(s, o, now)].join('\n'))];
  if (o.active === 0) {
    blocks.push(section(`No review cards${o.retired ? ' left: all cleared' : ' yet'}. Answer 📚 *Not yet* (or below a question's level) and the question comes back here.`));
    return blocks;
  }
  if (o.dueCount) {
    const more = o.dueCount > o.due.length ? `\n_…and ${o.dueCount - o.due.length} more_` : '';
    blocks.push(section(`*Due today (${o.dueCount})*\n${o.due.map((c) => cardLine(c, s.tz, false)).join('\n')}${more}`));
    blocks.push(actionsOf(button("📬 Get today's reviews now", HOME_ACTIONS.sendNow, 'now', 'primary', "Send me today's reviews by DM now")));
  } else blocks.push(section('*Due today*: nothing. 🎉'));
  if (o.upcoming.length) blocks.push(section(`*Coming up*\n${o.upcoming.map((c) => cardLine(c, s.tz, true)).join('\n')}`));
  blocks.push(context(`${o.active} active · ${o.retired} cleared`));
  return blocks;
}

/** The review settings as controls: on/off, time, daily cap, a break, the interview date. */
function settingsBlocks(s: ReviewSettings, interviewMode: boolean, now: number): Blocks {
  const on = s.consent === 'yes' && s.on;
  const paused = s.pausedUntil !== null && s.pausedUntil > now;
  const caps = Array.from({ length: REVIEW_DEFAULTS.maxLimit + 1 }, (_, n) => option(`${n} a day`, String(n)));
  const holds = HOME_PAUSE_DAYS.map((d) => option(d % 7 === 0 ? `🏖️ Pause ${plural(d / 7, 'week')}` : `🏖️ Pause ${plural(d, 'day')}`, String(d)));
  const date: types.Datepicker = {
    type: 'datepicker',
    action_id: HOME_ACTIONS.interview,
    placeholder: { type: 'plain_text', text: 'Interview date', emoji: true },
    ...(s.interviewUntil && interviewMode ? { initial_date: s.interviewUntil } : {}),
  };
  const first: Element[] = [
    on ? button('🔕 Turn reviews off', HOME_ACTIONS.off, 'off') : button('✉️ Turn reviews on', HOME_ACTIONS.on, 'on', 'primary'),
    select('Time', HOME_ACTIONS.time, timeOptions(s.time), s.time),
    select('Per day', HOME_ACTIONS.max, caps, String(s.max)),
  ];
  const second: Element[] = [paused ? button('👋 Resume reviews', HOME_ACTIONS.resume, 'resume') : select('Take a break', HOME_ACTIONS.pause, holds), date];
  if (interviewMode) second.push(button('Interview mode off', HOME_ACTIONS.interviewOff, 'off'));
  const zone = s.tz ? escapedText(s.tz, 60) : 'UTC until Slack tells me your time zone';
  return [
    section('*⚙️ Review settings*'),
    actionsOf(...first),
    actionsOf(...second),
    context(`Times are in your time zone (${zone}). An interview date brings reviews forward until that day. The same settings as \`/devops-quiz review\`.`),
  ];
}

/** Keeps a Home within Slack's block limit, however much the parts hold (they are bounded already). */
function fitHome(blocks: Blocks): Blocks {
  if (blocks.length <= HOME_MAX_BLOCKS) return blocks;
  return [...blocks.slice(0, HOME_MAX_BLOCKS - 1), context('_There is more than this page can show._')];
}

/** The person's Home. `notice`: what a change just made from Home did (shown at the top), or null. */
export function homeView(data: HomeData, notice: HomeNotice | null = null): HomeView {
  const s = data.review.settings;
  const updated = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: s.tz ?? 'UTC' }).format(new Date(data.at));
  const blocks: Blocks = [
    header('🏠 Your DevOps interview practice'),
    context(`Only you can see this page. Updated ${updated}${s.tz ? '' : ' UTC'}.`),
    ...noticeBlocks(notice, data.at, s.tz),
    ...readinessBlocks(data.readiness),
    divider(),
    ...reviewBlocks(data.review, data.at),
    ...settingsBlocks(s, data.review.interviewMode, data.at),
    divider(),
    ...channelBlocks(data.channels, data.moreChannels),
    ...interviewBlocks(data.interviews, s.tz),
    ...calibrationBlocks(data.calibration),
  ];
  return { type: 'home', blocks: fitHome(blocks) };
}

/** Home when it cannot be gathered at all (Redis unreachable): what happened, and to try again. */
export function homeUnavailableView(storeUnavailable: boolean): HomeView {
  const why = failureNotice(storeUnavailable ? 'store-unavailable' : 'other').blocks;
  return { type: 'home', blocks: [header('🏠 Your DevOps interview practice'), ...why, context('Open this tab again in a moment to see your practice.')] };
}
