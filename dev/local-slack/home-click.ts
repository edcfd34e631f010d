/**
 * A click on a button of a user's App Home tab (the view the app last published for them with views.publish), sent
 * as Slack sends it: `block_actions` with a `view` container and the view itself, no channel, message or
 * response_url. Slack sends it for the Home tab of the user who clicked, so only their own view can be clicked.
 */
import { findActionElement } from './blocks';
import type { DriverResponse, SlackDriver } from './driver';

export interface HomeClickInput {
  userId: string;
  actionId: string;
  /** The block the button is in, when the same action id appears in several blocks. */
  blockId?: string;
}

let lastActionMicros = 0;

/** Throws when the user has no Home view, or it has no such button. */
export async function clickHomeButton(driver: SlackDriver, input: HomeClickInput): Promise<DriverResponse & { payload: Record<string, unknown> }> {
  const published = driver.slack.homeViews.get(input.userId);
  if (!published) throw new Error(`clickHomeButton: no Home view published for ${input.userId}`);
  const blocks = published.view.blocks;
  const inBlock = input.blockId ? blocks.find((b) => b.block_id === input.blockId) : undefined;
  const found = (inBlock && findActionElement([inBlock], input.actionId)) || findActionElement(blocks, input.actionId);
  if (!found || found.element.type !== 'button') throw new Error(`clickHomeButton: no button ${input.actionId} on ${input.userId}'s Home`);
  const micros = Math.max(Date.now() * 1000, lastActionMicros + 1);
  lastActionMicros = micros;
  const user = driver.slack.users.get(input.userId);
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: input.userId, username: user?.name ?? input.userId, name: user?.name ?? input.userId, team_id: driver.teamId },
    api_app_id: driver.apiAppId,
    token: 'verification-token-unused',
    container: { type: 'view', view_id: published.view.id },
    trigger_id: `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}.home`,
    team: { id: driver.teamId, domain: driver.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: JSON.parse(JSON.stringify(published.view)) as unknown,
    actions: [
      {
        action_id: input.actionId,
        block_id: found.blockId,
        text: found.element.text,
        ...(typeof found.element.value === 'string' ? { value: found.element.value } : {}),
        type: 'button',
        action_ts: `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`,
      },
    ],
  };
  const res = await driver.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  return { ...res, payload };
}
