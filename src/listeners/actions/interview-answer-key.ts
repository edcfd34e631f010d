import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseQuestionRef } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Answer key: the answer, privately, to the interviewer in the thread. */
export function registerInterviewAnswerKey(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.answerKey, async (click, action) => {
    const ref = parseQuestionRef(action.value);
    return ref ? interviews.answerKey(click, ref) : UNKNOWN_BUTTON;
  });
}
