/**
 * What the page shows: the channel, the pretend user's direct messages with the bot, or the Home tab the bot
 * published for them (and an open thread), as that user sees it, each message rendered to HTML once on the server.
 * Ephemerals appear only to the user they are for, in the conversation or in their thread.
 */
import type { EphemeralMessage, LocalSlack, StoredMessage } from '../local-slack';
import { renderMessage, type RenderContext } from './render';

export interface ViewMessage {
  ts: string;
  threadTs?: string;
  kind: 'message' | 'ephemeral';
  author: { id: string; name: string; realName: string; isBot: boolean };
  html: string;
  replyCount: number;
  replyNames: string[];
  latestReply?: string;
  edited: boolean;
  broadcast: boolean;
}

/** Where the page looks: the channel, the DM with the bot (its Messages tab), or the bot's Home tab. */
export type PlaygroundView = 'channel' | 'dm' | 'home';

export interface PlaygroundState {
  version: number;
  team: { id: string; name: string };
  channel: { id: string; name: string; memberCount: number };
  me: string;
  people: Array<{ id: string; name: string; realName: string; isAdmin: boolean }>;
  view: PlaygroundView;
  bot: { name: string };
  /** Messages of the channel or of the DM (none on Home), and the open thread there. */
  messages: ViewMessage[];
  thread: { ts: string; messages: ViewMessage[] } | null;
  /** How many messages the bot has sent the user by DM (the sidebar shows it). */
  dmCount: number;
  /** On Home: the view the bot last published for the user, rendered; null while it published none. */
  home: { html: string; publishedAt: number } | null;
  /** The pretend day (⏩ Next day): days gone by, and that day's date in the user's zone. */
  clock: { day: number; date: string };
}

export interface StateInput {
  slack: LocalSlack;
  channelId: string;
  /** The people the page can switch between. */
  people: readonly string[];
  /** Bumped on every change, so the page can tell a stale answer from a fresh one. */
  version: number;
  /** Days gone by with ⏩ Next day, and the pretend instant (default: none, now). */
  clock?: { day: number; pretendNow: number };
}

/** The user's DM with the bot, when there is one (it exists once either side wrote). */
export function dmChannelOf(slack: LocalSlack, userId: string): string | null {
  for (const c of slack.channels.values()) if (c.is_im && c.user === userId) return c.id;
  return null;
}

function renderContext(slack: LocalSlack): RenderContext {
  return {
    userName: (id) => slack.users.get(id)?.name,
    channelName: (id) => slack.channels.get(id)?.name,
  };
}

function author(slack: LocalSlack, userId: string | undefined): ViewMessage['author'] {
  const u = userId ? slack.users.get(userId) : undefined;
  return { id: userId ?? '', name: u?.name ?? userId ?? 'unknown', realName: u?.real_name ?? '', isBot: u?.is_bot ?? false };
}

function viewOf(slack: LocalSlack, m: StoredMessage, ctx: RenderContext): ViewMessage {
  const tombstone = m.subtype === 'tombstone';
  return {
    ts: m.ts,
    threadTs: m.thread_ts,
    kind: 'message',
    author: author(slack, m.user),
    html: tombstone ? '<div class="bk-blocks bk-deleted">This message was deleted.</div>' : renderMessage(m, ctx),
    replyCount: m.reply_count ?? 0,
    replyNames: (m.reply_users ?? []).map((id) => slack.users.get(id)?.name ?? id),
    latestReply: m.latest_reply,
    edited: !!m.edited,
    broadcast: m.subtype === 'thread_broadcast',
  };
}

function viewOfEphemeral(slack: LocalSlack, e: EphemeralMessage, ctx: RenderContext): ViewMessage {
  return {
    ts: e.message_ts,
    threadTs: e.thread_ts,
    kind: 'ephemeral',
    author: author(slack, slack.botUserId),
    html: renderMessage(e, ctx),
    replyCount: 0,
    replyNames: [],
    edited: e.replaced > 0,
    broadcast: false,
  };
}

/** What `userId` sees in the channel, their DM with the bot or its Home tab, and in the thread `threadTs` when one is open. */
export function playgroundState(input: StateInput, userId: string, threadTs?: string, view: PlaygroundView = 'channel'): PlaygroundState {
  const { slack, channelId, people, version } = input;
  const ctx = renderContext(slack);
  const channel = slack.channels.get(channelId)!;
  const dm = dmChannelOf(slack, userId);
  const shown = view === 'channel' ? channelId : view === 'dm' ? dm : null;
  const byTs = (a: ViewMessage, b: ViewMessage) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
  const ephemerals = shown ? slack.ephemeralsFor(userId, { channelId: shown }) : [];
  const messages = shown
    ? [...slack.messages(shown).map((m) => viewOf(slack, m, ctx)), ...ephemerals.filter((e) => !e.thread_ts).map((e) => viewOfEphemeral(slack, e, ctx))].sort(byTs)
    : [];
  let thread: PlaygroundState['thread'] = null;
  if (threadTs && shown) {
    const inThread = slack.thread(shown, threadTs);
    const root = inThread[0]?.ts === threadTs ? threadTs : undefined;
    if (root) {
      thread = {
        ts: root,
        messages: [
          ...inThread.map((m) => viewOf(slack, m, ctx)),
          ...ephemerals.filter((e) => e.thread_ts === root).map((e) => viewOfEphemeral(slack, e, ctx)),
        ].sort(byTs),
      };
    }
  }
  return {
    version,
    team: { id: slack.team.id, name: slack.team.name },
    channel: { id: channel.id, name: channel.name, memberCount: channel.members.length },
    me: userId,
    people: people.map((id) => {
      const u = slack.users.get(id)!;
      return { id, name: u.name, realName: u.real_name, isAdmin: u.is_admin || u.is_owner };
    }),
    view,
    bot: { name: slack.botName },
    messages,
    thread,
    dmCount: dm ? slack.messages(dm).filter((m) => m.bot_id).length : 0,
    home: view === 'home' ? homeOf(slack, userId, ctx) : null,
    clock: clockOf(slack, userId, input.clock),
  };
}

function homeOf(slack: LocalSlack, userId: string, ctx: RenderContext): PlaygroundState['home'] {
  const published = slack.homeViews.get(userId);
  return published ? { html: renderMessage({ blocks: published.view.blocks }, ctx), publishedAt: published.at } : null;
}

function clockOf(slack: LocalSlack, userId: string, clock: StateInput['clock']): PlaygroundState['clock'] {
  const tz = slack.users.get(userId)?.tz ?? 'UTC';
  const at = clock?.pretendNow ?? Date.now();
  return { day: clock?.day ?? 0, date: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: tz }).format(new Date(at)) };
}
