import type { AllMiddlewareArgs, App, SlackAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { responseUrlRespond } from '../../slack/respond';

type ActionHandler<A extends SlackAction> = (args: SlackActionMiddlewareArgs<A> & AllMiddlewareArgs) => Promise<void>;

/**
 * Button listeners, one file each, behind a single Bolt listener. Bolt runs every request
 * through every registered listener's matching; with one listener per button that was a large
 * share of a vote's CPU (docs/benchmarks.md), so buttons are routed here by action id instead.
 */
export class ActionRouter {
  private readonly routes: Array<{ match: string | RegExp; handler: ActionHandler<SlackAction> }> = [];

  action<A extends SlackAction = SlackAction>(match: string | RegExp, handler: ActionHandler<A>): void {
    this.routes.push({ match, handler: handler as unknown as ActionHandler<SlackAction> });
  }

  register(app: App): void {
    app.action({ type: 'block_actions' }, async (args) => {
      const id = (args.action as { action_id?: string }).action_id ?? '';
      const route = this.routes.find(({ match }) => (typeof match === 'string' ? match === id : match.test(id)));
      const responseUrl = (args.body as { response_url?: string }).response_url;
      const respond = responseUrl ? responseUrlRespond(responseUrl) : args.respond;
      if (route) await route.handler({ ...args, respond } as unknown as SlackActionMiddlewareArgs<SlackAction> & AllMiddlewareArgs);
      else await args.ack(); // a button of an older version: acknowledged, nothing to do
    });
  }
}
