import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { registerDevopsQuizCommand } from './devops-quiz';
import type { MockCommandHandler } from './mock-handler';

export function registerCommands(app: App, deps: QuizDeps, mock?: MockCommandHandler): void {
  registerDevopsQuizCommand(app, deps, mock);
}
