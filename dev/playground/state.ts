/**
 * What the page shows: the channel (and an open thread) as one pretend user sees it, each message rendered to HTML
 * once on the server. Ephemerals appear only to the user they are for, in the channel or in their thread.
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

export interface PlaygroundState {
  version: number;
  team: { id: string; name: string };
  channel: { id: string; name: string; memberCount: number };
  me: string;
  people: Array<{ id: string; name: string; realName: string; isAdmin: boolean }>;
  messages: ViewMessage[];
  thread: { ts: string; messages: ViewMessage[] } | null;
}

export interface StateInput {
  slack: LocalSlack;
  channelId: string;
  /** The people the page can switch between. */
  people: readonly string[];
  /** Bumped on every change, so the page can tell a stale answer from a fresh one. */
  version: number;
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

/** What `userId` sees in the channel, and in the thread `threadTs` when one is open. */
export function playgroundState({ slack, channelId, people, version }: StateInput, userId: string, threadTs?: string): PlaygroundState {
  const ctx = renderContext(slack);
  const channel = slack.channels.get(channelId)!;
  const byTs = (a: ViewMessage, b: ViewMessage) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
  const ephemerals = slack.ephemeralsFor(userId, { channelId });
  const messages = [
    ...slack.messages(channelId).map((m) => viewOf(slack, m, ctx)),
    ...ephemerals.filter((e) => !e.thread_ts).map((e) => viewOfEphemeral(slack, e, ctx)),
  ].sort(byTs);
  let thread: PlaygroundState['thread'] = null;
  if (threadTs) {
    const inThread = slack.thread(channelId, threadTs);
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
    messages,
    thread,
  };
}
