import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { TeamForgetDeps } from '../../quiz/forget-team';
import { registerBotJoinedChannel } from './bot-joined-channel';
import { registerInstallEvents } from './installs';
import { registerAppHomeOpened } from './app-home-opened';
import type { HomeDeps } from '../../home/deps';

export function registerEvents(app: App, deps: QuizDeps, uninstalls: TeamForgetDeps, home: HomeDeps): void {
  registerBotJoinedChannel(app, deps);
  registerInstallEvents(app, deps, uninstalls);
  registerAppHomeOpened(app, deps, home);
}
