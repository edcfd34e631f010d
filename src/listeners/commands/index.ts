import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { registerDevopsQuizCommand } from './devops-quiz';

export function registerCommands(app: App, deps: QuizDeps, interviews: InterviewService): void {
  registerDevopsQuizCommand(app, deps, interviews);
}
