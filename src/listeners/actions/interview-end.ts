import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseQuestionRef } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** End: closes the interview and posts the summary (interviewer only). */
export function registerInterviewEnd(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.end, async (click, action) => {
    const ref = parseQuestionRef(action.value);
    return ref ? interviews.end(click, ref) : UNKNOWN_BUTTON;
  });
}
