import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_ACTIONS, parseInterviewId } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** Swap roles: the same interview the other way round, with fresh questions. */
export function registerInterviewSwap(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_ACTIONS.swap, async (click, action) => {
    const id = parseInterviewId(action.value);
    return id ? interviews.swap(click, id) : UNKNOWN_BUTTON;
  });
}
