import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { welcomeChannel } from '../../quiz/welcome';
import { webClientPort } from '../../slack/port';

/** `member_joined_channel` for the bot itself: say hello with the first commands to try. */
export function registerBotJoinedChannel(app: App, deps: QuizDeps): void {
  app.event('member_joined_channel', async ({ event, context, client }) => {
    // Bolt acknowledges events itself; people joining the channel are not our business.
    if (!context.botUserId || event.user !== context.botUserId) return;
    try {
      await welcomeChannel(deps, webClientPort(client, deps.metrics.slackError.bind(deps.metrics)), { team: context.teamId ?? event.team, channel: event.channel });
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message, channel: event.channel }, 'could not post the welcome message');
    }
  });
}
