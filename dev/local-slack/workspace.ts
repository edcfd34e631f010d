/**
 * The workspace the stand-in holds: its team and bot, users, channels, the messages in them and the ephemerals
 * shown to each user. Tests read it directly (`slack.messages(channel)`, `slack.ephemeralsFor(user)`); the Web API
 * methods (./methods) and response_urls change it through the store helpers at the bottom.
 */
import type {
  AddChannelInput,
  AddUserInput,
  EphemeralMessage,
  LocalSlackOptions,
  LocalSlackWarning,
  MessageMetadata,
  PublishedView,
  SlackChannel,
  SlackTeam,
  SlackUser,
  StoredMessage,
  TeamInput,
  WorkspaceTeam,
} from './types';
import { microsToTs, tzLabel, tzOffsetSeconds } from './time';
import { clone, str } from './values';

/** What a new message or ephemeral carries, once validated (./message-content). */
export interface MessageParts {
  text?: string;
  blocks?: Record<string, unknown>[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
}

export class Workspace {
  readonly botName: string;
  readonly appId: string;
  /** Every team of the stand-in by id: the first one (`home`) and those added with `addTeam`, each with its own bot user. */
  readonly teams = new Map<string, WorkspaceTeam>();
  private readonly home: WorkspaceTeam;
  /** The team of the token whose Web API call is being answered (set by LocalSlack around each call), else none. */
  protected acting: WorkspaceTeam | null = null;

  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  readonly ephemerals: EphemeralMessage[] = [];
  /** Each user's App Home as last published (views.publish), by user id. */
  readonly homeViews = new Map<string, PublishedView>();
  /** Missing `text` next to blocks, unknown `thread_ts`, truncated text: tests should assert this stays empty. */
  readonly warnings: LocalSlackWarning[] = [];
  /** Total block text above which posts fail with `msg_blocks_too_long`. */
  readonly maxTotalBlockTextChars: number;
  readonly now: () => number;

  private readonly store = new Map<string, StoredMessage[]>();
  private readonly lastTs = new Map<string, number>();
  private idCounter = 0;

  constructor(options: LocalSlackOptions = {}) {
    this.botName = options.botName ?? 'devops-quiz';
    this.appId = options.appId ?? 'A0DEVQUIZ';
    this.now = options.now ?? Date.now;
    this.maxTotalBlockTextChars = options.maxTotalBlockTextChars ?? 12_000;
    this.home = this.addTeam({
      id: options.teamId ?? 'T0TEST',
      name: options.teamName ?? 'DevOps Quiz Test',
      domain: options.teamDomain ?? 'devops-quiz-test',
      botUserId: options.botUserId ?? 'U0BOT',
      botId: options.botId ?? 'B0BOT',
    });
  }

  // ---------------------------------------------------------------- teams

  /**
   * The team, and its bot, that the Web API call being answered belongs to (its token's team), else the first team.
   * Methods read these, so a call made with another team's token acts as that team's bot.
   */
  get team(): SlackTeam {
    const { id, name, domain } = this.acting ?? this.home;
    return { id, name, domain };
  }
  get botUserId(): string {
    return (this.acting ?? this.home).botUserId;
  }
  get botId(): string {
    return (this.acting ?? this.home).botId;
  }

  /** Another workspace with the app installed: its bot user is added to it (ids default from the team id). */
  addTeam(input: TeamInput): WorkspaceTeam {
    const suffix = input.id.slice(1);
    const team: WorkspaceTeam = {
      id: input.id,
      name: input.name ?? input.id,
      domain: input.domain ?? input.id.toLowerCase(),
      botUserId: input.botUserId ?? `U0BOT${suffix}`,
      botId: input.botId ?? `B0BOT${suffix}`,
      ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}),
    };
    this.teams.set(team.id, team);
    this.addUser({ id: team.botUserId, name: this.botName, real_name: this.botName, is_bot: true, team: team.id });
    return team;
  }

  /** A team by id (throws for an unknown one). */
  teamById(id: string): WorkspaceTeam {
    const team = this.teams.get(id);
    if (!team) throw new Error(`LocalSlack: unknown team ${id}`);
    return team;
  }

  // ---------------------------------------------------------------- users and channels

  addUser(input: AddUserInput): SlackUser {
    const tz = input.tz ?? 'UTC';
    const at = new Date(this.now());
    const name = input.name ?? input.id.toLowerCase();
    const realName = input.real_name ?? name;
    const user: SlackUser = {
      id: input.id,
      team_id: input.team ?? this.team.id,
      name,
      real_name: realName,
      tz,
      tz_label: tzLabel(tz, at),
      tz_offset: input.tz_offset ?? tzOffsetSeconds(tz, at),
      is_admin: input.is_admin ?? false,
      is_owner: input.is_owner ?? false,
      is_bot: input.is_bot ?? false,
      deleted: input.deleted ?? false,
      profile: { real_name: realName, display_name: name, ...(input.email ? { email: input.email } : {}) },
    };
    this.users.set(user.id, user);
    for (const c of input.channels ?? []) this.joinChannel(c, user.id);
    return user;
  }

  addChannel(input: AddChannelInput): SlackChannel {
    const members = [...(input.members ?? [])];
    const team = input.team ? this.teamById(input.team) : (this.acting ?? this.home);
    if (input.botIsMember !== false && !members.includes(team.botUserId)) members.push(team.botUserId);
    const isIm = input.is_im ?? input.id.startsWith('D');
    const channel: SlackChannel = {
      id: input.id,
      team: team.id,
      name: input.name ?? input.id.toLowerCase(),
      is_channel: !isIm,
      is_im: isIm,
      is_private: input.is_private ?? isIm,
      is_archived: input.is_archived ?? false,
      members,
      requireMembership: input.requireMembership ?? false,
      created: Math.floor(this.now() / 1000),
    };
    if (isIm) channel.user = members.find((m) => m !== team.botUserId);
    this.channels.set(channel.id, channel);
    if (!this.store.has(channel.id)) this.store.set(channel.id, []);
    return channel;
  }

  joinChannel(channelId: string, userId: string): void {
    const c = this.requireChannel(channelId);
    if (!c.members.includes(userId)) c.members.push(userId);
  }

  leaveChannel(channelId: string, userId: string): void {
    const c = this.requireChannel(channelId);
    c.members = c.members.filter((m) => m !== userId);
  }

  archiveChannel(channelId: string, archived = true): void {
    this.requireChannel(channelId).is_archived = archived;
  }

  /** The DM channel between the bot and a user (created on first use; id `D` + user id without its first letter). */
  imFor(userId: string): SlackChannel {
    for (const c of this.channels.values()) if (c.is_im && c.user === userId) return c;
    const team = this.users.get(userId)?.team_id;
    return this.addChannel({ id: `D${userId.slice(1)}`, is_im: true, members: [userId], ...(team && this.teams.has(team) ? { team } : {}) });
  }

  /** Resolves a channel argument (id, `#name`, name, or a user id → DM). */
  resolveChannel(arg: unknown): SlackChannel | undefined {
    const id = str(arg);
    if (!id) return undefined;
    const direct = this.channels.get(id);
    if (direct) return direct;
    if (/^[UW]/.test(id) && this.users.has(id)) return this.imFor(id);
    const name = id.startsWith('#') ? id.slice(1) : id;
    for (const c of this.channels.values()) if (!c.is_im && c.name === name) return c;
    return undefined;
  }

  botCanAccess(c: SlackChannel): boolean {
    return !c.requireMembership || c.members.includes(this.botUserId);
  }

  // ---------------------------------------------------------------- reading messages

  /** Top-level messages of a channel (with thread broadcasts), oldest first. `includeReplies` adds thread replies. */
  messages(channelId: string, opts: { includeReplies?: boolean } = {}): StoredMessage[] {
    const all = this.store.get(channelId) ?? [];
    return opts.includeReplies ? [...all] : all.filter((m) => isTopLevel(m));
  }

  /** A stored message (top-level or reply) by channel and ts. */
  message(channelId: string, ts: string): StoredMessage | undefined {
    return (this.store.get(channelId) ?? []).find((m) => m.ts === ts);
  }

  /** Parent then replies, oldest first. */
  thread(channelId: string, threadTs: string): StoredMessage[] {
    const all = this.store.get(channelId) ?? [];
    const parent = all.find((m) => m.ts === threadTs);
    const replies = all.filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
    return parent ? [parent, ...replies] : replies;
  }

  /** Finds a message by ts in any channel (or in `channelId`). */
  findMessage(ts: string, channelId?: string): { channel: string; message: StoredMessage } | undefined {
    const ids = channelId ? [channelId] : [...this.store.keys()];
    for (const id of ids) {
      const message = this.message(id, ts);
      if (message) return { channel: id, message };
    }
    return undefined;
  }

  /** Ephemeral messages shown to a user (deleted ones excluded unless asked). */
  ephemeralsFor(userId: string, opts: { channelId?: string; includeDeleted?: boolean } = {}): EphemeralMessage[] {
    return this.ephemerals.filter(
      (e) =>
        e.user === userId &&
        (opts.channelId === undefined || e.channel === opts.channelId) &&
        (opts.includeDeleted || !e.deleted),
    );
  }

  // ---------------------------------------------------------------- ids

  /** Next ts for a channel: `<seconds>.<6 digits>` from the clock, strictly increasing per channel. */
  mintTs(channelId: string): string {
    const last = this.lastTs.get(channelId) ?? 0;
    const us = Math.max(Math.floor(this.now()) * 1000, last + 1);
    this.lastTs.set(channelId, us);
    return microsToTs(us);
  }

  /** `<prefix>` + a counter of six digits, unique within this stand-in. */
  mintId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${String(this.idCounter).padStart(6, '0')}`;
  }

  // ---------------------------------------------------------------- storing (for the Web API methods and response_urls)

  warn(w: Omit<LocalSlackWarning, 'at'>): void {
    this.warnings.push({ ...w, at: this.now() });
  }

  /** Stores a new bot message in a channel (thread reply when threadTs is set). */
  storeMessage(channel: SlackChannel, content: MessageParts, threadTs: string | undefined, source: string, broadcast = false): StoredMessage {
    const list = this.listOf(channel.id);
    const ts = this.mintTs(channel.id);
    const msg: StoredMessage = {
      type: 'message',
      text: content.text ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.team.id,
      ts,
      bot_profile: { id: this.botId, app_id: this.appId, name: this.botName, deleted: false, team_id: this.team.id },
    };
    if (content.blocks && content.blocks.length > 0) msg.blocks = content.blocks;
    if (content.attachments) msg.attachments = content.attachments;
    if (content.metadata) msg.metadata = content.metadata;
    if (threadTs) {
      let parent = list.find((m) => m.ts === threadTs);
      if (parent?.thread_ts && parent.thread_ts !== parent.ts) {
        const rootTs: string = parent.thread_ts;
        parent = list.find((m) => m.ts === rootTs);
      }
      const rootTs = parent?.ts ?? threadTs;
      if (!parent) {
        this.warn({ code: 'thread_not_found', source, channel: channel.id, detail: `thread_ts ${threadTs} not found` });
      }
      msg.thread_ts = rootTs;
      msg.parent_user_id = parent?.user;
      if (broadcast) msg.subtype = 'thread_broadcast';
      if (parent) countReply(parent, this.botUserId, ts);
    }
    list.push(msg);
    return msg;
  }

  /**
   * Stores a message typed by a person (the playground's composer). In a thread, the parent's reply count and
   * users are updated as Slack does.
   */
  storeUserMessage(channelId: string, userId: string, text: string, threadTs?: string): StoredMessage {
    const channel = this.requireChannel(channelId);
    const list = this.listOf(channel.id);
    const ts = this.mintTs(channel.id);
    const msg: StoredMessage = { type: 'message', text, user: userId, team: this.team.id, ts };
    if (threadTs) {
      const parent = list.find((m) => m.ts === threadTs);
      msg.thread_ts = parent?.thread_ts ?? threadTs;
      msg.parent_user_id = parent?.user;
      const root = list.find((m) => m.ts === msg.thread_ts);
      if (root) countReply(root, userId, ts);
    }
    list.push(msg);
    return clone(msg);
  }

  deleteStored(channelId: string, msg: StoredMessage): void {
    const list = this.store.get(channelId) ?? [];
    const isParentWithReplies = msg.thread_ts === msg.ts && (msg.reply_count ?? 0) > 0;
    if (isParentWithReplies) {
      // Slack keeps a tombstone so the thread stays reachable.
      for (const k of Object.keys(msg)) {
        if (!['type', 'ts', 'thread_ts', 'reply_count', 'reply_users', 'reply_users_count', 'latest_reply'].includes(k)) {
          delete msg[k];
        }
      }
      msg.subtype = 'tombstone';
      msg.text = 'This message was deleted.';
      msg.hidden = true;
      return;
    }
    const i = list.indexOf(msg);
    if (i >= 0) list.splice(i, 1);
    if (msg.thread_ts && msg.thread_ts !== msg.ts) {
      const parent = list.find((m) => m.ts === msg.thread_ts);
      if (parent && parent.reply_count) {
        parent.reply_count -= 1;
        const replies = list.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
        parent.latest_reply = replies.length ? replies[replies.length - 1].ts : undefined;
      }
    }
  }

  storeEphemeral(
    channelId: string,
    userId: string,
    content: MessageParts,
    threadTs: string | undefined,
    source: EphemeralMessage['source'],
  ): EphemeralMessage {
    const e: EphemeralMessage = {
      message_ts: this.mintTs(channelId),
      channel: channelId,
      user: userId,
      text: content.text ?? '',
      blocks: content.blocks,
      thread_ts: threadTs,
      source,
      deleted: false,
      replaced: 0,
      at: this.now(),
    };
    this.ephemerals.push(e);
    return e;
  }

  /** Forgets messages, ephemerals, Home tabs and warnings; users and channels stay. */
  protected clearMessages(): void {
    for (const list of this.store.values()) list.length = 0;
    this.ephemerals.length = 0;
    this.homeViews.clear();
    this.warnings.length = 0;
  }

  protected requireChannel(id: string): SlackChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`LocalSlack: unknown channel ${id}`);
    return c;
  }

  private listOf(channelId: string): StoredMessage[] {
    const list = this.store.get(channelId) ?? [];
    this.store.set(channelId, list);
    return list;
  }
}

export function isTopLevel(m: StoredMessage): boolean {
  return !m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast';
}

/** A reply by `userId` at `ts` joined the thread of `root`: its count, repliers and latest reply, as Slack keeps them. */
function countReply(root: StoredMessage, userId: string, ts: string): void {
  root.thread_ts = root.ts;
  root.reply_count = (root.reply_count ?? 0) + 1;
  const users = new Set(root.reply_users ?? []);
  users.add(userId);
  root.reply_users = [...users];
  root.reply_users_count = users.size;
  root.latest_reply = ts;
}
