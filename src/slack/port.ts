import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../views/blocks';
import type { HomeView } from '../views/home';
import { slackErrorCode, slackErrorLabel } from './errors';

/**
 * The narrow part of Slack the product rules use. Listeners give it the request's client;
 * jobs give it their own client (no built-in retry loop: BullMQ retries instead).
 */
export interface SlackPort {
  /** Posts a message; `channel` may be a user id (the DM with the bot), and the answer names the channel posted in. */
  postMessage(channel: string, message: SlackMessage, opts?: { threadTs?: string; metadata?: { event_type: string; event_payload: Record<string, string | number> } }): Promise<{ ts: string; channel?: string }>;
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  postEphemeral(channel: string, user: string, message: SlackMessage, opts?: { threadTs?: string }): Promise<void>;
  userInfo(user: string): Promise<SlackUser | null>;
  /** Messages posted since `oldestSeconds`, with their metadata (to find a post that may have gone out). */
  recentMessages(channel: string, oldestSeconds: number): Promise<Array<{ ts: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }>>;
  /** The bot's replies in a thread, with their metadata (to find a reply that may have gone out). */
  threadReplies(channel: string, threadTs: string): Promise<Array<{ ts: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }>>;
  /** Whether `user` is a member of `channel`. */
  isChannelMember(channel: string, user: string): Promise<boolean>;
  /** The id of the DM channel between the bot and `user` (conversations.open). */
  openDm(user: string): Promise<string>;
  /** Shows `view` as the user's App Home tab (views.publish), replacing what it showed. */
  publishHome(user: string, view: HomeView): Promise<void>;
  /** Slack's link to a message (chat.getPermalink), or null when Slack has none for it (deleted, never there). */
  permalink(channel: string, ts: string): Promise<string | null>;
}

export interface SlackUser {
  id: string;
  isBot: boolean;
  isAdmin: boolean;
  deleted: boolean;
  tz: string | null;
}

/**
 * The port over a WebClient. `onError` hears every failed call (method, Slack error code or
 * `http_<status>` / `rate_limited` / `request_failed`), for metrics.
 */
export function webClientPort(client: WebClient, onError?: (method: string, code: string) => void): SlackPort {
  const port: SlackPort = {
    async postMessage(channel, message, opts = {}) {
      const res = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
        ...(opts.metadata ? { metadata: opts.metadata } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return { ts: res.ts as string, ...(typeof res.channel === 'string' ? { channel: res.channel } : {}) };
    },
    async updateMessage(channel, ts, message) {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    async postEphemeral(channel, user, message, opts = {}) {
      await client.chat.postEphemeral({
        channel,
        user,
        text: message.text,
        blocks: message.blocks,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      });
    },
    async userInfo(user) {
      try {
        const res = await client.users.info({ user });
        const u = res.user;
        if (!u?.id) return null;
        return { id: u.id, isBot: Boolean(u.is_bot) || u.id === 'USLACKBOT', isAdmin: Boolean(u.is_admin || u.is_owner || u.is_primary_owner), deleted: Boolean(u.deleted), tz: u.tz ?? null };
      } catch (error) {
        if (slackErrorCode(error) === 'user_not_found') return null;
        throw error;
      }
    },
    async recentMessages(channel, oldestSeconds) {
      const res = await client.conversations.history({ channel, oldest: String(oldestSeconds), limit: 100, include_all_metadata: true });
      return (res.messages ?? []).map((m) => ({ ts: m.ts ?? '', metadata: m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined }));
    },
    async threadReplies(channel, threadTs) {
      const found: Array<{ ts: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }> = [];
      let cursor: string | undefined;
      do {
        const res = await client.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        for (const m of res.messages ?? []) {
          if (m.ts && m.ts !== threadTs && m.bot_id) found.push({ ts: m.ts, metadata: m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined });
        }
        cursor = res.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return found;
    },
    async isChannelMember(channel, user) {
      // Pages of up to 1,000 ids; stops at the page that has the user.
      let cursor: string | undefined;
      do {
        const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
        if ((res.members ?? []).includes(user)) return true;
        cursor = res.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return false;
    },
    async openDm(user) {
      const res = await client.conversations.open({ users: user });
      return String(res.channel?.id ?? '');
    },
    async publishHome(user, view) {
      await client.views.publish({ user_id: user, view });
    },
    async permalink(channel, ts) {
      try {
        const res = await client.chat.getPermalink({ channel, message_ts: ts });
        return typeof res.permalink === 'string' ? res.permalink : null;
      } catch (error) {
        if (slackErrorCode(error) === 'message_not_found') return null;
        throw error;
      }
    },
  };
  if (!onError) return port;
  const observed = {} as Record<keyof SlackPort, unknown>;
  for (const [name, method] of Object.entries(port) as Array<[keyof SlackPort, (...args: unknown[]) => Promise<unknown>]>) {
    observed[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        onError(name, slackErrorLabel(error));
        throw error;
      }
    };
  }
  return observed as SlackPort;
}
