/**
 * What the composer sends, exactly as Slack would: a slash command's `text` for a command with
 * `should_escape: true` (manifest.yml), and the `text` of a message a person types. Slack escapes `&`, `<` and
 * `>`, turns `@name` of a workspace member into `<@U…|name>`, `#channel` into `<#C…|channel>`, `@here` into
 * `<!here>`, and URLs into `<url>`.
 */

export interface Directory {
  /** Members by lower-case name (bots included). */
  userByName(name: string): { id: string; name: string } | undefined;
  channelByName(name: string): { id: string; name: string } | undefined;
}

/** `&`, `<`, `>` → `&amp;`, `&lt;`, `&gt;`. */
function escapeControl(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Typed text → the text Slack delivers. */
export function encodeTyped(raw: string, dir: Directory): string {
  const escaped = escapeControl(raw);
  return escaped.replace(
    /(^|[\s(])(?:@([a-z0-9][a-z0-9._-]*)|#([a-z0-9][a-z0-9_-]*)|(https?:\/\/[^\s]+))/gi,
    (all, before: string, user?: string, channel?: string, url?: string) => {
      if (user !== undefined) {
        const special = user.toLowerCase();
        if (special === 'here' || special === 'channel' || special === 'everyone') return `${before}<!${special}>`;
        const found = dir.userByName(trimTrailingPunctuation(user).toLowerCase());
        if (!found) return all;
        return `${before}<@${found.id}|${found.name}>${user.slice(trimTrailingPunctuation(user).length)}`;
      }
      if (channel !== undefined) {
        const found = dir.channelByName(trimTrailingPunctuation(channel).toLowerCase());
        if (!found) return all;
        return `${before}<#${found.id}|${found.name}>${channel.slice(trimTrailingPunctuation(channel).length)}`;
      }
      const link = trimTrailingPunctuation(url!);
      return `${before}<${link}>${url!.slice(link.length)}`;
    },
  );
}

function trimTrailingPunctuation(word: string): string {
  return word.replace(/[.,;:!?)]+$/, '');
}

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
