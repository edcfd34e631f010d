import type { App } from '@slack/bolt';
import type { QuizDeps } from '../quiz/deps';
import type { InterviewService } from '../interview/service';
import type { TeamForgetDeps } from '../quiz/forget-team';
import type { HomeDeps } from '../home/deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { checkIds } from './context';

/** Registers every Slack listener, grouped by surface. */
export function registerListeners(app: App, deps: QuizDeps, interviews: InterviewService, uninstalls: TeamForgetDeps, home: HomeDeps): void {
  // Before every listener: requests whose ids are not of Slack's shape stop here.
  app.use(checkIds(deps));
  registerCommands(app, deps, interviews);
  registerActions(app, deps, interviews, home);
  registerEvents(app, deps, uninstalls, home);
}
