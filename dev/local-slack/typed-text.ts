/**
 * What Slack makes of text a person types: a slash command's `text` for a command with `should_escape: true`
 * (manifest.yml), and the `text` of a message. Slack escapes `&`, `<` and `>`, turns `@name` of a workspace member
 * into `<@U…|name>`, `#channel` into `<#C…|channel>`, `@here` into `<!here>`, and URLs into `<url>`; an `@name` it
 * cannot resolve stays plain text. The signing driver (`typed`) and the playground's composer both send this.
 */
import type { LocalSlack } from './local-slack';

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

/** Name lookups in a workspace (`@bob`, `#devops-practice`), for `encodeTyped`. */
export function directoryOf(slack: LocalSlack): Directory {
  return {
    userByName(name) {
      for (const u of slack.users.values()) {
        if (!u.deleted && (u.name.toLowerCase() === name || u.profile.display_name.toLowerCase() === name)) return { id: u.id, name: u.name };
      }
      return undefined;
    },
    channelByName(name) {
      for (const c of slack.channels.values()) if (!c.is_im && c.name.toLowerCase() === name) return { id: c.id, name: c.name };
      return undefined;
    },
  };
}
