import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { ActionRouter } from './router';
import { registerRevealAnswer } from './reveal-answer';
import { registerRecordLevel } from './record-level';
import type { InterviewService } from '../../interview/service';
import { registerInterviewStart } from './interview-start';
import { registerInterviewCancel } from './interview-cancel';
import { registerInterviewAnswerKey } from './interview-answer-key';
import { registerInterviewRate } from './interview-rate';
import { registerInterviewSkip } from './interview-skip';
import { registerInterviewEnd } from './interview-end';
import { registerInterviewSwap } from './interview-swap';

export function registerActions(bolt: App, deps: QuizDeps, interviews?: InterviewService): void {
  const app = new ActionRouter();
  registerRevealAnswer(app, deps);
  registerRecordLevel(app, deps);
  if (interviews) {
    registerInterviewStart(app, deps, interviews);
    registerInterviewCancel(app, deps, interviews);
    registerInterviewAnswerKey(app, deps, interviews);
    registerInterviewRate(app, deps, interviews);
    registerInterviewSkip(app, deps, interviews);
    registerInterviewEnd(app, deps, interviews);
    registerInterviewSwap(app, deps, interviews);
  }
  app.register(bolt);
}
