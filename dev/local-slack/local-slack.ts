/**
 * LocalSlack: an in-memory stand-in for the Slack Web API and for `response_url`s, served over real HTTP on
 * 127.0.0.1, so that a real Bolt `App` / `WebClient` can talk to it unchanged (`clientOptions.slackApiUrl`).
 *
 * Web API:      POST http://127.0.0.1:<port>/api/<method>   (form-encoded or JSON, `Authorization: Bearer xoxb-…`)
 * response_url: POST http://127.0.0.1:<port>/response/<id>  (JSON, as Bolt's `respond()` sends it)
 *
 * Answers like Slack: HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`, 429 with `Retry-After`.
 * This file is the lifecycle and the way of a Web API call (token, scripted fault, rate limit, method, record);
 * the workspace's state is ./workspace, the methods are ./methods, response_urls ./response-url.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CallRecorder, ChangeFeed } from './calls';
import { Faults } from './faults';
import { HttpReply, parseArgs, readBody, send } from './http';
import { METHODS } from './methods';
import { OAuthServer } from './oauth';
import { ResponseUrls } from './response-url';
import type {
  ApiResult,
  Args,
  FaultOutcome,
  LocalSlackChange,
  LocalSlackOptions,
  MethodHandler,
  OAuthAppOptions,
  RateLimitConfig,
  RecordedCall,
  RecordedResponse,
  ResponseUrlOptions,
  ResponseUrlRecord,
  StoredMessage,
} from './types';
import { isObj, str } from './values';
import { Workspace } from './workspace';

export class LocalSlack extends Workspace {
  private readonly validTokens?: Set<string>;
  private readonly scopes: string[];
  private readonly recorder = new CallRecorder();
  private readonly changes = new ChangeFeed();
  private readonly faults: Faults;
  private readonly responseUrls: ResponseUrls;
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly oauth: OAuthServer;
  private readonly homeTeam: string;
  private server: http.Server | undefined;
  private port = 0;

  constructor(options: LocalSlackOptions = {}) {
    super(options);
    this.validTokens = options.validTokens ? new Set(options.validTokens) : undefined;
    this.scopes = options.scopes ?? ['chat:write', 'chat:write.public', 'commands', 'users:read', 'channels:history'];
    this.faults = new Faults(this.now);
    this.responseUrls = new ResponseUrls(this, this.faults, this.changes, () => this.baseUrl, options);
    this.homeTeam = this.team.id;
    this.oauth = new OAuthServer(this, () => this.homeTeam, this.now, options.oauth);
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
    this.faults.stop();
    this.recorder.stop();
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

  /** Clears messages, ephemerals, calls, responses, warnings, faults and rate limits; keeps users/channels. */
  reset(): void {
    this.clearMessages();
    this.recorder.clear();
    this.responseUrls.clear();
    this.faults.clear();
    this.faults.clearRateLimits();
  }

  // ---------------------------------------------------------------- calls, changes, faults

  /** Every Web API call, in arrival order. */
  get calls(): RecordedCall[] {
    return this.recorder.calls;
  }

  callsTo(method: string): RecordedCall[] {
    return this.recorder.callsTo(method);
  }

  clearCalls(): void {
    this.recorder.clear();
  }

  /** See {@link CallRecorder.waitFor}. */
  waitFor(predicate: string | ((c: RecordedCall) => boolean), opts: { count?: number; timeoutMs?: number } = {}): Promise<RecordedCall[]> {
    return this.recorder.waitFor(predicate, opts);
  }

  /**
   * Calls `listener` after every answered Web API call or response_url post that succeeded, and after
   * `postUserMessage` (the playground pushes page updates from it). Returns the unsubscribe function.
   */
  onChange(listener: (change: LocalSlackChange) => void): () => void {
    return this.changes.subscribe(listener);
  }

  /**
   * Stores a message typed by a person (the playground's composer). No event is sent to the app: the bot
   * subscribes to none.
   */
  postUserMessage(channelId: string, userId: string, text: string, threadTs?: string): StoredMessage {
    const msg = this.storeUserMessage(channelId, userId, text, threadTs);
    this.changes.emit({ source: 'user_message', channel: channelId });
    return msg;
  }

  /** The next `times` calls to `method` (or `'response_url'`) get `outcome` instead of (or, for delay/drop, besides) normal handling. */
  failNext(method: string, outcome: FaultOutcome, times = 1): void {
    this.faults.failNext(method, outcome, times);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Rate-limits chat.postMessage (429 + Retry-After), each team by its own count. `undefined` removes the limits. */
  setRateLimit(config: RateLimitConfig | undefined): void {
    this.faults.setRateLimit(config);
  }

  /** Every chat.postMessage of `team` answers 429 with this Retry-After (seconds); `undefined` stops it. */
  rateLimitTeam(team: string, retryAfterSeconds: number | undefined): void {
    this.teamById(team);
    this.faults.rateLimitTeam(team, retryAfterSeconds);
  }

  // ---------------------------------------------------------------- OAuth and tokens (./oauth.ts)

  /** Sets the app's OAuth settings (client id and secret, redirect URL, token rotation); merges with earlier ones. */
  configureOAuth(app: Partial<OAuthAppOptions>): void {
    this.oauth.configure(app);
  }

  /** `http://127.0.0.1:<port>/oauth/v2/authorize`: where an app's install page sends the browser. */
  get authorizeUrl(): string {
    return `${this.baseUrl}/oauth/v2/authorize`;
  }

  /** Tokens issued to a team (installs and refreshes), oldest first. */
  tokensOf(team: string): Array<{ token: string; expiresAt: number | null; revoked: boolean }> {
    return this.oauth.tokensOf(team).map(({ token, expiresAt, revoked }) => ({ token, expiresAt, revoked }));
  }

  /** A bot token of the team without an install (`ttlSeconds` for one that expires). */
  issueToken(team: string, ttlSeconds: number | null = null): string {
    this.teamById(team);
    return this.oauth.issue(team, ttlSeconds);
  }

  /** Revokes every token of the team, as uninstalling the app does. */
  revokeTokens(team: string): void {
    this.oauth.revokeAll(team);
  }

  /** Adds or overrides a Web API method. */
  handle(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  // ---------------------------------------------------------------- response_urls

  /**
   * Mints `http://127.0.0.1:<port>/response/<id>`. Pass the interaction's user and channel (and the message it was on)
   * so that ephemeral / replace / delete responses can be applied.
   */
  responseUrl(opts: string | ResponseUrlOptions = {}): string {
    return this.responseUrls.mint(opts);
  }

  responseUrlInfo(idOrUrl: string): ResponseUrlRecord | undefined {
    return this.responseUrls.info(idOrUrl);
  }

  /** Every POST to a response_url, accepted or refused. */
  get responses(): RecordedResponse[] {
    return this.responseUrls.responses;
  }

  /** Responses posted to one response_url (by id or full URL), or all. */
  responsesTo(idOrUrl?: string): RecordedResponse[] {
    return this.responseUrls.responsesTo(idOrUrl);
  }

  // ---------------------------------------------------------------- one request

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      return this.onApiCall(method, url, raw, req, res);
    }
    if (url.pathname === '/oauth/v2/authorize' && req.method === 'GET') return send(res, this.oauth.authorize(url));
    if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      return this.responseUrls.handle(decodeURIComponent(url.pathname.slice('/response/'.length)), raw, req, res);
    }
    send(res, new HttpReply(404, { ok: false, error: 'not_found' }));
  }

  private async onApiCall(method: string, url: URL, raw: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
      this.recorder.notify();
      if (call.outcome === 'ok' || call.outcome === 'dropped') this.changes.emit({ source: method, channel: str(call.args.channel) });
    };

    let args: Args;
    try {
      args = parseArgs(raw, contentType, url.searchParams);
    } catch {
      this.recorder.record(call);
      return finish(new HttpReply(200, { ok: false, error: 'invalid_json' }));
    }
    const auth = String(req.headers.authorization ?? '');
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const token = bearer ?? str(args.token);
    delete args.token;
    // The app's client secret is not kept in the record.
    const clientSecret = args.client_secret;
    delete args.client_secret;
    call.args = args;
    call.token = token;
    this.recorder.record(call);

    // oauth.v2.access is authenticated by the app's client id and secret, not by a token.
    const isOAuth = method === 'oauth.v2.access';
    if (!isOAuth) {
      if (!token) return finish(new HttpReply(200, { ok: false, error: 'not_authed' }));
      const issued = this.oauth.lookup(token);
      if (issued?.revoked) return finish(new HttpReply(200, { ok: false, error: 'token_revoked' }));
      if (issued?.expiresAt != null && issued.expiresAt <= this.now()) return finish(new HttpReply(200, { ok: false, error: 'token_expired' }));
      const tokenOk = issued !== undefined || (this.validTokens ? this.validTokens.has(token) : token.startsWith('xoxb-'));
      if (!tokenOk) return finish(new HttpReply(200, { ok: false, error: 'invalid_auth' }));
      call.team = issued?.team ?? this.homeTeam;
      // Another team's channel or user is not there for this token, as on Slack.
      const foreign = this.foreignTo(call.team, args);
      if (foreign) return finish(new HttpReply(200, { ok: false, error: foreign }));
    }

    const fault = this.faults.take(method);
    if (fault && 'delayMs' in fault && fault.delayMs) {
      // A stalled call is already visible to waitFor (outcome `pending`), as it is to someone watching Slack's logs.
      this.recorder.notify();
      await this.faults.sleep(fault.delayMs);
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
      const limited = this.faults.checkRateLimit(args, call.team!);
      if (limited) return finish(limited);
    }

    let result: ApiResult;
    try {
      if (isOAuth) result = this.oauth.access({ ...args, client_secret: clientSecret }, req.headers.authorization);
      else {
        // Methods are synchronous: while this one runs, the workspace acts as the token's team and its bot.
        this.acting = this.teamById(call.team!);
        result = this.dispatch(method, args, token!);
      }
    } catch (e) {
      result = { ok: false, error: 'internal_error', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      this.acting = null;
    }
    if (fault && 'dropAfterStore' in fault && fault.dropAfterStore) return finish('drop');
    return finish(new HttpReply(200, result));
  }

  /** The error for a call whose `channel` or `user` belongs to another team than the token's, or null. */
  private foreignTo(team: string, args: Args): string | null {
    const channel = str(args.channel);
    const user = str(args.user);
    const ch = channel ? this.channels.get(channel) : undefined;
    if (ch && ch.team !== team) return 'channel_not_found';
    const asUser = channel ? this.users.get(channel) : undefined;
    if (asUser && asUser.team_id !== team) return 'channel_not_found';
    const u = user ? this.users.get(user) : undefined;
    if (u && u.team_id !== team) return 'user_not_found';
    return null;
  }

  private dispatch(method: string, args: Args, token: string): ApiResult {
    const custom = this.handlers.get(method);
    if (custom) return { ...custom(args, { token, method }) };
    const builtin = METHODS.get(method);
    return builtin ? builtin(this, args) : { ok: false, error: 'unknown_method', req_method: method };
  }
}
