import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { AppInstalls } from '../../slack/installations';
import { registerBotJoinedChannel } from './bot-joined-channel';
import { registerInstallEvents } from './installs';
import { registerAppHomeOpened } from './app-home-opened';
import type { HomeDeps } from '../../home/deps';

export function registerEvents(app: App, deps: QuizDeps, installs: AppInstalls, home: HomeDeps): void {
  registerBotJoinedChannel(app, deps);
  registerInstallEvents(app, deps, installs);
  registerAppHomeOpened(app, deps, home);
}
