import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { AppInstalls } from '../../slack/installations';

/**
 * The app was removed from a workspace (or an org), or its bot token revoked: the installation's tokens no longer
 * work, so they are forgotten. Bolt runs these listeners without authorizing (the token is already gone), and acks
 * the events itself. The workspace's own data (schedules, boards) is left as it is.
 */
export function registerInstallEvents(app: App, deps: QuizDeps, installs: AppInstalls): void {
  const forget = async (why: string, context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) => {
    const source = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall === true };
    try {
      const removed = await installs.forget(source);
      deps.logger.info({ team: source.teamId, enterprise: source.enterpriseId, removed }, why);
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message, team: source.teamId }, `${why}: could not forget the installation`);
    }
  };

  app.event('app_uninstalled', async ({ context }) => {
    await forget('app uninstalled', context);
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    // Only the bot's tokens are kept: revoked user tokens change nothing here.
    if (!event.tokens.bot?.length) return;
    await forget('bot token revoked', context);
  });
}
