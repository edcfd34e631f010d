import { section, type SlackMessage } from './blocks';

/** A one-line message (ephemeral notices, confirmations, errors). `text` is already mrkdwn-safe. */
export function notice(text: string): SlackMessage {
  return { text: text.replace(/[*_`]/g, ''), blocks: [section(text)] };
}
