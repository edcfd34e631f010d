import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseQuestionRef } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Skip: moves on without a rating (interviewer only). */
export function registerInterviewSkip(app: App, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.skip, async (click, action) => {
    const ref = parseQuestionRef(action.value);
    return ref ? interviews.skip(click, ref) : UNKNOWN_BUTTON;
  });
}
