import type { SlackPort } from '../slack/port';
import { welcomeMessage } from '../views/welcome';
import type { QuizDeps } from './deps';

/**
 * Introduces the bot in a channel it was just added to, once per channel: Slack's redelivery
 * of the same event, or the bot leaving and coming back, says nothing twice.
 */
export async function welcomeChannel(deps: QuizDeps, slack: SlackPort, req: { team: string; channel: string }): Promise<boolean> {
  if (!(await deps.schedules.firstWelcome(req.team, req.channel))) return false;
  await slack.postMessage(req.channel, welcomeMessage());
  return true;
}
