import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseInterviewId } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Start: the first question goes into the thread (either of the two people). */
export function registerInterviewStart(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.start, async (click, action) => {
    const id = parseInterviewId(action.value);
    return id ? interviews.begin(click, id) : UNKNOWN_BUTTON;
  });
}
