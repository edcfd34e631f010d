import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import type { Reply } from '../../interview/flow';
import { INTERVIEW_ACTIONS, INTERVIEW_RATE_PATTERN, parseInterviewId, parseQuestionRef, parseRatingRef, type InterviewRef } from '../../views/actions';
import { interviewNotice } from '../../views/notices/interview';
import { actionContext, type RequestContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

type Handler = (interviews: InterviewService, ctx: RequestContext, action: ButtonAction) => Promise<Reply>;

/** A button whose value does not parse was tampered with (or is from an old version). */
const UNKNOWN: Reply = { kind: 'unknown-button' };

const withId = (action: ButtonAction, run: (id: string) => Promise<Reply>): Promise<Reply> => {
  const id = parseInterviewId(action.value);
  return id ? run(id) : Promise.resolve(UNKNOWN);
};

const withRef = (action: ButtonAction, run: (ref: InterviewRef) => Promise<Reply>): Promise<Reply> => {
  const ref = parseQuestionRef(action.value);
  return ref ? run(ref) : Promise.resolve(UNKNOWN);
};

/** The mock interview's buttons, one row each: the value the button carries and the rule it calls. */
const BUTTONS: Array<[string | RegExp, Handler]> = [
  // Start: the first question goes into the thread (either of the two people).
  [INTERVIEW_ACTIONS.start, (iv, ctx, a) => withId(a, (id) => iv.begin(ctx, id))],
  // Cancel: closes a pending interview (either of the two people).
  [INTERVIEW_ACTIONS.cancel, (iv, ctx, a) => withId(a, (id) => iv.cancel(ctx, id))],
  // Answer key: the answer, privately, to the interviewer in the thread.
  [INTERVIEW_ACTIONS.answerKey, (iv, ctx, a) => withRef(a, (ref) => iv.answerKey(ctx, ref))],
  // 📚 / 🟢 / 🟡 / 🔴: the rating, once, then the next question (or the summary). The score is
  // named in the action id and the value; a button that disagrees with itself was tampered with.
  [
    INTERVIEW_RATE_PATTERN,
    (iv, ctx, a) => {
      const ref = parseRatingRef(a.action_id, a.value);
      return ref ? iv.rate(ctx, ref, ref.score) : Promise.resolve(UNKNOWN);
    },
  ],
  // Skip: moves on without a rating (interviewer only).
  [INTERVIEW_ACTIONS.skip, (iv, ctx, a) => withRef(a, (ref) => iv.skip(ctx, ref))],
  // End: closes the interview and posts the summary (interviewer only).
  [INTERVIEW_ACTIONS.end, (iv, ctx, a) => withRef(a, (ref) => iv.end(ctx, ref))],
  // Swap roles: the same interview the other way round, with fresh questions.
  [INTERVIEW_ACTIONS.swap, (iv, ctx, a) => withId(a, (id) => iv.swap(ctx, id))],
];

/** Every row acks at once, builds the request context, and shows the rule's reply (if any) to the clicker alone. */
export function registerInterviewButtons(app: ActionRouter, deps: QuizDeps, interviews: InterviewService): void {
  for (const [actionId, handler] of BUTTONS) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client, context }) => {
      await ack();
      await withFailureReply(respond, deps, async () => {
        const reply = await handler(interviews, actionContext(deps, body, context, client), action);
        if (reply) await replyEphemeral(respond, interviewNotice(reply), deps.logger);
      });
    });
  }
}
