/**
 * The first start as a new user makes it, through the real entry point (`src/index.ts` as a process): `.env.example`
 * copied as it is, a token Slack refuses, a Slack it cannot reach, a port already taken. Each start says which
 * setting to check, and a start that fails on Slack's side leaves no key in Redis.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseEnv } from 'node:util';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix } from '../support/bot-harness';
import { getFreePort, LocalSlack } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';

const ROOT = path.resolve(__dirname, '../..');
// Each case starts src/index.ts through ts-node, several seconds on a busy machine.
jest.setTimeout(90_000);
const GOOD_TOKEN = 'xoxb-start-test-good';

let slack: LocalSlack;
let redis: Redis;
const prefixes: string[] = [];
const servers: http.Server[] = [];
const bots: BotProcess[] = [];

beforeAll(async () => {
  slack = new LocalSlack({ validTokens: [GOOD_TOKEN] });
  await slack.start(0);
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop('SIGKILL')));
  for (const s of servers) s.close();
  for (const p of prefixes) await deleteByPattern(redis, `${p}*`);
  await redis.quit();
  await slack.stop();
});

function prefix(): string {
  const p = uniquePrefix();
  prefixes.push(p);
  return p;
}

/** Starts the bot with these settings and expects it to exit; returns its output. */
async function failedStart(env: Record<string, string>): Promise<string> {
  const bot = new BotProcess({ REDIS_URL, CONTENT_DIR: FIXTURE_PACKS, ...env });
  bots.push(bot);
  await expect(bot.start()).rejects.toThrow(/bot exited during start/);
  const { code } = await bot.stop();
  expect(code).toBe(1);
  return bot.output;
}

/** A port some other program listens on (it answers HTTP, so that waiting for the bot's /healthz does not hang). */
async function takenPort(): Promise<number> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return (server.address() as AddressInfo).port;
}

const keysUnder = async (p: string) => (await redis.keys(`${p}*`)).length;

test('.env.example copied as it is: its example tokens count as unset, with a line saying so, and the playground starts', async () => {
  const example = parseEnv(fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8'));
  expect(example.SLACK_BOT_TOKEN).toMatch(/^xoxb-/); // the trap: a token-shaped example value
  const bot = new BotProcess({ ...(example as Record<string, string>), REDIS_URL, REDIS_KEY_PREFIX: prefix(), CONTENT_DIR: FIXTURE_PACKS });
  bots.push(bot);
  await bot.start();
  expect(bot.output).toContain('SLACK_BOT_TOKEN and SLACK_APP_TOKEN still hold example values (as in .env.example), so they count as unset');
  expect(bot.output).toContain('No Slack tokens set: DevOps Quiz runs in a local playground workspace');
  // The banner names what README's set-up uses: Socket Mode's two tokens.
  expect(bot.output).toContain('To run in Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (Socket Mode; README, "Set it up in your workspace")');
  expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('## Set it up in your workspace');
  expect(bot.output).not.toMatch(/fetch failed|request error/i);
  expect((await bot.stop()).code).toBe(0);
});

test('a token Slack refuses: the start names SLACK_BOT_TOKEN and leaves no key in Redis', async () => {
  const p = prefix();
  const output = await failedStart({ SLACK_BOT_TOKEN: 'xoxb-start-test-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, REDIS_KEY_PREFIX: p });
  expect(output).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again');
  expect(output).not.toContain('xoxb-start-test-revoked');
  expect(await keysUnder(p)).toBe(0);
});

test('a Slack it cannot reach: the start names SLACK_API_URL and the network, and leaves no key in Redis', async () => {
  const p = prefix();
  const closed = await getFreePort();
  const apiUrl = `http://127.0.0.1:${closed}/api/`;
  const output = await failedStart({ SLACK_BOT_TOKEN: GOOD_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, REDIS_KEY_PREFIX: p });
  expect(output).toContain(`Could not reach Slack at ${apiUrl} (ECONNREFUSED) to check SLACK_BOT_TOKEN. Check SLACK_API_URL (unset means https://slack.com/api/), then the network`);
  expect(output).not.toContain('A request error occurred');
  expect(await keysUnder(p)).toBe(0);
});

test('Socket Mode with an app token Slack refuses: the start names SLACK_APP_TOKEN', async () => {
  const output = await failedStart({ SLACK_BOT_TOKEN: GOOD_TOKEN, SLACK_APP_TOKEN: 'xapp-1-start-test-bad', SLACK_API_URL: slack.apiUrl, REDIS_KEY_PREFIX: prefix() });
  expect(output).toContain('Slack refused SLACK_APP_TOKEN (invalid_auth): generate an app-level token (xapp-…) with connections:write');
});

test('a port already taken names the port and the setting that moves it: PORT for the bot and the playground, HEALTH_PORT for a worker', async () => {
  const port = await takenPort();
  const bot = await failedStart({ SLACK_BOT_TOKEN: GOOD_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, REDIS_KEY_PREFIX: prefix(), PORT: String(port) });
  expect(bot).toContain(`Port ${port} is already in use (another DevOps Quiz, or another program, listens on it): set PORT to a free port, e.g. PORT=${port + 1} npm start.`);

  const playground = await failedStart({ REDIS_KEY_PREFIX: prefix(), PORT: String(port) });
  expect(playground).toContain(`Port ${port} is already in use (another DevOps Quiz, or another program, listens on it): set PORT to a free port, e.g. PORT=${port + 1} npm start.`);

  const worker = await failedStart({ SLACK_BOT_TOKEN: GOOD_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, REDIS_KEY_PREFIX: prefix(), ROLE: 'worker', HEALTH_PORT: String(port) });
  expect(worker).toContain(`Port ${port} is already in use (another DevOps Quiz, or another program, listens on it): set HEALTH_PORT to a free port`);
});
