/**
 * Small Block Kit builders shared by the views. Every piece of bank or user text goes through
 * `escapeMrkdwn` before it reaches a mrkdwn field, so nothing can ping @channel or break a link.
 */
import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export type Blocks = KnownBlock[];

/** A message as we send it: blocks plus the `text` fallback used by notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Blocks;
}

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export const context = (...texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.map((text) => ({ type: 'mrkdwn', text })),
});

export const divider = (): KnownBlock => ({ type: 'divider' });

export const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } });

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger', accessibilityLabel?: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, 75), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
    ...(accessibilityLabel ? { accessibility_label: truncate(accessibilityLabel, 75) } : {}),
  };
}

export const actions = (...elements: Button[]): KnownBlock => ({ type: 'actions', elements });

/** A user mention, only for ids that look like Slack user ids (never user-typed text). */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : 'someone';
}

/** Truncates by code point, so an emoji is never cut in half. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
