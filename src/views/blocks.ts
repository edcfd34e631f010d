/**
 * Small Block Kit builders shared by the views. Every piece of bank or user text goes through
 * `escapeMrkdwn` before it reaches a mrkdwn field, so nothing can ping @channel or break a link.
 */
import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../content/mrkdwn';
import { codePointLength } from '../content/mrkdwn-split';

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

/**
 * Bank or user text for a mrkdwn field: escaped, and cut so that the escaped result is at most `max` code points
 * (an `&` becomes five characters, so cutting before escaping is not enough). Never cuts inside an escape.
 */
export function escapedText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (codePointLength(escaped) <= max) return escaped;
  let out = '';
  let length = 0;
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (length + piece.length > max - 1) break;
    out += piece;
    length += piece === ch ? 1 : piece.length;
  }
  return `${out}…`;
}

/**
 * The `text` of a message with blocks: shown in notifications and read by screen readers, and parsed as mrkdwn
 * like the blocks, so bank text is escaped here too; kept short (it is a summary, Slack's limit is 40,000).
 */
export function fallbackText(text: string, max = 1000): string {
  return escapedText(text.replace(/\s+/g, ' ').trim(), max);
}

/** Bidi controls, which would make an echo (and the words after it) read in another order than written. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Something a person typed, quoted back as inline code exactly as they typed it: escaped once (so it shows as
 * typed and never pings or links), without control characters, bidi controls or backticks, at most `max` long.
 */
export function quoteInput(text: string, max = 80): string {
  return `\`${escapedText(text.replace(BIDI, '').replace(/[`\u0000-\u001f\u007f]/g, ' '), max)}\``;
}

/** Truncates by code point, so an emoji is never cut in half. */
export function truncate(text: string, max: number): string {
  if (codePointLength(text) <= max) return text;
  return `${Array.from(text).slice(0, max - 1).join('')}…`;
}
