/**
 * Reviews by DM: once a day at the person's time, at most their cap of due cards, oldest due first (cards already
 * sent and not answered since go after those never sent, so an overflow goes out the next day instead of waiting
 * behind them), exactly once per local day.
 *
 * One delayed job per person (its scheduled time in its data) runs their day: it acts on that time, never the
 * clock (which cards are due, which local day it is, when the next run falls), names the next one from it, and
 * queues the DM, which goes out through the workspace's pace. A settings change moves the person's job.
 */
import type { DeliveryDayOutcome, DeliveryOutcome } from '../model/review-dms';
import { REVIEW_DM_EVENT } from '../model/review-dms';
import type { DueCards, ReviewCard, ReviewSettings } from '../model/reviews';
import { localDate } from '../quiz/periods';
import { postExactlyOnce } from '../quiz/exactly-once';
import { IN_FLIGHT_MS } from '../quiz/post-once';
import type { SlackPort } from '../slack/port';
import type { ReviewDmStore } from '../store/review-dms';
import { reviewDmMessage } from '../views/review-message';
import { dueFor } from './cards';
import type { ReviewDelivery, ReviewDeps } from './deps';
import { deliveryJitterMs, isDeliveryDay, nextDeliveryAt } from './delivery-times';
import { endOfLocalDay, zoneOf } from './time';

/** What the delivery needs from the job system; implemented in jobs/review-jobs.ts. */
export interface ReviewDeliveryJobs {
  /** The person's day job for the slot `at` (ms), to run at `runAt`; one job per slot, however often asked. */
  scheduleDay(team: string, user: string, at: number, runAt: number): Promise<void>;
  /** Removes the day job of a slot that is no longer the person's next (one running now cannot be: it finds out). */
  cancelDay(team: string, user: string, at: number): Promise<void>;
  /** Sends the person's DM for the slot `at`, soon, paced with the workspace's other posts. */
  send(team: string, user: string, at: number): Promise<void>;
}

/** The DM's own rules: the review rules and the record of what went out. */
export interface DmDeps {
  review: ReviewDeps;
  dms: ReviewDmStore;
}

export interface DeliveryDeps extends DmDeps {
  jobs: ReviewDeliveryJobs;
}

/** Cards looked at beyond the cap, so that cards sent before (and not answered since) can go after fresh ones. */
const CANDIDATES = 50;

const isOn = (s: ReviewSettings) => s.consent === 'yes' && s.on;

/** The review rules' ReviewDelivery: a person's settings changed, so their next delivery job moves. */
export function reviewDelivery(deps: { dms: ReviewDmStore; jobs: ReviewDeliveryJobs; now: () => Date }): ReviewDelivery {
  return {
    async settingsChanged(team, user, settings) {
      await rescheduleDelivery(deps, team, user, settings);
    },
  };
}

/**
 * Names the person's next delivery job from their settings: the first slot whose run is after now and after the
 * last slot that ran (a chain never goes back to a day it did), or none while reviews by DM are off. An unchanged
 * slot keeps its job (re-adding it is a no-op, and brings back one that was lost).
 */
export async function rescheduleDelivery(deps: { dms: ReviewDmStore; jobs: ReviewDeliveryJobs; now: () => Date }, team: string, user: string, settings: ReviewSettings): Promise<number | null> {
  const state = await deps.dms.state(team, user);
  const jitter = deliveryJitterMs(team, user);
  const from = Math.max(deps.now().getTime(), state.last === null ? -Infinity : state.last + jitter);
  const next = isOn(settings) ? nextDeliveryAt(settings, from, jitter) : null;
  if (next !== state.next) await deps.dms.setNext(team, user, next);
  if (next !== null) await deps.jobs.scheduleDay(team, user, next, next + jitter);
  if (state.next !== null && state.next !== next) await deps.jobs.cancelDay(team, user, state.next);
  return next;
}

/**
 * The person's day, at its slot `at` (ms): names the next day's job first (so a failed DM never ends the chain),
 * then queues the DM when something is due. A job the state no longer names (a settings change replaced it while
 * it could not be removed) does nothing.
 */
export async function runDeliveryDay(deps: DeliveryDeps, req: { team: string; user: string; at: number }): Promise<DeliveryDayOutcome> {
  const { team, user, at } = req;
  const [settings, state] = await Promise.all([deps.review.store.settings(team, user), deps.dms.state(team, user)]);
  const jitter = deliveryJitterMs(team, user);
  const following = isOn(settings) ? nextDeliveryAt(settings, at + jitter, jitter) : null;
  // This job, or a second run of it after it already named the next one.
  if (state.next !== at && !(following !== null && state.next === following)) return { status: 'superseded' };
  if (!(await deps.dms.advance(team, user, at, following))) return { status: 'superseded' };
  if (following !== null) await deps.jobs.scheduleDay(team, user, following, following + jitter);
  if (!isOn(settings)) return { status: 'stopped' };
  if (!isDeliveryDay(settings, at)) return { status: 'not-a-delivery-day', next: following };
  const due = await dueFor(deps.review, team, user, new Date(at));
  if (due.status === 'paused') return { status: 'paused', next: following };
  if (due.status !== 'due') return { status: 'stopped' };
  if (due.cards.length === 0) return { status: 'nothing-due', next: following };
  await deps.jobs.send(team, user, at);
  return { status: 'queued', cards: due.cards.length, next: following };
}

/**
 * The cards of the DM for `at`: up to the cap of those due by the end of that local day, oldest due first, except
 * that a card sent before and unchanged since (not answered) goes after every card not sent yet, the one sent
 * longest ago first. So five due cards with a cap of two go out two, two and one, never piling up.
 */
export async function chooseCards(deps: DmDeps, team: string, user: string, at: Date, due: Extract<DueCards, { status: 'due' }>): Promise<ReviewCard[]> {
  if (due.cards.length < due.cap) return due.cards;
  const candidates = await deps.review.store.dueCards(team, user, endOfLocalDay(at, zoneOf(due.settings)), CANDIDATES, at.getTime());
  const sent = await deps.dms.sent(team, user, candidates.map((c) => c.questionId));
  const sentAt = (c: ReviewCard) => {
    const s = sent.get(c.questionId);
    return s && s.touchedAt === c.touchedAt ? s.at : null;
  };
  const fresh = candidates.filter((c) => sentAt(c) === null);
  const again = candidates.filter((c) => sentAt(c) !== null).sort((a, b) => sentAt(a)! - sentAt(b)!);
  return [...fresh, ...again].slice(0, due.cap);
}

/**
 * Sends the person's review DM for the slot `at` (ms), exactly once per local date in their zone: claimed first;
 * a retry that finds an earlier attempt's claim looks for its DM in the conversation (by its metadata) before
 * sending again. Slack's failures are thrown on for the job (a 429 waits Retry-After).
 */
export async function deliverReviews(deps: DmDeps, slack: SlackPort, req: { team: string; user: string; at: number; attempt: string }): Promise<DeliveryOutcome> {
  const { team, user } = req;
  const at = new Date(req.at);
  const due = await dueFor(deps.review, team, user, at);
  if (due.status !== 'due') return { status: 'skipped', reason: due.status };
  const date = localDate(at, zoneOf(due.settings));
  const cards = await chooseCards(deps, team, user, at, due);
  if (cards.length === 0) return { status: 'nothing-due', date };
  const occurrence = `${user}/${date}`;
  const ids = cards.map((c) => c.questionId);
  const now = () => deps.review.now().getTime();
  const result = await postExactlyOnce({
    claims: deps.dms.dayClaim(team, user, date),
    occurrence,
    attempt: req.attempt,
    now,
    inFlightMs: IN_FLIGHT_MS,
    async findEarlier() {
      const im = (await deps.dms.state(team, user)).im ?? (await openDm(deps, slack, team, user));
      const recent = await slack.recentMessages(im, Math.floor((Math.min(req.at, now()) - 10 * 60_000) / 1000));
      const found = recent.find((m) => m.metadata?.event_type === REVIEW_DM_EVENT && m.metadata.event_payload?.occurrence === occurrence);
      if (!found) return null;
      const sentIds = readIds(found.metadata?.event_payload?.questions);
      await deps.dms.recordDm(team, user, { ts: found.ts, channel: im, date, questionIds: sentIds }, cards.filter((c) => sentIds.includes(c.questionId)), req.at);
      return found.ts;
    },
    async post() {
      const im = (await deps.dms.state(team, user)).im;
      const message = reviewDmMessage(
        cards.map((c) => ({ question: deps.review.questions.get(c.questionId) ?? null, revealed: false, rating: null })),
        due.settings.tz,
      );
      // Posting to the user id opens the DM; Slack's answer names it, for the look-up above and the buttons.
      const sent = await slack.postMessage(im ?? user, message, { metadata: { event_type: REVIEW_DM_EVENT, event_payload: { occurrence, questions: JSON.stringify(ids) } } });
      const channel = sent.channel ?? im ?? user;
      if (sent.channel && sent.channel !== im) await deps.dms.setIm(team, user, sent.channel);
      await deps.dms.recordDm(team, user, { ts: sent.ts, channel, date, questionIds: ids }, cards, req.at);
      return { ts: sent.ts, value: cards.length };
    },
  });
  switch (result.status) {
    case 'posted':
      return { status: 'sent', ts: result.ts, date, cards: result.value };
    case 'adopted':
      return { status: 'adopted', ts: result.ts, date };
    case 'duplicate':
      return { status: 'duplicate', date };
    case 'nothing':
      return { status: 'nothing-due', date };
  }
}

/** The DM channel (conversations.open), noted for next time: only when an earlier DM's answer was lost. */
async function openDm(deps: DmDeps, slack: SlackPort, team: string, user: string): Promise<string> {
  const im = await slack.openDm(user);
  await deps.dms.setIm(team, user, im);
  return im;
}

function readIds(raw: unknown): string[] {
  try {
    const ids = JSON.parse(String(raw ?? '[]')) as unknown;
    return Array.isArray(ids) ? ids.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Today's DM now, instead of at the person's time (App Home's "send now"): at most one a local day still, so when
 * that day's DM went out already nothing more is sent. Returns how many cards it carries (0: nothing sent).
 */
export async function sendNow(deps: DeliveryDeps, team: string, user: string, at: Date): Promise<{ sent: number }> {
  const due = await dueFor(deps.review, team, user, at);
  if (due.status !== 'due') return { sent: 0 };
  if (await deps.dms.dayPost(team, user, localDate(at, zoneOf(due.settings)))) return { sent: 0 };
  const cards = await chooseCards(deps, team, user, at, due);
  if (cards.length) await deps.jobs.send(team, user, at.getTime());
  return { sent: cards.length };
}
