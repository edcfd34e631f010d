/**
 * Distribution mode under test: the real bot with Bolt's OAuth (no SLACK_BOT_TOKEN) against a local Slack holding
 * several workspaces, each installed through the real redirect flow (install page → Slack's authorize page → the
 * bot's redirect URL, with the state cookie), one driver per workspace.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type Bot, type BotOptions } from '../../src/bot';
import { deleteByPattern } from '../../src/store/redis';
import { LocalSlack, SlackDriver, type OAuthAppOptions, type RecordedCall } from '../../dev/local-slack';
import { FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix } from './bot-harness';

export const CLIENT_ID = '1234567890.0987654321';
export const CLIENT_SECRET = 'test-client-secret-0123456789abcdef';
export const STATE_SECRET = 'test-state-secret-0123456789abcdef-0123456789';

/** Two workspaces, each with an admin and a member in a channel of its own. */
export const TEAMS = {
  a: { id: 'T0AAAAAA1', name: 'Acme Ops', admin: 'UAADMIN01', member: 'UAMEMB001', channel: 'CAQUIZ001' },
  b: { id: 'T0BBBBBB2', name: 'Bravo Platform', admin: 'UBADMIN01', member: 'UBMEMB001', channel: 'CBQUIZ001' },
} as const;
export type TeamName = keyof typeof TEAMS;

/** A fresh SLACK_TOKEN_KEY entry: `id:base64`. */
export function tokenKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export interface InstallResult {
  /** The page the browser ends on, after the redirect back from Slack. */
  status: number;
  html: string;
}

export interface DistributedHarness {
  slack: LocalSlack;
  bot: Bot;
  prefix: string;
  redis: Redis;
  /** The public URL of the bot (install page, redirect, events). */
  baseUrl: string;
  driver(team: TeamName): SlackDriver;
  /** A driver for a workspace towards another bot instance (from `startAnother`). */
  driverFor(bot: Bot, team: TeamName): SlackDriver;
  /** Installs the app in a workspace through the browser flow; throws unless the install page says it worked. */
  install(team: TeamName): Promise<InstallResult>;
  /** The install page: the "Add to Slack" link (Slack's authorize URL with its state) and the state cookie. */
  installPage(): Promise<{ authorizeUrl: URL; cookie: string }>;
  /** Follows Slack's authorize page as the person who allows it, for a team: the redirect back to the bot. */
  allow(authorizeUrl: URL, team: TeamName): Promise<URL>;
  /** GETs a URL of the bot with an optional cookie, without following redirects. */
  get(url: URL | string, cookie?: string): Promise<{ status: number; text: string; headers: Headers }>;
  /** Another bot process-like instance on the same Redis prefix (e.g. with rotated SLACK_TOKEN_KEY). */
  startAnother(env?: Record<string, string>, options?: BotOptions): Promise<Bot>;
  stop(): Promise<void>;
}

/**
 * Starts the stand-in with both workspaces and an OAuth app, then the bot in distribution mode; the stand-in's
 * redirect URL is set to the bot's once it listens.
 */
export async function bootDistributedBot(opts: { oauth?: Partial<OAuthAppOptions>; env?: Record<string, string> } = {}): Promise<DistributedHarness> {
  const slack = new LocalSlack({ teamId: TEAMS.a.id, teamName: TEAMS.a.name, oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...opts.oauth } });
  await slack.start(0);
  slack.addTeam({ id: TEAMS.b.id, name: TEAMS.b.name });
  for (const t of Object.values(TEAMS)) {
    slack.addUser({ id: t.admin, name: `admin-${t.id.toLowerCase()}`, is_admin: true, tz: 'Europe/Berlin', team: t.id });
    slack.addUser({ id: t.member, name: `member-${t.id.toLowerCase()}`, team: t.id });
    slack.addChannel({ id: t.channel, name: 'devops-practice', members: [t.admin, t.member], team: t.id });
  }
  const prefix = uniquePrefix();
  const env = (extra: Record<string, string> = {}) => ({
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_TOKEN_KEY: tokenKey('first'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HEALTH_PORT: '0',
    CONTENT_DIR: FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
    ...opts.env,
    ...extra,
  });
  const quiet = createLogger('silent');
  const firstEnv = env();
  const bot = await startBot(loadConfig(firstEnv), { logger: quiet, shutdownGraceMs: 2000 });
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  slack.configureOAuth({ redirectUri: `${baseUrl}/slack/oauth_redirect` });
  const drivers = new Map<TeamName, SlackDriver>();
  const redis = new Redis(REDIS_URL);
  const others: Bot[] = [];

  const get = async (url: URL | string, cookie?: string) => {
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  const harness: DistributedHarness = {
    slack,
    bot,
    prefix,
    redis,
    baseUrl,
    driver(team) {
      let d = drivers.get(team);
      if (!d) {
        d = harness.driverFor(bot, team);
        drivers.set(team, d);
      }
      return d;
    },
    driverFor(target, team) {
      return new SlackDriver({ appUrl: `http://127.0.0.1:${target.port}/slack/events`, signingSecret: SIGNING_SECRET, slack, teamId: TEAMS[team].id, teamDomain: TEAMS[team].id.toLowerCase() });
    },
    async installPage() {
      const page = await get(`${baseUrl}/slack/install`);
      if (page.status !== 200) throw new Error(`install page answered ${page.status}`);
      const href = /<a href="([^"]+)"/.exec(page.text)?.[1];
      if (!href) throw new Error('install page has no link');
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
      return { authorizeUrl: new URL(href.replace(/&amp;/g, '&')), cookie };
    },
    async allow(authorizeUrl, team) {
      const url = new URL(authorizeUrl);
      url.searchParams.set('team', TEAMS[team].id);
      const res = await get(url);
      const location = res.headers.get('location');
      if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}: ${res.text}`);
      return new URL(location);
    },
    async install(team) {
      const { authorizeUrl, cookie } = await harness.installPage();
      const back = await harness.allow(authorizeUrl, team);
      const done = await get(back, cookie);
      if (done.status !== 200) throw new Error(`install of ${team} ended with ${done.status}: ${done.text}`);
      return { status: done.status, html: done.text };
    },
    get,
    async startAnother(extra = {}, options = {}) {
      const another = await startBot(loadConfig({ ...firstEnv, ...extra }), { logger: quiet, shutdownGraceMs: 2000, ...options });
      others.push(another);
      return another;
    },
    async stop() {
      await Promise.all([bot, ...others].map((b) => b.stop()));
      await deleteByPattern(redis, `${prefix}*`);
      await redis.quit();
      await slack.stop();
    },
  };
  return harness;
}

/** The team whose channel (or user) a recorded call is about, from the stand-in's own directory; null for none. */
export function teamOfCall(slack: LocalSlack, call: RecordedCall): string | null {
  const channel = typeof call.args.channel === 'string' ? call.args.channel : undefined;
  const user = typeof call.args.user === 'string' ? call.args.user : undefined;
  if (channel && slack.channels.get(channel)) return slack.channels.get(channel)!.team;
  if (channel && slack.users.get(channel)) return slack.users.get(channel)!.team_id;
  if (user && slack.users.get(user)) return slack.users.get(user)!.team_id;
  return null;
}
