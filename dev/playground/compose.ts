/**
 * The composer: splits what was typed into a slash command or a message. What Slack makes of the typed text
 * (escaping, mentions) is in dev/local-slack/typed-text.ts, shared with the signing driver.
 */
export { encodeTyped, type Directory } from '../local-slack/typed-text';

export type ParsedInput =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'message'; text: string }
  | { kind: 'empty' };

/** Splits what was typed into a slash command (`/name rest`) or a message. */
export function parseComposerInput(raw: string): ParsedInput {
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'empty' };
  const m = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (m) return { kind: 'command', command: m[1].toLowerCase(), text: (m[2] ?? '').trim() };
  return { kind: 'message', text: trimmed };
}
