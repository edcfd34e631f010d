import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseQuestionRef } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Skip: moves on without a rating (interviewer only). */
export function registerInterviewSkip(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.skip, async (click, action) => {
    const ref = parseQuestionRef(action.value);
    return ref ? interviews.skip(click, ref) : UNKNOWN_BUTTON;
  });
}
