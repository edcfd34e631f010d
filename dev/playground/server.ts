/**
 * The playground page's HTTP side, as Bolt custom routes on the bot's own receiver (one port: the page, its API,
 * `/slack/events`, `/healthz` and `/metrics` side by side).
 *
 *   GET  /                          the page (plain HTML/CSS/JS from ./public)
 *   GET  /playground/<asset>        app.js, app.css, favicon.svg
 *   GET  /playground/api/state      the channel, the DM with the bot or its Home tab (`view`), and an open thread, as
 *                                   one pretend user sees it, rendered to HTML
 *   GET  /playground/api/events     server-sent events: `change` whenever the workspace changed
 *   POST /playground/api/command    a slash command typed in the composer → signed, to /slack/events
 *   POST /playground/api/click      a button click (a message's, or on Home) → signed block_actions, to /slack/events
 *   POST /playground/api/message    a message typed in the composer (stored; the bot listens to no messages)
 *   POST /playground/api/home       the Home tab opened → signed app_home_opened, to /slack/events
 *   POST /playground/api/next-day   ⏩ Next day: the delayed jobs due by the end of the next day run now (./clock)
 *
 * Every request to the bot goes through `SlackDriver`, signed exactly as Slack signs, so the bot runs unchanged.
 * The page answers only this machine (loopback, and a `Host` of localhost, 127.0.0.1 or [::1] with its port, so a
 * rebound DNS name is refused) unless `allowRemote` is set; the POSTs take JSON from the page's own origin only, so
 * no other site's page can drive the developer's bot. What a user sees is built by ./state; the routes here take
 * requests and push `change` events.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { LocalSlack, SlackDriver } from '../local-slack';
import { encodeTyped, parseComposerInput } from './compose';
import { BodyError, crossSiteRefusal, isLocalHost, isLoopback, json, publicDir, readJson } from './http';
import type { Queue } from 'bullmq';
import { clickHomeButton } from '../local-slack/home-click';
import type { PlaygroundClock } from './clock';
import { playgroundState, type PlaygroundState, type PlaygroundView } from './state';
import { directoryOf, TEAMMATES } from './workspace';

export const COMMAND = '/devops-quiz';

export interface PlaygroundServerOptions {
  slack: LocalSlack;
  channelId: string;
  /** The signing driver; available once the bot listens (requests before that get 503). */
  driver: () => SlackDriver | null;
  /** Answer page API requests from other machines too (default: loopback only). */
  allowRemote?: boolean;
  /** The people the page can switch between (default: the three teammates). */
  people?: readonly string[];
  /** ⏩ Next day: the pretend day, and the bot's queues whose delayed jobs it runs (once the bot is up). */
  clock?: PlaygroundClock;
  queues?: () => readonly Queue[];
}

const VIEWS: readonly PlaygroundView[] = ['channel', 'dm', 'home'];

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export class PlaygroundServer {
  private readonly slack: LocalSlack;
  private readonly channelId: string;
  private readonly driver: () => SlackDriver | null;
  private readonly allowRemote: boolean;
  private readonly people: readonly string[];
  private readonly clock: PlaygroundClock | null;
  private readonly queues: () => readonly Queue[];
  private readonly clients = new Set<ServerResponse>();
  private version = 0;
  private pending: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(options: PlaygroundServerOptions) {
    this.slack = options.slack;
    this.channelId = options.channelId;
    this.driver = options.driver;
    this.allowRemote = options.allowRemote ?? false;
    this.people = options.people ?? TEAMMATES.map((t) => t.id);
    this.clock = options.clock ?? null;
    this.queues = options.queues ?? (() => []);
    this.unsubscribe = this.slack.onChange(() => this.changed());
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), 15_000);
    this.heartbeat.unref();
  }

  /** The routes to pass to `startBot(config, { customRoutes })`. */
  routes(): CustomRoute[] {
    const guard =
      (handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) =>
      (req: IncomingMessage, res: ServerResponse): void => {
        if (!this.allowRemote && (!isLoopback(req.socket.remoteAddress) || !isLocalHost(req.headers.host, req.socket.localPort))) {
          json(res, 403, { error: 'The playground answers only this machine, at http://localhost (set PLAYGROUND_ALLOW_REMOTE=1 to change that).' });
          return;
        }
        const refused = req.method === 'POST' ? crossSiteRefusal(req) : null;
        if (refused) return json(res, refused.status, { error: refused.error });
        Promise.resolve(handler(req, res)).catch((error: unknown) => {
          if (res.headersSent) res.end();
          else if (error instanceof BodyError) json(res, error.status, { error: error.message });
          else json(res, 500, { error: error instanceof Error ? error.message : String(error) });
        });
      };
    return [
      { path: '/', method: ['GET'], handler: guard((_req, res) => this.sendFile(res, 'index.html', 'text/html; charset=utf-8')) },
      {
        path: '/playground/:file',
        method: ['GET'],
        handler: guard((req, res) => {
          const file = (req as IncomingMessage & { params?: Record<string, string> }).params?.file ?? '';
          const type = ASSETS[file];
          if (!type) return json(res, 404, { error: 'not found' });
          this.sendFile(res, file, type);
        }),
      },
      { path: '/playground/api/state', method: ['GET'], handler: guard((req, res) => this.onState(req, res)) },
      { path: '/playground/api/events', method: ['GET'], handler: guard((req, res) => this.onEvents(req, res)) },
      { path: '/playground/api/command', method: ['POST'], handler: guard((req, res) => this.onCommand(req, res)) },
      { path: '/playground/api/click', method: ['POST'], handler: guard((req, res) => this.onClick(req, res)) },
      { path: '/playground/api/message', method: ['POST'], handler: guard((req, res) => this.onMessage(req, res)) },
      { path: '/playground/api/home', method: ['POST'], handler: guard((req, res) => this.onHomeOpened(req, res)) },
      { path: '/playground/api/next-day', method: ['POST'], handler: guard((req, res) => this.onNextDay(req, res)) },
    ];
  }

  /** Ends the event streams (they would keep the HTTP server from closing) and stops listening for changes. */
  close(): void {
    clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribe();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  /** What `userId` sees in the channel, their DM with the bot or its Home (`view`), and in the thread `threadTs` when one is open. */
  stateFor(userId: string, threadTs?: string, view: PlaygroundView = 'channel'): PlaygroundState {
    const clock = this.clock ? { day: this.clock.day, pretendNow: this.clock.pretendNow() } : undefined;
    return playgroundState({ slack: this.slack, channelId: this.channelId, people: this.people, version: this.version, clock }, userId, threadTs, view);
  }

  /** The conversation a request is about: the channel, or the user's DM with the bot (opened if need be). */
  private conversation(view: unknown, userId: string): string {
    return view === 'dm' ? this.slack.imFor(userId).id : this.channelId;
  }

  // ---------------------------------------------------------------- change events

  private changed(): void {
    this.version += 1;
    if (this.pending) return;
    // Coalesce a burst (a reveal is an update, a post and an ephemeral) into one page refresh.
    this.pending = setTimeout(() => {
      this.pending = null;
      this.broadcast(`event: change\ndata: ${this.version}\n\n`);
    }, 20);
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }

  private onEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 1000\n\nevent: change\ndata: ${this.version}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  // ---------------------------------------------------------------- handlers

  private sendFile(res: ServerResponse, file: string, type: string): void {
    const body = fs.readFileSync(path.join(publicDir(), file));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-length': body.length });
    res.end(body);
  }

  private person(value: unknown): string | null {
    const id = text(value);
    return this.people.includes(id) ? id : null;
  }

  private onState(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const me = this.person(url.searchParams.get('as')) ?? this.people[0];
    const view = VIEWS.find((v) => v === url.searchParams.get('view')) ?? 'channel';
    json(res, 200, this.stateFor(me, url.searchParams.get('thread') || undefined, view));
  }

  private requireDriver(res: ServerResponse): SlackDriver | null {
    const driver = this.driver();
    if (!driver) json(res, 503, { error: 'The bot is still starting.' });
    return driver;
  }

  private async onCommand(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const userId = this.person(body.as);
    if (!userId) return json(res, 400, { error: 'Pick one of the pretend users.' });
    if (text(body.threadTs)) return json(res, 400, { error: `${COMMAND} is not supported in threads. Sorry!` });
    const input = parseComposerInput(text(body.text));
    if (input.kind !== 'command') return json(res, 400, { error: 'Not a slash command.' });
    if (input.command !== COMMAND) return json(res, 400, { error: `${input.command} is not a valid command. In this workspace, the app has ${COMMAND}.` });
    const driver = this.requireDriver(res);
    if (!driver) return;
    const sentText = encodeTyped(input.text, directoryOf(this.slack));
    const sent = await driver.command({ command: COMMAND, text: sentText, userId, channelId: this.conversation(body.view, userId) });
    if (sent.status !== 200) return json(res, 502, { error: `${COMMAND} failed with the error "dispatch_failed" (HTTP ${sent.status})`, sentText });
    // An ack with a body is shown like a response (Slack shows it to the one who typed the command).
    const ackBody = typeof sent.body === 'object' && sent.body !== null ? sent.body : sent.text.trim() ? { text: sent.text } : null;
    if (ackBody) await fetch(sent.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ackBody) });
    json(res, 200, { ok: true, sentText, form: sent.form });
  }

  private async onClick(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const userId = this.person(body.as);
    if (!userId) return json(res, 400, { error: 'Pick one of the pretend users.' });
    const ts = text(body.ts);
    const actionId = text(body.actionId);
    const blockId = text(body.blockId) || undefined;
    const driver = this.requireDriver(res);
    if (!driver) return;
    let sent;
    try {
      sent = body.view === 'home' ? await clickHomeButton(driver, { userId, actionId, blockId }) : await driver.clickButton({ userId, channelId: this.conversation(body.view, userId), ts, actionId, blockId });
    } catch {
      // The message or its button is gone (deleted, or replaced by an update) since the page drew it.
      return json(res, 409, { error: 'That button is gone: the message changed.' });
    }
    if (sent.status !== 200) return json(res, 502, { error: `The app did not accept the click (HTTP ${sent.status}).` });
    json(res, 200, { ok: true });
  }

  private async onMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const userId = this.person(body.as);
    if (!userId) return json(res, 400, { error: 'Pick one of the pretend users.' });
    const input = parseComposerInput(text(body.text));
    if (input.kind !== 'message') return json(res, 400, { error: 'Nothing to send.' });
    const threadTs = text(body.threadTs) || undefined;
    const channelId = this.conversation(body.view, userId);
    if (threadTs && !this.slack.message(channelId, threadTs)) return json(res, 409, { error: 'That thread is gone.' });
    const stored = this.slack.postUserMessage(channelId, userId, encodeTyped(input.text, directoryOf(this.slack)), threadTs);
    json(res, 200, { ok: true, ts: stored.ts });
  }

  /** The Home tab opened: Slack tells the app (with the view it shows, once there is one), and the app publishes. */
  private async onHomeOpened(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const userId = this.person(body.as);
    if (!userId) return json(res, 400, { error: 'Pick one of the pretend users.' });
    const driver = this.requireDriver(res);
    if (!driver) return;
    const published = this.slack.homeViews.get(userId);
    const sent = await driver.event({ type: 'app_home_opened', user: userId, channel: this.slack.imFor(userId).id, tab: 'home', ...(published ? { view: published.view } : {}) });
    if (sent.status !== 200) return json(res, 502, { error: `The app did not accept app_home_opened (HTTP ${sent.status}).` });
    json(res, 200, { ok: true });
  }

  private async onNextDay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readJson(req);
    if (!this.clock) return json(res, 404, { error: 'This playground has no clock.' });
    if (!this.requireDriver(res)) return;
    const result = await this.clock.nextDay(this.queues());
    this.changed();
    json(res, 200, { ok: true, ...result });
  }
}
