import type { App } from '@slack/bolt';
import type { HomeDeps } from '../../home/deps';
import { openHome, publishFailure } from '../../home/publish';
import type { QuizDeps } from '../../quiz/deps';
import { webClientPort } from '../../slack/port';

/**
 * `app_home_opened` on the Home tab (it fires on every open, and for the Messages tab too): Bolt acknowledges the
 * event before this runs, then the person's Home is published afresh.
 */
export function registerAppHomeOpened(app: App, deps: QuizDeps, home: HomeDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    const req = { team: context.teamId ?? '', user: event.user };
    const slack = webClientPort(client, deps.metrics.slackError.bind(deps.metrics));
    try {
      await openHome(home, slack, req);
    } catch (error) {
      await publishFailure(home, slack, req, error);
    }
  });
}
