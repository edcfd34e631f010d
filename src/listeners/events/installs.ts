import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { teamUninstalled, type TeamForgetDeps } from '../../quiz/forget-team';

/**
 * The app was removed from a workspace (or an org), or its bot token revoked: the installation's tokens are
 * forgotten and the workspace's clean-up starts (quiz/forget-team.ts). Bolt runs these listeners without
 * authorizing (the token is already gone), and acks the events itself.
 */
export function registerInstallEvents(app: App, deps: QuizDeps, uninstalls: TeamForgetDeps): void {
  const forget = async (why: string, context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) => {
    const source = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall === true };
    try {
      await teamUninstalled(uninstalls, source, why);
    } catch (error) {
      // Acked already: Slack does not send it again. A token is still refused to the next job, which starts it.
      deps.logger.warn({ err: (error as Error).message, team: source.teamId }, `${why}: could not forget the workspace`);
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
