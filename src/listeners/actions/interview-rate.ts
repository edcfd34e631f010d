import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { INTERVIEW_RATE_PATTERN, parseRatingRef } from '../../views/interview-actions';
import { onInterviewButton, UNKNOWN_BUTTON } from './interview-click';

/** 📚 / 🟢 / 🟡 / 🔴: records the interviewer's rating once and posts the next question (or the summary). */
export function registerInterviewRate(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  onInterviewButton(app, deps, INTERVIEW_RATE_PATTERN, async (click, action) => {
    // The score is named twice (action id and value); a button that disagrees with itself was tampered with.
    const ref = parseRatingRef(action.action_id, action.value);
    return ref ? interviews.rate(click, ref, ref.score) : UNKNOWN_BUTTON;
  });
}
