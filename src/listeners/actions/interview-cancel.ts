import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseInterviewId } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Cancel: closes a pending interview (either of the two people). */
export function registerInterviewCancel(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.cancel, async (click, action) => {
    const id = parseInterviewId(action.value);
    return id ? interviews.cancel(click, id) : UNKNOWN_BUTTON;
  });
}
