import type { BlockAction, BlockElementAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { HomeDeps } from '../../home/deps';
import { homeAction, publishFailure } from '../../home/publish';
import type { QuizDeps } from '../../quiz/deps';
import { HOME_ACTION_PATTERN, parseHomeAction } from '../../views/actions';
import { actionContext } from '../context';

/**
 * App Home's buttons, selects and date picker: acknowledged at once, then the setting changes (or today's reviews
 * go out) and Home is drawn again with what happened at the top. A control this version does not know, or a
 * choice Home never offered, redraws Home as it is.
 */
export function registerHomeControls(app: ActionRouter, deps: QuizDeps, home: HomeDeps): void {
  app.action<BlockAction<BlockElementAction>>(HOME_ACTION_PATTERN, async ({ ack, body, action, context, client }) => {
    await ack();
    const ctx = actionContext(deps, body, context, client);
    const req = { team: ctx.team, user: ctx.user };
    const chosen = action as { value?: string; selected_option?: { value?: string }; selected_date?: string };
    const parsed = parseHomeAction(action.action_id, { value: chosen.value, selected: chosen.selected_option?.value, date: chosen.selected_date });
    try {
      await homeAction(home, ctx.slack, { ...req, action: parsed });
    } catch (error) {
      await publishFailure(home, ctx.slack, req, error);
    }
  });
}
