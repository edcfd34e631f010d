/**
 * App Home, as Slack plays it towards the app: the `app_home_opened` event a person's opening of the tab sends,
 * and `block_actions` from the controls of the view the app published for them (views.publish, ./methods/views).
 * Home interactions carry the view and no channel, message or response_url, as Slack's do.
 */
import { randomBytes } from 'node:crypto';

import { findActionElement } from './blocks';
import { nowSeconds } from './signing';
import type { DriverResponse, SendOptions, SentEvent, SlackDriver } from './driver';
import type { LocalSlack } from './local-slack';

export interface HomeActionInput extends SendOptions {
  userId: string;
  actionId: string;
  /** A select's choice: the option's value (it must be one the view offers). */
  option?: string;
  /** A date picker's date, `YYYY-MM-DD`. */
  date?: string;
  /** The block of the control, when the same action id appears in several blocks. */
  blockId?: string;
}

export type SentHomeAction = DriverResponse & { payload: Record<string, unknown> };

type Obj = Record<string, unknown>;

/** The person opens their Home tab: `app_home_opened` with `tab: home` (and the view, once one was published). */
export function openHomeTab(driver: SlackDriver, slack: LocalSlack, userId: string, opts: SendOptions = {}): Promise<SentEvent> {
  const published = slack.homeViews.get(userId);
  return driver.event(
    {
      type: 'app_home_opened',
      user: userId,
      channel: slack.imFor(userId).id,
      tab: 'home',
      ...(published ? { view: JSON.parse(JSON.stringify(published.view)) as Obj } : {}),
    },
    opts,
  );
}

/** What the control sends: a button its value, a select the chosen option, a date picker the date. */
function actionOf(element: Obj, input: HomeActionInput): Obj {
  const type = String(element.type);
  if (type === 'button') return { value: element.value, text: element.text };
  if (type === 'static_select') {
    const options = (element.options as Obj[] | undefined) ?? [];
    const chosen = options.find((o) => o.value === input.option);
    if (!chosen) throw new Error(`LocalSlack home: ${input.actionId} offers no option ${String(input.option)}`);
    return { selected_option: chosen };
  }
  if (type === 'datepicker') {
    if (!input.date || !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new Error(`LocalSlack home: ${input.actionId} needs a date YYYY-MM-DD`);
    return { selected_date: input.date };
  }
  throw new Error(`LocalSlack home: ${input.actionId} is a ${type}, which the stand-in does not click`);
}

/**
 * Uses a control of the person's published Home: sends the element's real value, option or date with its
 * `block_id`. Throws when nothing is published for them, or the view has no such control or option.
 */
export async function useHomeControl(driver: SlackDriver, slack: LocalSlack, input: HomeActionInput): Promise<SentHomeAction> {
  const { userId, actionId, blockId, option: _option, date: _date, ...send } = input;
  const published = slack.homeViews.get(userId);
  if (!published) throw new Error(`LocalSlack home: nothing is published for ${userId}`);
  const blocks = published.view.blocks;
  const inBlock = blockId ? blocks.filter((b) => b.block_id === blockId) : blocks;
  const found = findActionElement(inBlock, actionId);
  if (!found) throw new Error(`LocalSlack home: no control ${actionId} on ${userId}'s Home`);
  const user = slack.users.get(userId);
  const payload: Obj = {
    type: 'block_actions',
    user: { id: userId, username: user?.name ?? userId.toLowerCase(), name: user?.name ?? userId.toLowerCase(), team_id: driver.teamId },
    api_app_id: driver.apiAppId,
    container: { type: 'view', view_id: published.view.id },
    trigger_id: `${nowSeconds()}.${randomBytes(3).readUIntBE(0, 3)}.${randomBytes(8).toString('hex')}`,
    team: { id: driver.teamId, domain: driver.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: JSON.parse(JSON.stringify(published.view)) as Obj,
    actions: [
      {
        action_id: actionId,
        block_id: found.blockId ?? 'block',
        type: found.element.type,
        action_ts: `${nowSeconds()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        ...actionOf(found.element, input),
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await driver.post(body, 'application/x-www-form-urlencoded', send);
  return { ...res, payload };
}
