import type { App } from '@slack/bolt';
import type { QuizDeps } from '../quiz/deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import type { MockCommandHandler } from './commands/mock-handler';

/** Registers every Slack listener, grouped by surface. */
export function registerListeners(app: App, deps: QuizDeps, mock?: MockCommandHandler): void {
  registerCommands(app, deps, mock);
  registerActions(app, deps);
}
