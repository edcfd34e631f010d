import type { App } from '@slack/bolt';
import type { QuizDeps } from '../quiz/deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import type { MockCommandHandler } from './commands/mock-handler';
import type { InterviewService } from '../interview/service';

/** Registers every Slack listener, grouped by surface. `interviews` adds the mock-interview buttons. */
export function registerListeners(app: App, deps: QuizDeps, mock?: MockCommandHandler, interviews?: InterviewService): void {
  registerCommands(app, deps, mock);
  registerActions(app, deps, interviews);
  registerEvents(app, deps);
}
