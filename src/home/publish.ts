/**
 * App Home: gathered for the person, drawn by views/home.ts, published with views.publish. Opened (every time the
 * person opens the tab), refreshed after their answers (a debounced job), and redrawn after a change made from it.
 */
import type { HomeAction, HomeNotice } from '../model/home';
import type { SlackPort } from '../slack/port';
import { readDate } from '../review/command';
import { reviewCommand } from '../review/settings';
import { homeUnavailableView, homeView } from '../views/home';
import type { HomeDeps } from './deps';
import { gatherHome } from './gather';
import { sendReviewsNow } from './send-now';

export interface HomeRequest {
  team: string;
  user: string;
}

/** Publishes the person's Home as it is now, with a notice at the top when a change was just made. */
export async function publishHome(deps: HomeDeps, slack: SlackPort, req: HomeRequest, notice: HomeNotice | null = null): Promise<void> {
  const data = await gatherHome(deps, req.team, req.user, deps.now());
  await slack.publishHome(req.user, homeView(data, notice));
}

/** The person opened the Home tab: from now on their answers refresh it too. */
export async function openHome(deps: HomeDeps, slack: SlackPort, req: HomeRequest): Promise<void> {
  await deps.store.markSeen(req.team, req.user, deps.now().getTime());
  await publishHome(deps, slack, req);
}

/**
 * A button or select on Home: the review setting changes exactly as the `review` command would change it (or
 * today's reviews go out), then Home is drawn again with what happened at the top. A date that is not a real one
 * (the date picker sends only real ones) changes nothing; neither does `null`, an unknown control.
 */
export async function homeAction(deps: HomeDeps, slack: SlackPort, req: HomeRequest & { action: HomeAction | null }): Promise<void> {
  const { action } = req;
  let notice: HomeNotice | null = null;
  if (!action) {
    // A control this version does not have, or a choice Home never offered: Home is drawn as it is.
  } else if (action.do === 'send-now') {
    notice = { kind: 'send-now', outcome: await sendReviewsNow(deps, req) };
  } else if (action.do !== 'interview' || readDate(action.date)) {
    notice = { kind: 'review', outcome: await reviewCommand(deps.review, slack, { team: req.team, user: req.user, action }) };
  }
  await publishHome(deps, slack, req, notice);
}

/**
 * Opening Home or a control on it failed after the ack: Home says so at the top, or, when it cannot be gathered
 * (Redis unreachable), shows only that; if Slack takes neither, the failure is logged.
 */
export async function publishFailure(deps: HomeDeps, slack: SlackPort, req: HomeRequest, error: unknown): Promise<void> {
  const storeUnavailable = deps.storeUnavailable(error);
  deps.logger.warn({ err: (error as Error).message, storeUnavailable }, 'Home failed');
  try {
    await publishHome(deps, slack, req, { kind: 'failed', storeUnavailable });
  } catch {
    try {
      await slack.publishHome(req.user, homeUnavailableView(storeUnavailable));
    } catch (again) {
      deps.logger.warn({ err: (again as Error).message }, 'could not show a Home failure');
    }
  }
}
