/**
 * All configuration is read and checked here, once, at start. A missing or malformed value
 * stops the start with a message naming it, instead of failing later inside a Slack request.
 */

import { parseTokenKeys, type TokenKey } from './store/token-crypto';

export type Role = 'all' | 'web' | 'worker';

/**
 * Distribution mode: the app is installed in many workspaces through Slack's OAuth (`/slack/install`), each with
 * its own token kept in Redis, sealed with `tokenKeys`. Null in single-workspace mode (`SLACK_BOT_TOKEN`).
 */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the install's `state` (and its browser cookie): every replica needs the same one. */
  stateSecret: string;
  /** `SLACK_TOKEN_KEY`: the first key seals installations, every key opens them. */
  tokenKeys: TokenKey[];
  /** Slack's page that asks a person to allow the install: beside the Web API (`SLACK_API_URL`). */
  authorizeUrl: string;
}

export interface Config {
  slack: {
    /** The one workspace's bot token; undefined in distribution mode, where each workspace's comes from its install. */
    botToken: string | undefined;
    /** Required in HTTP mode, where every request's signature is verified with it. */
    signingSecret: string | null;
    /** When set, the app connects with Socket Mode instead of listening for HTTP requests. */
    appToken: string | null;
    /** Web API base URL, ending in `/` (GovSlack and the tests change it). */
    apiUrl: string;
  };
  /** The public port: Slack's requests on /slack/events (HTTP mode), and /healthz for a load balancer. */
  port: number;
  /** The private port of /healthz, /readyz and /metrics, in every mode: never put it behind the public address. */
  healthPort: number;
  /** Limits of the HTTP servers, so that clients that are not Slack cannot hold sockets and memory. */
  http: HttpLimits;
  redisUrl: string;
  /** Prefix of every Redis key the bot writes (its own keys and BullMQ's). */
  keyPrefix: string;
  /** Users who may manage schedules, besides workspace admins and owners. */
  admins: ReadonlySet<string>;
  contentDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  role: Role;
  /** Set in distribution mode (many workspaces); null for the one workspace of `SLACK_BOT_TOKEN`. */
  oauth: OAuthConfig | null;
  /** How fast the bot posts, per team: Slack allows about 1 post a second per channel inside a workspace-wide limit per minute. */
  pace: { perMinute: number; perSecond: number };
  /** Personal review: a card whose next interval passes this many days retires (and FSRS intervals stop there). */
  review: { horizonDays: number };
}

export interface HttpLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  requestTimeoutMs: number;
  /** Open connections at once; more are closed as they arrive. */
  maxConnections: number;
}

/** The default private port: the one OpenTelemetry's Prometheus exporter uses, unlikely to be taken. */
export const DEFAULT_HEALTH_PORT = 9464;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
const ROLES: Role[] = ['all', 'web', 'worker'];

/** The secrets `.env.example` holds example values for, which a copied `.env` still has until they are filled in. */
const SECRET_SETTINGS: readonly string[] = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_KEY'];

/** The settings that together turn on distribution mode. */
const OAUTH_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * An example value, not a secret: `xoxb-your-bot-token` (as in .env.example), `<your-token>`, `xoxb-…`, `changeme`.
 * Real tokens are letters, digits and dashes after their prefix and signing secrets are hex, so none looks like this.
 */
export function isPlaceholder(value: string): boolean {
  return /(^|[-_<])your[-_]/i.test(value) || /^<.*>$/.test(value) || /\.\.\.|…/.test(value) || /^(change-?me|todo|x{3,})$/i.test(value);
}

/** A setting's value: trimmed, null when empty, and null for a secret that still holds an example value. */
function setting(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  return SECRET_SETTINGS.includes(name) && isPlaceholder(value) ? null : value;
}

/** The line to print when secrets hold example values (they count as unset), or null when none does. */
export function placeholderNotice(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = SECRET_SETTINGS.filter((name) => env[name]?.trim() && setting(env, name) === null);
  if (!names.length) return null;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} still hold${names.length === 1 ? 's an example value' : ' example values'} (as in .env.example), so ${names.length === 1 ? 'it counts' : 'they count'} as unset: put your Slack app's values there to run in Slack (README, "Set it up in your workspace").`;
}

/**
 * The zero-config start: no Slack token at all (neither `SLACK_BOT_TOKEN` nor `SLACK_APP_TOKEN`, example values
 * counting as none), outside production. `npm start` then runs the bot against a local playground workspace
 * (dev/playground) instead of failing; a production process (`NODE_ENV=production`, as in the Docker image) still
 * stops with the message.
 */
export function isPlaygroundStart(env: NodeJS.ProcessEnv = process.env): boolean {
  const anyToken = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', ...OAUTH_SETTINGS].some((name) => setting(env, name));
  return !anyToken && env.NODE_ENV !== 'production';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const text = (name: string): string | null => setting(env, name);

  const clientId = text('SLACK_CLIENT_ID');
  const clientSecret = text('SLACK_CLIENT_SECRET');
  const stateSecret = text('SLACK_STATE_SECRET');
  const distributed = Boolean(clientId || clientSecret || stateSecret);

  const botToken = text('SLACK_BOT_TOKEN');
  if (distributed) {
    if (botToken) problems.push('SLACK_BOT_TOKEN must be empty in distribution mode (SLACK_CLIENT_ID and the rest set): each workspace\'s token comes from its install.');
  } else if (!botToken) problems.push('SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from your Slack app\'s "OAuth & Permissions" page).');
  else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-".');

  const appToken = text('SLACK_APP_TOKEN');
  if (appToken && !appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (Socket Mode).');
  if (appToken && distributed) problems.push('SLACK_APP_TOKEN must be empty in distribution mode: installs and events come over HTTP (SLACK_SIGNING_SECRET).');

  const signingSecret = text('SLACK_SIGNING_SECRET');
  if (!appToken && !signingSecret) {
    problems.push('SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode).');
  }

  let apiUrl = text('SLACK_API_URL') ?? 'https://slack.com/api/';
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl)) problems.push(`SLACK_API_URL must be an http(s) URL, got "${apiUrl}".`);
  if (!apiUrl.endsWith('/')) apiUrl += '/';

  const port = parsePort(text('PORT') ?? '3000', 'PORT', problems);
  const healthPort = parsePort(text('HEALTH_PORT') ?? String(DEFAULT_HEALTH_PORT), 'HEALTH_PORT', problems);
  const http: HttpLimits = {
    headersTimeoutMs: parseWhole(text('HTTP_HEADERS_TIMEOUT_MS') ?? '5000', 'HTTP_HEADERS_TIMEOUT_MS', 1, 600_000, problems),
    requestTimeoutMs: parseWhole(text('HTTP_REQUEST_TIMEOUT_MS') ?? '10000', 'HTTP_REQUEST_TIMEOUT_MS', 1, 600_000, problems),
    maxConnections: parseWhole(text('HTTP_MAX_CONNECTIONS') ?? '128', 'HTTP_MAX_CONNECTIONS', 1, 100_000, problems),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs) problems.push('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request).');

  const redisUrl = text('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://.');

  const keyPrefix = text('REDIS_KEY_PREFIX') ?? 'devops-quiz';
  if (!/^[A-Za-z0-9_-]+$/.test(keyPrefix)) problems.push('REDIS_KEY_PREFIX may only hold letters, digits, "-" and "_".');

  const admins = new Set<string>();
  for (const id of (text('QUIZ_ADMINS') ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (/^[UW][A-Z0-9]{2,}$/.test(id)) admins.add(id);
    else problems.push(`QUIZ_ADMINS holds "${id}", which is not a Slack user id (like U012ABCDEF).`);
  }

  const logLevel = (text('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

  const role = (text('ROLE') ?? 'all').toLowerCase() as Role;
  if (!ROLES.includes(role)) problems.push(`ROLE must be one of ${ROLES.join(', ')}.`);
  if (!appToken && role !== 'worker' && healthPort === port && port !== 0) {
    problems.push(`HEALTH_PORT must differ from PORT (both ${port}): PORT is public, /readyz and /metrics are not.`);
  }

  const perMinute = Number(text('SLACK_POSTS_PER_MINUTE') ?? '600');
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 10_000) problems.push('SLACK_POSTS_PER_MINUTE must be a whole number of posts per minute per workspace (1–10000).');
  const perSecond = Number(text('SLACK_POSTS_PER_CHANNEL_SECOND') ?? '1');
  if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > 100) problems.push('SLACK_POSTS_PER_CHANNEL_SECOND must be a whole number (1–100).');

  let oauth: OAuthConfig | null = null;
  if (distributed) {
    const missing = OAUTH_SETTINGS.filter((name) => !text(name));
    if (missing.length) problems.push(`Distribution mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together ("Basic Information" → "App Credentials"; the state secret is yours, e.g. openssl rand -hex 32): ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set.`);
    if (stateSecret && stateSecret.length < 32) problems.push('SLACK_STATE_SECRET must be at least 32 characters (e.g. openssl rand -hex 32): it signs every install link.');
    const keyText = text('SLACK_TOKEN_KEY');
    const parsed = keyText ? parseTokenKeys(keyText) : { problems: ['SLACK_TOKEN_KEY is not set: distribution mode keeps each workspace\'s token in Redis encrypted with it (a 32-byte key in base64: openssl rand -base64 32).'] };
    if ('problems' in parsed) problems.push(...parsed.problems);
    else if (clientId && clientSecret && stateSecret) {
      oauth = { clientId, clientSecret, stateSecret, tokenKeys: parsed.keys, authorizeUrl: beside(apiUrl, '../oauth/v2/authorize') };
    }
  }

  const horizonDays = parseWhole(text('REVIEW_HORIZON_DAYS') ?? '120', 'REVIEW_HORIZON_DAYS', 7, 365, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    slack: { botToken: botToken ?? undefined, signingSecret, appToken, apiUrl },
    port,
    healthPort,
    http,
    redisUrl,
    keyPrefix,
    admins,
    contentDir: text('CONTENT_DIR') ?? 'content',
    logLevel: logLevel as Config['logLevel'],
    role,
    oauth,
    pace: { perMinute, perSecond },
    review: { horizonDays },
  };
}

/** A URL relative to another (`https://slack.com/api/` → `https://slack.com/oauth/v2/authorize`); '' when it does not parse. */
function beside(base: string, relative: string): string {
  try {
    return new URL(relative, base).toString();
  } catch {
    return '';
  }
}

function parseWhole(value: string, name: string, min: number, max: number, problems: string[]): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
    return min;
  }
  return n;
}

function parsePort(value: string, name: string, problems: string[]): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number (0–65535), got "${value}".`);
    return 0;
  }
  return port;
}
