/**
 * "Get today's reviews now" on Home: today's DM goes out at once instead of at the person's time, through the
 * delivery (at most one a local day, within their cap). Only with reviews by DM on, outside a hold.
 */
import type { SendNowOutcome } from '../model/home';
import { dueFor } from '../review/cards';
import type { HomeDeps } from './deps';

export async function sendReviewsNow(deps: HomeDeps, req: { team: string; user: string }): Promise<SendNowOutcome> {
  const at = deps.now();
  // Read first only to say why nothing goes out; the delivery checks the same again.
  const due = await dueFor(deps.review, req.team, req.user, at);
  if (due.status === 'paused') return { kind: 'paused', until: due.settings.pausedUntil ?? at.getTime() };
  if (due.status !== 'due') return { kind: 'not-on' };
  if (!due.cards.length) return { kind: 'nothing-due' };
  const { sent } = await deps.deliverNow(req.team, req.user, at);
  return sent ? { kind: 'sent', count: sent } : { kind: 'already-sent' };
}
