import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { AppInstalls } from '../../slack/installations';
import { registerBotJoinedChannel } from './bot-joined-channel';
import { registerInstallEvents } from './installs';

export function registerEvents(app: App, deps: QuizDeps, installs: AppInstalls): void {
  registerBotJoinedChannel(app, deps);
  registerInstallEvents(app, deps, installs);
}
