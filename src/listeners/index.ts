import type { App } from '@slack/bolt';
import type { QuizDeps } from '../quiz/deps';
import type { InterviewService } from '../interview/service';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';

/** Registers every Slack listener, grouped by surface. */
export function registerListeners(app: App, deps: QuizDeps, interviews: InterviewService): void {
  registerCommands(app, deps, interviews);
  registerActions(app, deps, interviews);
  registerEvents(app, deps);
}
