/**
 * Consent and delivery settings: the offer's two buttons and `/devops-quiz review …`. Nothing goes out by DM
 * without a yes (the offer's button or `review on`); the delivery reads what is stored here.
 */
import { localDate } from '../quiz/periods';
import type { SlackPort } from '../slack/port';
import type { CardView, ReviewAction, ReviewCard, ReviewOutcome, ReviewOverview, ReviewSettings } from '../model/reviews';
import type { ReviewDeps } from './deps';
import { INTERVIEW_RETENTION } from './scheduler';
import { endOfLocalDate, endOfLocalDay, interviewModeAt, zoneOf } from './time';

const DAY_MS = 24 * 3600 * 1000;
/** Cards listed as due, and as coming up, by `/devops-quiz review`. */
export const OVERVIEW_ROWS = 5;
/** Interview mode may be set for a date up to this many days ahead. */
export const INTERVIEW_MAX_DAYS = 366;

/** The offer's answer: yes turns reviews by DM on (with the person's Slack time zone), no declines them. */
export async function answerOffer(deps: ReviewDeps, slack: SlackPort, req: { team: string; user: string; yes: boolean }): Promise<ReviewOutcome> {
  const now = deps.now().getTime();
  const settings = await deps.store.settings(req.team, req.user);
  if (req.yes) return turnOn(deps, slack, req.team, req.user, settings, now);
  const declined: ReviewSettings = { ...settings, consent: 'no', on: false, updatedAt: now };
  await save(deps, req.team, req.user, declined);
  return { kind: 'declined', settings: declined };
}

/** `/devops-quiz review …` for the person who typed it. */
export async function reviewCommand(deps: ReviewDeps, slack: SlackPort, req: { team: string; user: string; action: ReviewAction }): Promise<ReviewOutcome> {
  const { team, user, action } = req;
  const at = deps.now();
  const now = at.getTime();
  if (action.do === 'show') return { kind: 'overview', overview: await reviewOverview(deps, team, user, at) };
  if (action.do === 'reset') return { kind: 'reset', removed: await deps.store.reset(team, user) };
  const settings = await deps.store.settings(team, user);
  switch (action.do) {
    case 'on':
      return turnOn(deps, slack, team, user, settings, now);
    case 'off': {
      const off: ReviewSettings = { ...settings, on: false, updatedAt: now };
      await save(deps, team, user, off);
      return { kind: 'off', settings: off };
    }
    case 'pause': {
      // A second hold adds to the first: the cards move by exactly as long as the hold grows.
      const from = Math.max(now, settings.pausedUntil ?? now);
      const until = from + action.days * DAY_MS;
      const moved = await deps.store.shiftDue(team, user, until - from, now);
      const paused: ReviewSettings = { ...settings, pausedUntil: until, updatedAt: now };
      await save(deps, team, user, paused);
      return { kind: 'paused', settings: paused, days: action.days, moved };
    }
    case 'resume': {
      const left = settings.pausedUntil !== null ? settings.pausedUntil - now : 0;
      const moved = left > 0 ? await deps.store.shiftDue(team, user, -left, now) : 0;
      const resumed: ReviewSettings = { ...settings, pausedUntil: null, updatedAt: now };
      await save(deps, team, user, resumed);
      return { kind: 'resumed', settings: resumed, moved, wasPaused: left > 0 };
    }
    case 'time': {
      const time = `${String(action.hour).padStart(2, '0')}:${String(action.minute).padStart(2, '0')}`;
      const tz = action.tz ?? settings.tz ?? (await slackZone(slack, user));
      const timed: ReviewSettings = { ...settings, time, tz, updatedAt: now };
      await save(deps, team, user, timed);
      return { kind: 'time', settings: timed };
    }
    case 'max': {
      const capped: ReviewSettings = { ...settings, max: action.max, updatedAt: now };
      await save(deps, team, user, capped);
      return { kind: 'max', settings: capped };
    }
    case 'interview':
      return interviewMode(deps, slack, team, user, settings, action.date, at);
    case 'interview-off': {
      const normal: ReviewSettings = { ...settings, interviewUntil: null, updatedAt: now };
      await save(deps, team, user, normal);
      return { kind: 'interview-off', settings: normal, wasOn: interviewModeAt(settings, at) };
    }
  }
}

/**
 * `review interview <date>`: until the end of that date, ratings are scheduled for a higher retention and the
 * daily cap is 5; the cards already scheduled come back as that retention would have them (never later).
 */
async function interviewMode(deps: ReviewDeps, slack: SlackPort, team: string, user: string, settings: ReviewSettings, date: string, at: Date): Promise<ReviewOutcome> {
  const tz = settings.tz ?? (await slackZone(slack, user));
  const zone = tz ?? 'UTC';
  const end = endOfLocalDate(date, zone);
  if (date <= localDate(at, zone)) return { kind: 'interview-date', problem: 'past', date };
  if (end - at.getTime() > INTERVIEW_MAX_DAYS * DAY_MS) return { kind: 'interview-date', problem: 'too-far', date };
  const cards = await deps.store.allCards(team, user, at.getTime());
  // Only pulled in: the store moves a due date only to an earlier one.
  const dues = cards.filter((c) => c.retiredAt === null).map((c) => ({ questionId: c.questionId, due: deps.scheduler.dueAt(c.fsrs, INTERVIEW_RETENTION) }));
  const moved = await deps.store.pullIn(team, user, dues);
  const updated: ReviewSettings = { ...settings, tz, interviewUntil: date, updatedAt: at.getTime() };
  await save(deps, team, user, updated);
  return { kind: 'interview', settings: updated, moved };
}

async function turnOn(deps: ReviewDeps, slack: SlackPort, team: string, user: string, settings: ReviewSettings, now: number): Promise<ReviewOutcome> {
  const first = settings.consent !== 'yes';
  const tz = settings.tz ?? (await slackZone(slack, user));
  const on: ReviewSettings = { ...settings, consent: 'yes', on: true, tz, updatedAt: now };
  await save(deps, team, user, on);
  return { kind: 'on', settings: on, first };
}

async function save(deps: ReviewDeps, team: string, user: string, settings: ReviewSettings): Promise<void> {
  await deps.store.saveSettings(team, user, settings);
  await deps.delivery.settingsChanged(team, user, settings);
}

/** The person's Slack time zone (users.info), or null when Slack does not say. */
async function slackZone(slack: SlackPort, user: string): Promise<string | null> {
  return (await slack.userInfo(user))?.tz ?? null;
}

/** `/devops-quiz review`: the settings, what is due today (in the person's zone) and what comes next. */
export async function reviewOverview(deps: ReviewDeps, team: string, user: string, at: Date): Promise<ReviewOverview> {
  const settings = await deps.store.settings(team, user);
  const until = endOfLocalDay(at, zoneOf(settings));
  const now = at.getTime();
  const [counts, due, upcoming] = await Promise.all([
    deps.store.counts(team, user, until),
    deps.store.dueCards(team, user, until, OVERVIEW_ROWS, now),
    deps.store.upcomingCards(team, user, until, OVERVIEW_ROWS, now),
  ]);
  const view = (c: ReviewCard): CardView => {
    const q = deps.questions.get(c.questionId);
    return { questionId: c.questionId, due: c.fsrs.due, level: q?.level ?? null, title: q?.title ?? null };
  };
  return {
    settings,
    due: due.map(view),
    dueCount: counts.due,
    upcoming: upcoming.map(view),
    active: counts.active,
    retired: Math.max(0, counts.total - counts.active),
    interviewMode: interviewModeAt(settings, at),
  };
}
