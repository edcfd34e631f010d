import type { ForgetOutcome } from '../model/people';
import type { SlackPort } from '../slack/port';
import type { QuizDeps } from './deps';
import { canManageSchedules } from './schedule';

/**
 * `/devops-quiz forget me`: removes what the bot keeps about the caller, in every channel of the workspace.
 * Anyone may have themselves forgotten; someone else only by an admin (a person who left, or asked an admin).
 */
export async function forgetPerson(deps: QuizDeps, slack: SlackPort, req: { team: string; caller: string; target: string | null }): Promise<ForgetOutcome> {
  const target = req.target ?? req.caller;
  const self = target === req.caller;
  if (!self && !(await canManageSchedules(deps, slack, req.caller))) return { status: 'forbidden' };
  const { channels } = await deps.people.forget(req.team, target);
  await deps.review.store.forget(req.team, target);
  // Their reviews by DM too (a delivery job still waiting finds nothing of theirs and ends).
  await deps.reviewDms.forget(req.team, target);
  deps.logger.info({ team: req.team, self, channels }, 'a person was forgotten');
  return { status: 'forgotten', user: target, self, channels };
}
