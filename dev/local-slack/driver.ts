/**
 * SlackDriver: plays Slack's side towards the app. Sends correctly signed slash commands, block_actions and Events
 * API callbacks to the app's request URL (`/slack/events`), with the exact content types Slack uses, and mints
 * response_urls from the `LocalSlack` stand-in so that the app's answers land there.
 */
import { randomBytes } from 'node:crypto';

import { findActionElement } from './blocks';
import { openHomeTab, useHomeControl, type HomeActionInput, type SentHomeAction } from './home';
import { nowSeconds, signRequest } from './signing';
import { directoryOf, encodeTyped } from './typed-text';
import type { StoredMessage } from './types';
import type { LocalSlack } from './local-slack';

export interface SlackDriverOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  appUrl: string;
  signingSecret: string;
  slack: LocalSlack;
  /** Default: `slack.team.id`. */
  teamId?: string;
  /** Default: `slack.team.domain`. */
  teamDomain?: string;
  /** Default: `slack.appId`. */
  apiAppId?: string;
  /** Legacy verification token put into payloads (Bolt ignores it). */
  verificationToken?: string;
}

export interface SendOptions {
  /** `valid` (default), `bad` (signed with a wrong secret), or `none` (no signature/timestamp headers). */
  signature?: 'valid' | 'bad' | 'none';
  /** Request timestamp in Unix seconds. Default now. */
  timestamp?: number;
  /** Shortcut: timestamp = now − ageSeconds (e.g. 360 for a stale 6-minute-old request). */
  ageSeconds?: number;
  /** Adds `X-Slack-Retry-Num` (and `X-Slack-Retry-Reason`, default `http_timeout`). */
  retryNum?: number;
  retryReason?: string;
  /** Override the content type (e.g. to test `; charset=utf-8` → 400). */
  contentType?: string;
  headers?: Record<string, string>;
  /** Abort the request after this long (default 10 s). */
  timeoutMs?: number;
}

export interface DriverResponse {
  status: number;
  /** Parsed JSON when the body is JSON, else the text ('' when empty). */
  body: unknown;
  text: string;
  headers: Record<string, string>;
}

export interface CommandInput extends SendOptions {
  /** Default `/devops-quiz`. */
  command?: string;
  /**
   * The command's text exactly as Slack delivers it: `&`, `<`, `>` already escaped (`&amp;`, `&lt;`, `&gt;`),
   * members as `<@U…|name>`. Sent as given, so a test can send any wire text; prefer `typed`.
   */
  text?: string;
  /** What the person typed after the command; sent as Slack sends it (escaped, @members resolved). Wins over `text`. */
  typed?: string;
  userId: string;
  channelId: string;
  userName?: string;
  channelName?: string;
  /** Default: minted from LocalSlack for this user and channel. */
  responseUrl?: string;
  /** Default: a fresh one in Slack's format (the stand-in emulates no modals, so nothing redeems it). */
  triggerId?: string;
  apiAppId?: string;
  enterpriseId?: string;
}

export interface BlockActionInput extends SendOptions {
  userId: string;
  channelId: string;
  /** The message the action happened on; for non-ephemeral messages it is sent as `message`. */
  message: Partial<StoredMessage> & { ts: string; thread_ts?: string; blocks?: unknown[] };
  actionId: string;
  value?: string;
  blockId?: string;
  /** Default `button`. */
  actionType?: string;
  /** Button text (plain_text object) as Slack echoes it. */
  text?: Record<string, unknown>;
  /** Merged over the default container. */
  container?: Record<string, unknown>;
  isEphemeral?: boolean;
  responseUrl?: string;
  triggerId?: string;
  /** Extra fields merged into the action object (e.g. `selected_option`). */
  actionExtra?: Record<string, unknown>;
}

export interface ClickButtonInput extends SendOptions {
  userId: string;
  channelId: string;
  ts: string;
  actionId: string;
  /** The block the button is in, when the same action id appears in several blocks. */
  blockId?: string;
}

export interface EventOptions extends SendOptions {
  /** Default: a fresh `Ev…` id; reuse one to simulate a redelivery. */
  eventId?: string;
  eventTime?: number;
  /** Merged over the envelope. */
  envelope?: Record<string, unknown>;
}

export type SentCommand = DriverResponse & { responseUrl: string; triggerId: string; form: Record<string, string> };
export type SentAction = DriverResponse & { responseUrl: string; triggerId: string; payload: Record<string, unknown> };
export type SentEvent = DriverResponse & { eventId: string; envelope: Record<string, unknown> };

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

export class SlackDriver {
  readonly appUrl: string;
  readonly slack: LocalSlack;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly apiAppId: string;
  private readonly signingSecret: string;
  private readonly verificationToken: string;
  private counter = 0;
  private lastActionMicros = 0;

  constructor(options: SlackDriverOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.slack = options.slack;
    this.teamId = options.teamId ?? options.slack.team.id;
    this.teamDomain = options.teamDomain ?? options.slack.team.domain;
    this.apiAppId = options.apiAppId ?? options.slack.appId;
    this.verificationToken = options.verificationToken ?? 'verification-token-unused';
  }

  /** A slash command, as Slack sends it: form fields, `application/x-www-form-urlencoded`. */
  async command(input: CommandInput): Promise<SentCommand> {
    const responseUrl = input.responseUrl ?? this.slack.responseUrl({ userId: input.userId, channelId: input.channelId });
    const triggerId = input.triggerId ?? this.triggerId();
    const form: Record<string, string> = {
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: input.channelId,
      channel_name: input.channelName ?? this.channelName(input.channelId),
      user_id: input.userId,
      user_name: input.userName ?? this.userName(input.userId),
      command: input.command ?? '/devops-quiz',
      text: input.typed !== undefined ? encodeTyped(input.typed, directoryOf(this.slack)) : (input.text ?? ''),
      api_app_id: input.apiAppId ?? this.apiAppId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    if (input.enterpriseId) {
      form.enterprise_id = input.enterpriseId;
      form.enterprise_name = input.enterpriseId;
    }
    const body = new URLSearchParams(form).toString();
    const res = await this.post(body, FORM, input);
    return { ...res, responseUrl, triggerId, form };
  }

  /** A `block_actions` interaction: form field `payload` holding JSON. */
  async blockAction(input: BlockActionInput): Promise<SentAction> {
    const isEphemeral = input.isEphemeral ?? false;
    const msg = input.message;
    const responseUrl =
      input.responseUrl ??
      this.slack.responseUrl({
        userId: input.userId,
        channelId: input.channelId,
        messageTs: msg.ts,
        isEphemeral,
        threadTs: msg.thread_ts,
      });
    const triggerId = input.triggerId ?? this.triggerId();
    const container: Record<string, unknown> = {
      type: 'message',
      message_ts: msg.ts,
      channel_id: input.channelId,
      is_ephemeral: isEphemeral,
      ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}),
      ...(input.container ?? {}),
    };
    const userName = this.userName(input.userId);
    const action: Record<string, unknown> = {
      action_id: input.actionId,
      block_id: input.blockId ?? this.blockIdFor(msg.blocks, input.actionId) ?? 'block',
      ...(input.text ? { text: input.text } : {}),
      ...(input.value !== undefined ? { value: input.value } : {}),
      type: input.actionType ?? 'button',
      action_ts: this.actionTs(),
      ...(input.actionExtra ?? {}),
    };
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user: { id: input.userId, username: userName, name: userName, team_id: this.teamId },
      api_app_id: this.apiAppId,
      token: this.verificationToken,
      container,
      trigger_id: triggerId,
      team: { id: this.teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: input.channelId, name: this.channelName(input.channelId) },
      ...(isEphemeral ? {} : { message: JSON.parse(JSON.stringify(msg)) as unknown }),
      state: { values: {} },
      response_url: responseUrl,
      actions: [action],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await this.post(body, FORM, input);
    return { ...res, responseUrl, triggerId, payload };
  }

  /**
   * Clicks a button on a message stored in LocalSlack (channel message or one of the user's ephemerals): sends the
   * button's real `value`, `block_id` and `text`. Throws when the message or the button does not exist.
   */
  async clickButton(input: ClickButtonInput): Promise<SentAction> {
    const { userId, channelId, ts, actionId, blockId, ...send } = input;
    const stored = this.slack.message(channelId, ts);
    const ephemeral = stored
      ? undefined
      : this.slack.ephemeralsFor(userId, { channelId }).find((e) => e.message_ts === ts);
    if (!stored && !ephemeral) {
      throw new Error(`SlackDriver.clickButton: no message ${ts} in ${channelId} (nor an ephemeral for ${userId})`);
    }
    const blocks = (stored ? stored.blocks : ephemeral?.blocks) ?? [];
    const inBlock = blockId ? blocks.find((b) => b.block_id === blockId) : undefined;
    const found = (inBlock && findActionElement([inBlock], actionId)) || findActionElement(blocks, actionId);
    if (!found) throw new Error(`SlackDriver.clickButton: no element with action_id ${actionId} on message ${ts}`);
    if (found.element.type !== 'button') {
      throw new Error(`SlackDriver.clickButton: ${actionId} is a ${String(found.element.type)}, not a button`);
    }
    const message = stored ?? { ts, thread_ts: ephemeral?.thread_ts, blocks, text: ephemeral?.text };
    return this.blockAction({
      ...send,
      userId,
      channelId,
      message,
      actionId,
      value: typeof found.element.value === 'string' ? found.element.value : undefined,
      blockId: found.blockId,
      text: found.element.text as Record<string, unknown> | undefined,
      isEphemeral: !stored,
    });
  }

  /** An Events API `event_callback` (JSON). `event` is the inner event (`{ type: 'app_mention', … }`). */
  async event(event: Record<string, unknown>, opts: EventOptions = {}): Promise<SentEvent> {
    const eventId = opts.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}${this.next()}`;
    const eventTime = opts.eventTime ?? nowSeconds();
    const inner: Record<string, unknown> = { event_ts: `${eventTime}.${this.micro()}`, ...event };
    const envelope: Record<string, unknown> = {
      token: this.verificationToken,
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.apiAppId,
      event: inner,
      type: 'event_callback',
      event_id: eventId,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.slack.teams.get(this.teamId)?.botUserId ?? this.slack.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(12).toString('base64url')}`,
      ...(opts.envelope ?? {}),
    };
    const res = await this.post(JSON.stringify(envelope), JSON_TYPE, opts);
    return { ...res, eventId, envelope };
  }

  /** The person opens their App Home tab (`app_home_opened`, tab `home`); see ./home.ts. */
  openHome(userId: string, opts: SendOptions = {}): Promise<SentEvent> {
    return openHomeTab(this, this.slack, userId, opts);
  }

  /** Uses a button, select or date picker on the person's published Home; see ./home.ts. */
  homeAction(input: HomeActionInput): Promise<SentHomeAction> {
    return useHomeControl(this, this.slack, input);
  }

  /** `url_verification` handshake. */
  urlVerification(challenge = 'challenge-token', opts: SendOptions = {}): Promise<DriverResponse> {
    return this.post(JSON.stringify({ token: this.verificationToken, challenge, type: 'url_verification' }), JSON_TYPE, opts);
  }

  /** Sends `body` exactly as given, signed over those bytes (unless `signature: 'none'`). */
  async post(body: string, contentType: string, opts: SendOptions = {}): Promise<DriverResponse> {
    const timestamp = opts.timestamp ?? nowSeconds() - (opts.ageSeconds ?? 0);
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? contentType };
    const signature = opts.signature ?? 'valid';
    if (signature !== 'none') {
      const secret = signature === 'bad' ? `${this.signingSecret}-wrong` : this.signingSecret;
      Object.assign(headers, signRequest(secret, body, timestamp));
    }
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    }
    headers['user-agent'] = 'Slackbot 1.0 (+https://api.slack.com/robots)';
    Object.assign(headers, opts.headers ?? {});
    const res = await fetch(this.appUrl, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    const type = res.headers.get('content-type') ?? '';
    if (text.length > 0 && (type.includes('json') || /^[[{]/.test(text.trim()))) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed, text, headers: Object.fromEntries(res.headers.entries()) };
  }

  private userName(userId: string): string {
    return this.slack.users.get(userId)?.name ?? userId.toLowerCase();
  }

  private channelName(channelId: string): string {
    const c = this.slack.channels.get(channelId);
    if (!c) return channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase();
    return c.is_im ? 'directmessage' : c.name;
  }

  private blockIdFor(blocks: unknown, actionId: string): string | undefined {
    return findActionElement(blocks, actionId)?.blockId;
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** `<seconds>.<counter>.<hex>`, the shape of Slack's trigger_ids. */
  private triggerId(): string {
    return `${nowSeconds()}.${String(this.next()).padStart(6, '0')}.${randomBytes(8).toString('hex')}`;
  }

  private micro(): string {
    return String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  }

  /** Like Slack's: the click's time in microseconds, so later clicks have later action_ts (the app orders them so). */
  private actionTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastActionMicros + 1);
    this.lastActionMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }
}
