import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { registerRevealAnswer } from './reveal-answer';
import { registerRecordLevel } from './record-level';

export function registerActions(app: App, deps: QuizDeps): void {
  registerRevealAnswer(app, deps);
  registerRecordLevel(app, deps);
}
