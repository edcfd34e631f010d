import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { ActionRouter } from './router';
import { registerRevealAnswer } from './reveal-answer';
import { registerRecordLevel } from './record-level';
import { registerInterviewButtons } from './interview-buttons';
import { registerReviewConsent } from './review-consent';
import { registerReviewReveal } from './review-reveal';
import { registerReviewRate } from './review-rate';
import { registerHomeControls } from './home-controls';
import type { HomeDeps } from '../../home/deps';

export function registerActions(bolt: App, deps: QuizDeps, interviews: InterviewService, home: HomeDeps): void {
  const app = new ActionRouter();
  registerRevealAnswer(app, deps);
  registerRecordLevel(app, deps);
  registerInterviewButtons(app, deps, interviews);
  registerReviewConsent(app, deps);
  registerReviewReveal(app, deps);
  registerReviewRate(app, deps);
  registerHomeControls(app, deps, home);
  app.register(bolt);
}
