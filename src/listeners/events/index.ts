import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { registerBotJoinedChannel } from './bot-joined-channel';

export function registerEvents(app: App, deps: QuizDeps): void {
  registerBotJoinedChannel(app, deps);
}
