/**
 * LocalSlack: an in-memory stand-in for the Slack Web API and for `response_url`s, served over real HTTP on
 * 127.0.0.1, so that a real Bolt `App` / `WebClient` can talk to it unchanged (`clientOptions.slackApiUrl`).
 *
 * Web API:      POST http://127.0.0.1:<port>/api/<method>   (form-encoded or JSON, `Authorization: Bearer xoxb-…`)
 * response_url: POST http://127.0.0.1:<port>/response/<id>  (JSON, as Bolt's `respond()` sends it)
 *
 * Answers like Slack: HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`, 429 with `Retry-After`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

import { codePointLength, validateBlocks, validateView } from './blocks';
import type {
  AddChannelInput,
  AddUserInput,
  ApiResult,
  Args,
  CallContext,
  EphemeralMessage,
  FaultOutcome,
  LocalSlackWarning,
  MessageMetadata,
  MethodHandler,
  OpenedView,
  RateLimitConfig,
  RecordedCall,
  RecordedResponse,
  ResponseUrlOptions,
  ResponseUrlRecord,
  SlackChannel,
  SlackTeam,
  SlackUser,
  StoredMessage,
} from './types';

/** What `onChange` listeners hear: a Web API call or response_url post was answered, or a user posted. */
export interface LocalSlackChange {
  /** Web API method, `response_url`, or `user_message`. */
  source: string;
  channel?: string;
}

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
  /** Clock in epoch millis (ts minting, response_url and trigger expiry). Default `Date.now`. */
  now?: () => number;
  /** Total block text above which posts fail with `msg_blocks_too_long`. Default 12000; `Infinity` disables. */
  maxTotalBlockTextChars?: number;
  /** Default 5. */
  responseUrlMaxUses?: number;
  /** Default 30 minutes. */
  responseUrlTtlMs?: number;
  /** Default 3000 ms. */
  triggerTtlMs?: number;
  /** Sent as `x-oauth-scopes`. */
  scopes?: string[];
}

interface WaitFor {
  match: (c: RecordedCall) => boolean;
  count: number;
  resolve: (calls: RecordedCall[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface TriggerRecord {
  id: string;
  userId?: string;
  createdAt: number;
  used: boolean;
}

/** Form fields that carry JSON. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view', 'unfurls', 'user_auth_blocks']);
const MESSAGE_TEXT_LIMIT = 40_000;

class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flag(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || v === '1';
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function num(v: unknown, dflt: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : dflt;
}

/** ts → integer microseconds, for ordering and range filters (ts stays an opaque string elsewhere). */
export function tsToMicros(ts: string): number {
  const [sec, frac = ''] = String(ts).split('.');
  return Number(sec) * 1_000_000 + Number((frac + '000000').slice(0, 6));
}

function microsToTs(us: number): string {
  const sec = Math.floor(us / 1_000_000);
  const frac = us - sec * 1_000_000;
  return `${sec}.${String(frac).padStart(6, '0')}`;
}

function tzOffsetSeconds(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

function tzLabel(tz: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export class LocalSlack {
  readonly team: SlackTeam;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly appId: string;

  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  /** Every Web API call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Every POST to a response_url, accepted or refused. */
  readonly responses: RecordedResponse[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  /** Missing `text` next to blocks, unknown `thread_ts`, truncated text: tests should assert this stays empty. */
  readonly warnings: LocalSlackWarning[] = [];
  readonly views: OpenedView[] = [];

  private readonly now: () => number;
  private readonly validTokens?: Set<string>;
  private readonly maxTotalBlockTextChars: number;
  private readonly responseUrlMaxUses: number;
  private readonly responseUrlTtlMs: number;
  private readonly triggerTtlMs: number;
  private readonly scopes: string[];

  private readonly store = new Map<string, StoredMessage[]>();
  private readonly lastTs = new Map<string, number>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly faults = new Map<string, FaultOutcome[]>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly waiters = new Set<WaitFor>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rateLimit: RateLimitConfig | undefined;
  private readonly channelPosts = new Map<string, number[]>();
  private workspacePosts: number[] = [];
  private server: http.Server | undefined;
  private port = 0;
  private idCounter = 0;
  private readonly changeListeners = new Set<(change: LocalSlackChange) => void>();

  constructor(options: LocalSlackOptions = {}) {
    this.team = {
      id: options.teamId ?? 'T0TEST',
      name: options.teamName ?? 'DevOps Quiz Test',
      domain: options.teamDomain ?? 'devops-quiz-test',
    };
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    this.botName = options.botName ?? 'devops-quiz';
    this.appId = options.appId ?? 'A0DEVQUIZ';
    this.now = options.now ?? Date.now;
    this.validTokens = options.validTokens ? new Set(options.validTokens) : undefined;
    this.maxTotalBlockTextChars = options.maxTotalBlockTextChars ?? 12_000;
    this.responseUrlMaxUses = options.responseUrlMaxUses ?? 5;
    this.responseUrlTtlMs = options.responseUrlTtlMs ?? 30 * 60 * 1000;
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.scopes = options.scopes ?? ['chat:write', 'chat:write.public', 'commands', 'users:read', 'channels:history'];
    this.addUser({ id: this.botUserId, name: this.botName, real_name: this.botName, is_bot: true });
  }

  // ---------------------------------------------------------------- lifecycle

  /** Binds 127.0.0.1:`port` (0 = ephemeral) and resolves with the bound port. */
  async start(port = 0): Promise<number> {
    if (this.server) throw new Error('LocalSlack already started');
    const server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e instanceof Error ? e.stack : e));
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('LocalSlack stopped while waiting for calls'));
    }
    this.waiters.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** `http://127.0.0.1:<port>/api/`: pass as `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('LocalSlack is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  // ---------------------------------------------------------------- workspace state

  addUser(input: AddUserInput): SlackUser {
    const tz = input.tz ?? 'UTC';
    const at = new Date(this.now());
    const name = input.name ?? input.id.toLowerCase();
    const realName = input.real_name ?? name;
    const user: SlackUser = {
      id: input.id,
      team_id: this.team.id,
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
    if (input.botIsMember !== false && !members.includes(this.botUserId)) members.push(this.botUserId);
    const isIm = input.is_im ?? input.id.startsWith('D');
    const channel: SlackChannel = {
      id: input.id,
      name: input.name ?? input.id.toLowerCase(),
      is_channel: !isIm,
      is_im: isIm,
      is_private: input.is_private ?? isIm,
      is_archived: input.is_archived ?? false,
      members,
      requireMembership: input.requireMembership ?? false,
      created: Math.floor(this.now() / 1000),
    };
    if (isIm) channel.user = members.find((m) => m !== this.botUserId);
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
    return this.addChannel({ id: `D${userId.slice(1)}`, is_im: true, members: [userId] });
  }

  /** Top-level messages of a channel (with thread broadcasts), oldest first. `includeReplies` adds thread replies. */
  messages(channelId: string, opts: { includeReplies?: boolean } = {}): StoredMessage[] {
    const all = this.store.get(channelId) ?? [];
    return opts.includeReplies ? [...all] : all.filter((m) => this.isTopLevel(m));
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

  // ---------------------------------------------------------------- calls and waiting

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /**
   * Resolves with the matching calls once at least `count` (default 1) have been recorded, checking calls already
   * recorded too. Rejects after `timeoutMs` (default 5000).
   */
  waitFor(
    predicate: string | ((c: RecordedCall) => boolean),
    opts: { count?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall[]> {
    const match = typeof predicate === 'string' ? (c: RecordedCall) => c.method === predicate : predicate;
    const count = opts.count ?? 1;
    const timeoutMs = opts.timeoutMs ?? 5000;
    const found = this.calls.filter(match);
    if (found.length >= count) return Promise.resolve(found);
    return new Promise<RecordedCall[]>((resolve, reject) => {
      const waiter: WaitFor = {
        match,
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.calls.map((c) => `${c.method}(${c.outcome})`).join(', ') || 'none';
          const what = typeof predicate === 'string' ? predicate : 'predicate';
          reject(new Error(`LocalSlack.waitFor(${what}): ${this.calls.filter(match).length}/${count} after ${timeoutMs} ms; calls: ${seen}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /**
   * Calls `listener` after every answered Web API call or response_url post that succeeded, and after
   * `postUserMessage` (the playground pushes page updates from it). Returns the unsubscribe function.
   */
  onChange(listener: (change: LocalSlackChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emitChange(change: LocalSlackChange): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener(change);
      } catch {
        // a listener's failure is its own business
      }
    }
  }

  /**
   * Stores a message typed by a person (the playground's composer). No event is sent to the app: the bot
   * subscribes to none. In a thread, the parent's reply count and users are updated as Slack does.
   */
  postUserMessage(channelId: string, userId: string, text: string, threadTs?: string): StoredMessage {
    const channel = this.requireChannel(channelId);
    const list = this.store.get(channel.id) ?? [];
    this.store.set(channel.id, list);
    const ts = this.mintTs(channel.id);
    const msg: StoredMessage = { type: 'message', text, user: userId, team: this.team.id, ts };
    if (threadTs) {
      const parent = list.find((m) => m.ts === threadTs);
      msg.thread_ts = parent?.thread_ts ?? threadTs;
      msg.parent_user_id = parent?.user;
      const root = list.find((m) => m.ts === msg.thread_ts);
      if (root) {
        root.thread_ts = root.ts;
        root.reply_count = (root.reply_count ?? 0) + 1;
        const users = new Set(root.reply_users ?? []);
        users.add(userId);
        root.reply_users = [...users];
        root.reply_users_count = users.size;
        root.latest_reply = ts;
      }
    }
    list.push(msg);
    this.emitChange({ source: 'user_message', channel: channel.id });
    return clone(msg);
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      const found = this.calls.filter(w.match);
      if (found.length >= w.count) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(found);
      }
    }
  }

  // ---------------------------------------------------------------- fault injection and extension

  /** The next `times` calls to `method` (or `'response_url'`) get `outcome` instead of (or, for delay/drop, besides) normal handling. */
  failNext(method: string, outcome: FaultOutcome, times = 1): void {
    const q = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) q.push(outcome);
    this.faults.set(method, q);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Rate-limits chat.postMessage (429 + Retry-After). `undefined` removes the limit. */
  setRateLimit(config: RateLimitConfig | undefined): void {
    this.rateLimit = config;
    this.channelPosts.clear();
    this.workspacePosts = [];
  }

  /** Adds or overrides a Web API method. */
  handle(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  /** Clears messages, ephemerals, calls, responses, warnings, views, faults and rate limits; keeps users/channels. */
  reset(): void {
    for (const list of this.store.values()) list.length = 0;
    this.ephemerals.length = 0;
    this.calls.length = 0;
    this.responses.length = 0;
    this.warnings.length = 0;
    this.views.length = 0;
    this.responseUrls.clear();
    this.triggers.clear();
    this.faults.clear();
    this.setRateLimit(undefined);
  }

  // ---------------------------------------------------------------- response_url and trigger_id

  /**
   * Mints `http://127.0.0.1:<port>/response/<id>`. Pass the interaction's user and channel (and the message it was on)
   * so that ephemeral / replace / delete responses can be applied.
   */
  responseUrl(opts: string | ResponseUrlOptions = {}): string {
    const o: ResponseUrlOptions = typeof opts === 'string' ? { id: opts } : opts;
    const id = o.id ?? `${this.team.id}/${this.mintId('R')}/${randomBytes(12).toString('hex')}`;
    const url = `${this.baseUrl}/response/${id}`;
    this.responseUrls.set(id, { ...o, id, url, createdAt: this.now(), uses: 0 });
    return url;
  }

  responseUrlInfo(idOrUrl: string): ResponseUrlRecord | undefined {
    return this.responseUrls.get(this.responseId(idOrUrl));
  }

  /** Responses posted to one response_url (by id or full URL), or all. */
  responsesTo(idOrUrl?: string): RecordedResponse[] {
    if (idOrUrl === undefined) return [...this.responses];
    const id = this.responseId(idOrUrl);
    return this.responses.filter((r) => r.id === id);
  }

  /** Mints a trigger_id valid for `triggerTtlMs`, single use. */
  mintTriggerId(userId?: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${this.mintId('')}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { id, userId, createdAt: this.now(), used: false });
    return id;
  }

  /** Next ts for a channel: `<seconds>.<6 digits>` from the clock, strictly increasing per channel. */
  mintTs(channelId: string): string {
    const last = this.lastTs.get(channelId) ?? 0;
    const us = Math.max(Math.floor(this.now()) * 1000, last + 1);
    this.lastTs.set(channelId, us);
    return microsToTs(us);
  }

  private responseId(idOrUrl: string): string {
    const marker = '/response/';
    const i = idOrUrl.indexOf(marker);
    return i >= 0 ? decodeURIComponent(idOrUrl.slice(i + marker.length)) : idOrUrl;
  }

  private mintId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${String(this.idCounter).padStart(6, '0')}`;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      return this.onApiCall(method, url, raw, req, res);
    }
    if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      return this.onResponseUrl(decodeURIComponent(url.pathname.slice('/response/'.length)), raw, req, res);
    }
    send(res, new HttpReply(404, { ok: false, error: 'not_found' }));
  }

  private async onApiCall(
    method: string,
    url: URL,
    raw: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '');
    const call: RecordedCall = { method, args: {}, at: this.now(), contentType, status: 0, outcome: 'pending' };
    const finish = (reply: HttpReply | 'drop'): void => {
      if (reply === 'drop') {
        call.outcome = 'dropped';
        req.socket.destroy();
      } else {
        call.status = reply.status;
        call.response = isObj(reply.body) ? (reply.body as ApiResult) : undefined;
        if (reply.status !== 200) call.outcome = `http:${reply.status}`;
        else call.outcome = call.response?.ok ? 'ok' : `error:${String(call.response?.error)}`;
        send(res, reply, { 'x-oauth-scopes': this.scopes.join(',') });
      }
      this.notify();
      if (call.outcome === 'ok' || call.outcome === 'dropped') this.emitChange({ source: method, channel: str(call.args.channel) });
    };

    let args: Args;
    try {
      args = parseArgs(raw, contentType, url.searchParams);
    } catch {
      this.calls.push(call);
      return finish(new HttpReply(200, { ok: false, error: 'invalid_json' }));
    }
    const auth = String(req.headers.authorization ?? '');
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const token = bearer ?? str(args.token);
    delete args.token;
    call.args = args;
    call.token = token;
    this.calls.push(call);

    if (!token) return finish(new HttpReply(200, { ok: false, error: 'not_authed' }));
    const tokenOk = this.validTokens ? this.validTokens.has(token) : token.startsWith('xoxb-');
    if (!tokenOk) return finish(new HttpReply(200, { ok: false, error: 'invalid_auth' }));

    const fault = this.faults.get(method)?.shift();
    if (fault && 'delayMs' in fault && fault.delayMs) {
      this.notify();
      await this.sleep(fault.delayMs);
    }
    if (fault && 'error' in fault) {
      return finish(new HttpReply(200, { ok: false, error: fault.error, ...(fault.extra ?? {}) }));
    }
    if (fault && 'status' in fault) {
      if (fault.status === 429) {
        const retryAfter = 'retryAfter' in fault ? fault.retryAfter : 1;
        return finish(new HttpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) }));
      }
      const body = 'body' in fault && fault.body !== undefined ? fault.body : `<html><body>${fault.status}</body></html>`;
      return finish(new HttpReply(fault.status, body, { 'content-type': 'text/html' }));
    }
    if (method === 'chat.postMessage') {
      const limited = this.checkRateLimit(args);
      if (limited) return finish(limited);
    }

    let result: ApiResult;
    try {
      result = this.dispatch(method, args, { token, method });
    } catch (e) {
      result = { ok: false, error: 'internal_error', detail: e instanceof Error ? e.message : String(e) };
    }
    if (fault && 'dropAfterStore' in fault && fault.dropAfterStore) return finish('drop');
    return finish(new HttpReply(200, result));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private checkRateLimit(args: Args): HttpReply | undefined {
    const rl = this.rateLimit;
    if (!rl) return undefined;
    const now = this.now();
    const channel = str(args.channel) ?? '';
    const perChannel = (this.channelPosts.get(channel) ?? []).filter((t) => t > now - 1000);
    this.workspacePosts = this.workspacePosts.filter((t) => t > now - 60_000);
    let retryMs = 0;
    if (rl.perChannelPerSecond !== undefined && perChannel.length >= rl.perChannelPerSecond) {
      retryMs = Math.max(retryMs, perChannel[perChannel.length - rl.perChannelPerSecond] + 1000 - now);
    }
    if (rl.workspacePerMinute !== undefined && this.workspacePosts.length >= rl.workspacePerMinute) {
      const idx = this.workspacePosts.length - rl.workspacePerMinute;
      retryMs = Math.max(retryMs, this.workspacePosts[idx] + 60_000 - now);
    }
    if (retryMs > 0) {
      const retryAfter = Math.max(1, Math.ceil(retryMs / 1000));
      return new HttpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    perChannel.push(now);
    this.channelPosts.set(channel, perChannel);
    this.workspacePosts.push(now);
    return undefined;
  }

  // ---------------------------------------------------------------- Web API methods

  private dispatch(method: string, args: Args, ctx: CallContext): ApiResult {
    const custom = this.handlers.get(method);
    if (custom) return { ...custom(args, ctx) };
    switch (method) {
      case 'api.test':
        return { ok: true, args };
      case 'auth.test':
        return this.authTest();
      case 'chat.postMessage':
        return this.chatPostMessage(args);
      case 'chat.update':
        return this.chatUpdate(args);
      case 'chat.delete':
        return this.chatDelete(args);
      case 'chat.postEphemeral':
        return this.chatPostEphemeral(args);
      case 'chat.getPermalink':
        return this.chatGetPermalink(args);
      case 'conversations.history':
        return this.conversationsHistory(args);
      case 'conversations.replies':
        return this.conversationsReplies(args);
      case 'conversations.info':
        return this.conversationsInfo(args);
      case 'conversations.members':
        return this.conversationsMembers(args);
      case 'conversations.join':
        return this.conversationsJoin(args);
      case 'conversations.open':
        return this.conversationsOpen(args);
      case 'users.info':
        return this.usersInfo(args);
      case 'views.open':
      case 'views.push':
        return this.viewsOpen(method, args);
      case 'views.update':
        return this.viewsUpdate(args);
      default:
        return { ok: false, error: 'unknown_method', req_method: method };
    }
  }

  private authTest(): ApiResult {
    return {
      ok: true,
      url: `https://${this.team.domain}.slack.com/`,
      team: this.team.name,
      user: this.botName,
      team_id: this.team.id,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  /** Resolves a channel argument (id, `#name`, name, or a user id → DM). */
  private resolveChannel(arg: unknown): SlackChannel | undefined {
    const id = str(arg);
    if (!id) return undefined;
    const direct = this.channels.get(id);
    if (direct) return direct;
    if (/^[UW]/.test(id) && this.users.has(id)) return this.imFor(id);
    const name = id.startsWith('#') ? id.slice(1) : id;
    for (const c of this.channels.values()) if (!c.is_im && c.name === name) return c;
    return undefined;
  }

  private botCanAccess(c: SlackChannel): boolean {
    return !c.requireMembership || c.members.includes(this.botUserId);
  }

  private warn(w: Omit<LocalSlackWarning, 'at'>): void {
    this.warnings.push({ ...w, at: this.now() });
  }

  /**
   * Validates message content (text / blocks / metadata) as Slack does. Returns an error result or the normalized
   * content. `requireContent` is false for chat.update (unchanged fields are kept).
   */
  private messageContent(
    args: Args,
    source: string,
    channel: string | undefined,
    requireContent = true,
  ):
    | { error: ApiResult }
    | {
        text: string | undefined;
        blocks: Record<string, unknown>[] | undefined;
        attachments: unknown[] | undefined;
        metadata: MessageMetadata | undefined;
      } {
    const hasText = typeof args.text === 'string' ? args.text.length > 0 : str(args.text) !== undefined;
    let text = str(args.text);
    const markdownText = str(args.markdown_text);
    const blocksArg = args.blocks;
    const hasBlocks = Array.isArray(blocksArg) && blocksArg.length > 0;
    const attachments = Array.isArray(args.attachments) && args.attachments.length > 0 ? args.attachments : undefined;
    if (markdownText !== undefined) {
      if (hasText || blocksArg !== undefined) return { error: { ok: false, error: 'markdown_text_conflict' } };
      text = markdownText;
    }
    if (requireContent && !hasText && !hasBlocks && !attachments && !markdownText) {
      return { error: { ok: false, error: 'no_text' } };
    }
    if (!requireContent && args.text === undefined && blocksArg === undefined && !attachments && !markdownText) {
      return { error: { ok: false, error: 'no_text' } };
    }
    if (blocksArg !== undefined && typeof blocksArg === 'string') {
      return { error: { ok: false, error: 'invalid_blocks_format' } };
    }
    const v = validateBlocks(blocksArg, {
      maxBlocks: 50,
      surface: 'message',
      maxTotalTextChars: this.maxTotalBlockTextChars,
      mintBlockId: () => randomBytes(3).toString('base64url').slice(0, 4),
    });
    if (!v.ok) {
      const error: ApiResult = { ok: false, error: v.error };
      if (v.messages.length) error.response_metadata = { messages: v.messages };
      return { error };
    }
    let metadata: MessageMetadata | undefined;
    if (args.metadata !== undefined) {
      const m = args.metadata;
      if (!isObj(m) || typeof m.event_type !== 'string' || (m.event_payload !== undefined && !isObj(m.event_payload))) {
        return { error: { ok: false, error: 'invalid_metadata_format' } };
      }
      metadata = { event_type: m.event_type, event_payload: (m.event_payload as Record<string, unknown>) ?? {} };
    }
    if (!hasText && !markdownText && (hasBlocks || attachments)) {
      this.warn({
        code: 'missing_text',
        source,
        channel,
        detail: `${source} without a top-level text: notifications and screen readers get no fallback`,
      });
    }
    if (text !== undefined && codePointLength(text) > MESSAGE_TEXT_LIMIT) {
      this.warn({ code: 'text_truncated', source, channel, detail: `text over ${MESSAGE_TEXT_LIMIT} characters` });
      text = [...text].slice(0, MESSAGE_TEXT_LIMIT).join('');
    }
    return { text, blocks: v.blocks, attachments, metadata };
  }

  /** Stores a new bot message in a channel (thread reply when threadTs is set). */
  private storeMessage(
    channel: SlackChannel,
    content: { text?: string; blocks?: Record<string, unknown>[]; attachments?: unknown[]; metadata?: MessageMetadata },
    threadTs: string | undefined,
    source: string,
    broadcast = false,
  ): StoredMessage {
    const list = this.store.get(channel.id) ?? [];
    this.store.set(channel.id, list);
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
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        const users = new Set(parent.reply_users ?? []);
        users.add(this.botUserId);
        parent.reply_users = [...users];
        parent.reply_users_count = users.size;
        parent.latest_reply = ts;
      }
    }
    list.push(msg);
    return msg;
  }

  private isTopLevel(m: StoredMessage): boolean {
    return !m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast';
  }

  private chatPostMessage(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (channel.is_archived) return { ok: false, error: 'is_archived' };
    if (!this.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
    const content = this.messageContent(args, 'chat.postMessage', channel.id);
    if ('error' in content) return content.error;
    const threadTs = str(args.thread_ts) || undefined;
    const msg = this.storeMessage(channel, content, threadTs, 'chat.postMessage', flag(args.reply_broadcast));
    return { ok: true, channel: channel.id, ts: msg.ts, message: clone(msg) };
  }

  private chatUpdate(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (channel.is_archived) return { ok: false, error: 'is_archived' };
    const ts = str(args.ts);
    const msg = ts ? this.message(channel.id, ts) : undefined;
    if (!msg) return { ok: false, error: 'message_not_found' };
    if (msg.bot_id !== this.botId) return { ok: false, error: 'cant_update_message' };
    const content = this.messageContent(args, 'chat.update', channel.id, false);
    if ('error' in content) return content.error;
    if (args.text !== undefined || content.text !== undefined) msg.text = content.text ?? '';
    else if (args.blocks !== undefined) msg.text = '';
    if (args.blocks !== undefined) {
      if (content.blocks && content.blocks.length > 0) msg.blocks = content.blocks;
      else delete msg.blocks;
    }
    if (args.attachments !== undefined) {
      if (content.attachments) msg.attachments = content.attachments;
      else delete msg.attachments;
    }
    if (content.metadata) msg.metadata = content.metadata;
    msg.edited = { user: this.botUserId, ts: this.mintTs(`${channel.id}#edits`) };
    return { ok: true, channel: channel.id, ts: msg.ts, text: msg.text, message: clone(msg) };
  }

  private chatDelete(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const ts = str(args.ts);
    const msg = ts ? this.message(channel.id, ts) : undefined;
    if (!msg || msg.subtype === 'tombstone') return { ok: false, error: 'message_not_found' };
    if (msg.bot_id !== this.botId) return { ok: false, error: 'cant_delete_message' };
    this.deleteStored(channel.id, msg);
    return { ok: true, channel: channel.id, ts: msg.ts };
  }

  private deleteStored(channelId: string, msg: StoredMessage): void {
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

  private chatPostEphemeral(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const userId = str(args.user);
    const user = userId ? this.users.get(userId) : undefined;
    if (!user || user.deleted) return { ok: false, error: 'user_not_found' };
    if (channel.is_archived) return { ok: false, error: 'is_archived' };
    if (!this.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
    if (!channel.members.includes(user.id)) return { ok: false, error: 'user_not_in_channel' };
    const content = this.messageContent(args, 'chat.postEphemeral', channel.id);
    if ('error' in content) return content.error;
    const e = this.storeEphemeral(channel.id, user.id, content, str(args.thread_ts) || undefined, 'chat.postEphemeral');
    return { ok: true, message_ts: e.message_ts };
  }

  private storeEphemeral(
    channelId: string,
    userId: string,
    content: { text?: string; blocks?: Record<string, unknown>[] },
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

  private chatGetPermalink(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const ts = str(args.message_ts);
    const msg = ts ? this.message(channel.id, ts) : undefined;
    if (!msg) return { ok: false, error: 'message_not_found' };
    const p = msg.ts.replace('.', '');
    const thread = msg.thread_ts && msg.thread_ts !== msg.ts ? `?thread_ts=${msg.thread_ts}&cid=${channel.id}` : '';
    return { ok: true, channel: channel.id, permalink: `https://${this.team.domain}.slack.com/archives/${channel.id}/p${p}${thread}` };
  }

  /** Filters by oldest/latest (exclusive unless `inclusive`), newest first unless `ascending`. */
  private page(
    list: StoredMessage[],
    args: Args,
    defaultLimit: number,
  ): { messages: StoredMessage[]; has_more: boolean; next_cursor: string } {
    const inclusive = flag(args.inclusive);
    const oldest = str(args.oldest);
    const latest = str(args.latest);
    const lo = oldest !== undefined && oldest !== '' ? tsToMicros(oldest) : undefined;
    const hi = latest !== undefined && latest !== '' ? tsToMicros(latest) : undefined;
    const filtered = list.filter((m) => {
      const t = tsToMicros(m.ts);
      if (lo !== undefined && (inclusive ? t < lo : t <= lo)) return false;
      if (hi !== undefined && (inclusive ? t > hi : t >= hi)) return false;
      return true;
    });
    const limit = Math.max(1, Math.min(999, num(args.limit, defaultLimit) || defaultLimit));
    const cursor = str(args.cursor);
    const offset = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, '')) || 0 : 0;
    const messages = filtered.slice(offset, offset + limit);
    const hasMore = offset + limit < filtered.length;
    return {
      messages,
      has_more: hasMore,
      next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
    };
  }

  private present(m: StoredMessage, includeMetadata: boolean): StoredMessage {
    const copy = clone(m);
    if (!includeMetadata) delete copy.metadata;
    return copy;
  }

  private conversationsHistory(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!this.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
    const top = this.messages(channel.id).sort((a, b) => tsToMicros(b.ts) - tsToMicros(a.ts));
    const p = this.page(top, args, 100);
    const meta = flag(args.include_all_metadata);
    return {
      ok: true,
      messages: p.messages.map((m) => this.present(m, meta)),
      has_more: p.has_more,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: p.next_cursor },
    };
  }

  private conversationsReplies(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!this.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
    const ts = str(args.ts);
    if (!ts) return { ok: false, error: 'invalid_arguments' };
    const msg = this.message(channel.id, ts);
    if (!msg) return { ok: false, error: 'thread_not_found' };
    const meta = flag(args.include_all_metadata);
    if (msg.thread_ts && msg.thread_ts !== msg.ts) {
      return { ok: true, messages: [this.present(msg, meta)], has_more: false, response_metadata: { next_cursor: '' } };
    }
    const [parent, ...replies] = this.thread(channel.id, ts);
    const p = this.page(replies, args, 1000);
    return {
      ok: true,
      messages: [parent, ...p.messages].map((m) => this.present(m, meta)),
      has_more: p.has_more,
      response_metadata: { next_cursor: p.next_cursor },
    };
  }

  private channelInfo(c: SlackChannel, includeNumMembers: boolean): Record<string, unknown> {
    const info: Record<string, unknown> = {
      id: c.id,
      created: c.created,
      is_archived: c.is_archived,
      is_im: c.is_im,
      is_org_shared: false,
      context_team_id: this.team.id,
      is_member: c.members.includes(this.botUserId),
    };
    if (c.is_im) {
      info.user = c.user;
      info.is_open = true;
    } else {
      Object.assign(info, {
        name: c.name,
        name_normalized: c.name,
        is_channel: !c.is_private,
        is_group: c.is_private,
        is_private: c.is_private,
        is_mpim: false,
        is_general: false,
        is_shared: false,
        is_ext_shared: false,
        creator: this.botUserId,
        topic: { value: '', creator: '', last_set: 0 },
        purpose: { value: '', creator: '', last_set: 0 },
      });
    }
    if (includeNumMembers) info.num_members = c.members.length;
    return info;
  }

  private conversationsInfo(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    return { ok: true, channel: this.channelInfo(channel, flag(args.include_num_members)) };
  }

  private conversationsMembers(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    return { ok: true, members: [...channel.members], response_metadata: { next_cursor: '' } };
  }

  private conversationsJoin(args: Args): ApiResult {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (channel.is_archived) return { ok: false, error: 'is_archived' };
    if (channel.is_private || channel.is_im) return { ok: false, error: 'method_not_supported_for_channel_type' };
    const already = channel.members.includes(this.botUserId);
    if (!already) channel.members.push(this.botUserId);
    const result: ApiResult = { ok: true, channel: this.channelInfo(channel, false) };
    if (already) result.warning = 'already_in_channel';
    return result;
  }

  private conversationsOpen(args: Args): ApiResult {
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length !== 1) return { ok: false, error: users.length === 0 ? 'users_list_not_supplied' : 'not_implemented' };
    if (!this.users.has(users[0])) return { ok: false, error: 'user_not_found' };
    const im = this.imFor(users[0]);
    return { ok: true, channel: { id: im.id } };
  }

  private usersInfo(args: Args): ApiResult {
    const id = str(args.user);
    const user = id ? this.users.get(id) : undefined;
    if (!user) return { ok: false, error: 'user_not_found' };
    const out: Record<string, unknown> = { ...clone(user) };
    if (flag(args.include_locale)) out.locale = 'en-US';
    return { ok: true, user: out };
  }

  private viewsOpen(method: 'views.open' | 'views.push', args: Args): ApiResult {
    const triggerId = str(args.trigger_id);
    if (!triggerId) return { ok: false, error: 'invalid_arguments' };
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.createdAt > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
    const v = this.checkView(args.view);
    if ('error' in v) return v.error;
    trigger.used = true;
    const view = this.materializeView(v.view);
    this.views.push({ id: String(view.id), view, userId: trigger.userId, triggerId, method, at: this.now() });
    return { ok: true, view: clone(view) };
  }

  private viewsUpdate(args: Args): ApiResult {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    const existing = [...this.views]
      .reverse()
      .find((v) => (viewId && v.id === viewId) || (externalId && v.view.external_id === externalId));
    if (!existing) return { ok: false, error: 'not_found' };
    const hash = str(args.hash);
    if (hash && hash !== existing.view.hash) return { ok: false, error: 'hash_conflict' };
    const v = this.checkView(args.view);
    if ('error' in v) return v.error;
    const view = this.materializeView(v.view, existing.id);
    this.views.push({ id: existing.id, view, userId: existing.userId, method: 'views.update', at: this.now() });
    return { ok: true, view: clone(view) };
  }

  private checkView(raw: unknown): { error: ApiResult } | { view: Record<string, unknown> } {
    if (!isObj(raw)) return { error: { ok: false, error: 'invalid_arguments' } };
    const messages = validateView(raw);
    if (messages.length) return { error: { ok: false, error: 'invalid_arguments', response_metadata: { messages } } };
    return { view: raw };
  }

  private materializeView(view: Record<string, unknown>, id?: string): Record<string, unknown> {
    const viewId = id ?? this.mintId('V');
    const blocks = validateBlocks(view.blocks ?? [], {
      maxBlocks: 100,
      surface: 'modal',
      mintBlockId: () => randomBytes(3).toString('base64url').slice(0, 4),
    }).blocks;
    return {
      ...view,
      blocks: blocks ?? [],
      id: viewId,
      team_id: this.team.id,
      app_id: this.appId,
      bot_id: this.botId,
      state: { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      root_view_id: viewId,
      previous_view_id: null,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      external_id: view.external_id ?? '',
    };
  }

  // ---------------------------------------------------------------- response_url handling

  private async onResponseUrl(
    id: string,
    raw: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const record = this.responseUrls.get(id);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      body = isObj(parsed) ? parsed : undefined;
    } catch {
      body = undefined;
    }
    const entry: RecordedResponse = {
      id,
      url: record?.url ?? `${this.baseUrl}/response/${id}`,
      body,
      at: this.now(),
      status: 0,
      userId: record?.userId,
      channelId: record?.channelId,
    };
    this.responses.push(entry);
    const reply = (status: number, payload: ApiResult | 'drop'): void => {
      if (payload === 'drop') {
        req.socket.destroy();
        return;
      }
      entry.status = status;
      if (!payload.ok) entry.error = payload.error;
      send(res, new HttpReply(status, payload));
      if (payload.ok) this.emitChange({ source: 'response_url', channel: record?.channelId });
    };

    const fault = this.faults.get('response_url')?.shift();
    if (fault && 'delayMs' in fault && fault.delayMs) await this.sleep(fault.delayMs);
    if (fault && 'error' in fault) return reply(404, { ok: false, error: fault.error });
    if (fault && 'status' in fault) return reply(fault.status, { ok: false, error: `http_${fault.status}` });

    if (!record) return reply(404, { ok: false, error: 'invalid_url' });
    if (this.now() - record.createdAt > this.responseUrlTtlMs) return reply(404, { ok: false, error: 'expired_url' });
    if (record.uses >= this.responseUrlMaxUses) return reply(404, { ok: false, error: 'used_url' });
    if (!body) return reply(400, { ok: false, error: 'invalid_payload' });

    const result = this.applyResponse(record, body, entry);
    if (result.ok) record.uses += 1;
    if (result.ok && fault && 'dropAfterStore' in fault) return reply(200, 'drop');
    return reply(result.ok ? 200 : result.error === 'message_not_found' ? 404 : 400, result);
  }

  private applyResponse(record: ResponseUrlRecord, body: Record<string, unknown>, entry: RecordedResponse): ApiResult {
    const channelId = record.channelId;
    if (flag(body.delete_original)) {
      if (!record.messageTs || !channelId) return { ok: false, error: 'message_not_found' };
      if (record.isEphemeral) {
        const e = this.ephemerals.find((x) => x.message_ts === record.messageTs && x.channel === channelId && !x.deleted);
        if (!e) return { ok: false, error: 'message_not_found' };
        e.deleted = true;
      } else {
        const msg = this.message(channelId, record.messageTs);
        if (!msg) return { ok: false, error: 'message_not_found' };
        this.deleteStored(channelId, msg);
      }
      entry.applied = 'delete_original';
      entry.ts = record.messageTs;
      return { ok: true };
    }

    const content = this.messageContent(body, 'response_url', channelId);
    if ('error' in content) return content.error;

    if (flag(body.replace_original) && record.messageTs && channelId) {
      if (record.isEphemeral) {
        const e = this.ephemerals.find((x) => x.message_ts === record.messageTs && x.channel === channelId && !x.deleted);
        if (!e) return { ok: false, error: 'message_not_found' };
        e.text = content.text ?? '';
        e.blocks = content.blocks;
        e.replaced += 1;
      } else {
        const msg = this.message(channelId, record.messageTs);
        if (!msg) return { ok: false, error: 'message_not_found' };
        msg.text = content.text ?? '';
        if (content.blocks) msg.blocks = content.blocks;
        else delete msg.blocks;
        msg.edited = { user: this.botUserId, ts: this.mintTs(`${channelId}#edits`) };
      }
      entry.applied = 'replace_original';
      entry.ts = record.messageTs;
      return { ok: true };
    }

    if (!channelId) return { ok: false, error: 'channel_not_found' };
    const channel = this.channels.get(channelId) ?? this.resolveChannel(channelId);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const threadTs = str(body.thread_ts) || record.threadTs;
    if (body.response_type === 'in_channel') {
      const msg = this.storeMessage(channel, content, threadTs, 'response_url');
      entry.applied = 'in_channel';
      entry.ts = msg.ts;
      return { ok: true };
    }
    if (!record.userId) return { ok: false, error: 'user_not_found' };
    const e = this.storeEphemeral(channel.id, record.userId, content, threadTs, 'response_url');
    entry.applied = 'ephemeral';
    entry.ts = e.message_ts;
    return { ok: true };
  }

  private requireChannel(id: string): SlackChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`LocalSlack: unknown channel ${id}`);
    return c;
  }
}

// ---------------------------------------------------------------- helpers

function readBody(req: http.IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a Web API request body (form or JSON) plus query parameters into arguments. */
function parseArgs(raw: string, contentType: string, query: URLSearchParams): Args {
  const args: Args = {};
  for (const [k, v] of query) args[k] = v;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    if (!isObj(parsed)) throw new Error('JSON body must be an object');
    Object.assign(args, parsed);
  } else if (raw.length > 0) {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  }
  for (const key of Object.keys(args)) {
    const v = args[key];
    if (JSON_FIELDS.has(key) && typeof v === 'string') {
      if (v === '') {
        args[key] = undefined;
        continue;
      }
      try {
        args[key] = JSON.parse(v);
      } catch {
        // leave the raw string: the method answers invalid_*_format
      }
    }
  }
  return args;
}

function send(res: http.ServerResponse, reply: HttpReply, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...extraHeaders,
    ...reply.headers,
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
