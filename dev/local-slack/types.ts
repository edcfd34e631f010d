/** Shared types for the local Slack stand-in (`LocalSlack`) and its signing driver (`SlackDriver`). */

export interface LocalSlackOptions {
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  appId?: string;
  /** Accepted bot tokens. Default: any token starting with `xoxb-`. */
  validTokens?: string[];
  /** Clock in epoch millis (ts minting, rate limits and response_url expiry). Default `Date.now`. */
  now?: () => number;
  /** Total block text above which posts fail with `msg_blocks_too_long`. Default 12000; `Infinity` disables. */
  maxTotalBlockTextChars?: number;
  /** Default 5. */
  responseUrlMaxUses?: number;
  /** Default 30 minutes. */
  responseUrlTtlMs?: number;
  /** Sent as `x-oauth-scopes`. */
  scopes?: string[];
  /** The app's OAuth settings: installs through `/oauth/v2/authorize` and `oauth.v2.access` (see ./oauth.ts). */
  oauth?: OAuthAppOptions;
}

export interface OAuthAppOptions {
  clientId: string;
  clientSecret: string;
  /** Where `/oauth/v2/authorize` sends the browser back (the app's configured redirect URL), unless the URL names one. */
  redirectUri?: string;
  /** Token rotation: access tokens expire and come with a refresh token (`xoxe-…`). Default false. */
  rotation?: boolean;
  /** Lifetime of tokens from an install, with rotation. Default 43200 (12 hours), as Slack's. */
  installTokenTtlSeconds?: number;
  /** Lifetime of tokens from a refresh. Default 43200. */
  refreshTokenTtlSeconds?: number;
}

/** What `onChange` listeners hear: a Web API call or response_url post was answered, or a user posted. */
export interface LocalSlackChange {
  /** Web API method, `response_url`, or `user_message`. */
  source: string;
  channel?: string;
}

export type Args = Record<string, unknown>;

/** The JSON body of a Web API answer. */
export interface ApiResult {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

/** A workspace of the stand-in, with the app's bot user in it. */
export interface WorkspaceTeam extends SlackTeam {
  botUserId: string;
  botId: string;
  /** Set for a workspace of an Enterprise Grid org. */
  enterpriseId?: string;
}

export interface TeamInput {
  id: string;
  name?: string;
  domain?: string;
  /** Default `U0BOT` + the id without its first letter; `botId` likewise with `B0BOT`. */
  botUserId?: string;
  botId?: string;
  enterpriseId?: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_admin: boolean;
  is_owner: boolean;
  is_bot: boolean;
  deleted: boolean;
  profile: { real_name: string; display_name: string; email?: string };
}

export interface AddUserInput {
  id: string;
  name?: string;
  real_name?: string;
  /** IANA zone, default `UTC`. `tz_offset` (seconds) is derived from it unless given. */
  tz?: string;
  tz_offset?: number;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  email?: string;
  /** Channel ids to add this user to (the channels must exist). */
  channels?: string[];
  /** The user's team (added with `addTeam`). Default: the first team. */
  team?: string;
}

export interface SlackChannel {
  id: string;
  /** The team the channel belongs to: only that team's tokens reach it. */
  team: string;
  name: string;
  is_channel: boolean;
  is_im: boolean;
  is_private: boolean;
  is_archived: boolean;
  /** User ids (the bot user included when the bot is a member). */
  members: string[];
  /** When true, the bot must be in `members` to post / read history (`not_in_channel`). */
  requireMembership: boolean;
  created: number;
  /** For IMs: the other user. */
  user?: string;
}

export interface AddChannelInput {
  id: string;
  name?: string;
  is_private?: boolean;
  is_im?: boolean;
  is_archived?: boolean;
  /** Human members. The bot is added unless `botIsMember: false`. */
  members?: string[];
  /** Default true. */
  botIsMember?: boolean;
  /** Default false: like a public channel with `chat:write.public`. */
  requireMembership?: boolean;
  /** The channel's team (added with `addTeam`), whose bot joins it. Default: the first team. */
  team?: string;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A user's App Home tab as the app last published it (views.publish), with Slack's ids filled in. */
export interface PublishedView {
  /** The view as Slack returns it: the app's fields, `block_id`s minted where missing, `id`, `hash`, `team_id`… */
  view: Record<string, unknown> & { id: string; hash: string; blocks: Record<string, unknown>[] };
  user: string;
  team: string;
  /** Epoch millis of the publish. */
  at: number;
}

/** A message as stored and as returned by conversations.history / .replies. */
export interface StoredMessage {
  type: 'message';
  subtype?: string;
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  blocks?: Record<string, unknown>[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  [key: string]: unknown;
}

export interface EphemeralMessage {
  message_ts: string;
  channel: string;
  user: string;
  text: string;
  blocks?: Record<string, unknown>[];
  thread_ts?: string;
  /** How it was created. */
  source: 'chat.postEphemeral' | 'response_url';
  /** Set by a response_url `delete_original`. */
  deleted: boolean;
  /** Times it was replaced through a response_url `replace_original`. */
  replaced: number;
  at: number;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments (JSON-string form fields such as `blocks` and `metadata` are parsed; `token` removed). */
  args: Args;
  /** Epoch millis when the request arrived. */
  at: number;
  token?: string;
  /** The team `token` belongs to (tokens issued by the stand-in, or the first team for any other accepted token). */
  team?: string;
  contentType: string;
  /** HTTP status sent (0 while pending or when the socket was dropped). */
  status: number;
  /** The JSON body sent back, once answered. */
  response?: ApiResult;
  /** `ok`, `error:<code>`, `http:<status>`, `dropped`, or `pending`. */
  outcome: string;
}

export interface ResponseUrlOptions {
  id?: string;
  /** The user the interaction came from: ephemeral responses are stored for this user. */
  userId?: string;
  channelId?: string;
  /** The message the interaction was on (`replace_original` / `delete_original` act on it). */
  messageTs?: string;
  /** Whether `messageTs` is an ephemeral message. */
  isEphemeral?: boolean;
  /** Thread of the originating message, used for new responses when the body has no `thread_ts`. */
  threadTs?: string;
}

export interface ResponseUrlRecord extends ResponseUrlOptions {
  id: string;
  url: string;
  createdAt: number;
  uses: number;
}

export interface RecordedResponse {
  id: string;
  url: string;
  /** Parsed JSON body as posted by the app (`undefined` if unparseable). */
  body: Record<string, unknown> | undefined;
  at: number;
  status: number;
  error?: string;
  /** What was done: a new ephemeral / in_channel message, a replacement or a deletion. */
  applied?: 'ephemeral' | 'in_channel' | 'replace_original' | 'delete_original';
  /** ts of the message created or changed. */
  ts?: string;
  userId?: string;
  channelId?: string;
}

export interface LocalSlackWarning {
  code: 'missing_text' | 'thread_not_found' | 'text_truncated';
  /** Web API method or `response_url`. */
  source: string;
  channel?: string;
  detail: string;
  at: number;
}

/** Scripted outcomes for `failNext`. `delayMs` may be combined with the others. */
export type FaultOutcome =
  | { error: string; extra?: Record<string, unknown>; delayMs?: number }
  | { status: 429; retryAfter: number; delayMs?: number }
  | { status: number; body?: string; delayMs?: number }
  | { delayMs: number }
  | { dropAfterStore: true; delayMs?: number };

export interface RateLimitConfig {
  /** chat.postMessage per channel per second (sliding window). */
  perChannelPerSecond?: number;
  /** chat.postMessage across one workspace per minute (sliding window), each team (the token's) counted on its own. */
  workspacePerMinute?: number;
}

export interface CallContext {
  token: string;
  method: string;
}

export type MethodHandler = (args: Args, ctx: CallContext) => ApiResult;
