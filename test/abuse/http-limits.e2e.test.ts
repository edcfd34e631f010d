/**
 * The Slack port against clients that are not Slack, with the real bot as a process in HTTP mode: requests without
 * Slack's two signature headers, or stamped more than five minutes from now, are refused before their body is read;
 * bodies are capped; connections that send their headers or body too slowly are closed by the server; and past the
 * connection cap new connections are dropped. The limits are set small through the environment, as an operator
 * would set them; the assertions are about what the server did (answered, closed), never about how long it took.
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { CHANNEL, eventually, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix, USERS } from '../support/bot-harness';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';
import { nowSeconds } from '../../dev/local-slack/signing';
import { deleteByPattern } from '../../src/store/redis';

const MAX_CONNECTIONS = 6;
const FORM = 'application/x-www-form-urlencoded';

let slack: LocalSlack;
let bot: BotProcess;
let driver: SlackDriver;
const prefix = uniquePrefix();
const sockets: net.Socket[] = [];

beforeAll(async () => {
  slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: USERS.alice, name: 'alice' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: [USERS.alice] });
  bot = new BotProcess({
    SLACK_BOT_TOKEN: 'xoxb-limits-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '1500',
    HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
  });
  await bot.start();
  driver = new SlackDriver({ appUrl: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
}, 30_000);

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await slack?.stop();
  const redis = new Redis(REDIS_URL);
  await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
});

/** A raw connection that sends `head` (and whatever follows) and keeps what the server answers. */
interface Raw {
  socket: net.Socket;
  received: () => string;
  closed: () => boolean;
}

function raw(head: string, body = ''): Promise<Raw> {
  return new Promise((resolve, reject) => {
    let received = '';
    let closed = false;
    const socket = net.connect(bot.port, '127.0.0.1', () => {
      socket.write(head + body);
      resolve({ socket, received: () => received, closed: () => closed });
    });
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('close', () => (closed = true));
    socket.on('error', (error) => (closed ? undefined : reject(error)));
  });
}

/** The head of a POST to /slack/events announcing `length` bytes of body. */
function postHead(length: number, headers: Record<string, string> = {}): string {
  const lines = [`POST /slack/events HTTP/1.1`, `Host: 127.0.0.1:${bot.port}`, `Content-Type: ${FORM}`, `Content-Length: ${length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const statusOf = (r: Raw) => /^HTTP\/1\.1 (\d{3})/.exec(r.received())?.[1] ?? null;
const answered = (r: Raw, what: string) => eventually(() => statusOf(r), 5000, what);
const FOUR_MB = 4 * 1024 * 1024;

test('a request without the two X-Slack headers is refused with 401 before its 4 MB body arrives', async () => {
  const signature = `v0=${'0'.repeat(64)}`;
  const attempts: Array<Record<string, string>> = [
    {},
    { 'X-Slack-Signature': signature },
    { 'X-Slack-Request-Timestamp': String(nowSeconds()) },
    { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': 'soon' },
  ];
  for (const headers of attempts) {
    // Everything but the last byte would follow; only the head and a little of the body is ever sent.
    const r = await raw(postHead(FOUR_MB - 1, headers), 'command=%2Fdevops-quiz&text=');
    expect({ headers, status: await answered(r, `an answer to ${JSON.stringify(headers)}`) }).toEqual({ headers, status: '401' });
  }
});

test('a timestamp more than five minutes from now, in the future as in the past, is refused before the body', async () => {
  const signature = `v0=${'0'.repeat(64)}`;
  for (const offset of [6 * 60, -6 * 60, 24 * 3600]) {
    const r = await raw(postHead(FOUR_MB - 1, { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(nowSeconds() + offset) }), 'command=');
    expect({ offset, status: await answered(r, `an answer at ${offset}s`) }).toEqual({ offset, status: '401' });
  }
  // Correctly signed, but stamped six minutes ahead: refused too, and nothing is posted.
  const future = await driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL, timestamp: nowSeconds() + 6 * 60 });
  expect(future.status).toBe(401);
  const now = await driver.command({ text: 'help', userId: USERS.alice, channelId: CHANNEL });
  expect(now.status).toBe(200);
  await eventually(() => slack.responsesTo().length > 0, 5000, 'the help answer');
  expect(slack.messages(CHANNEL)).toHaveLength(0);
});

test('a body over 256 KB is refused with 413 before it is read; a signed 200 KB one is still taken', async () => {
  const r = await raw(postHead(300 * 1024, { 'X-Slack-Signature': `v0=${'0'.repeat(64)}`, 'X-Slack-Request-Timestamp': String(nowSeconds()) }), 'command=');
  expect(await answered(r, 'an answer to a 300 KB body')).toBe('413');
  const big = await driver.command({ text: `help ${'x'.repeat(300 * 1024)}`, userId: USERS.alice, channelId: CHANNEL });
  expect(big.status).toBe(413);
  const fits = await driver.command({ text: `help ${'x'.repeat(200 * 1024)}`, userId: USERS.alice, channelId: CHANNEL });
  expect(fits.status).toBe(200);
});

test('unfinished headers: the server closes the connection after HTTP_HEADERS_TIMEOUT_MS', async () => {
  const r = await raw(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:${bot.port}\r\n`);
  await eventually(() => r.closed(), 10_000, 'the server to close a connection that never finished its headers');
  expect(statusOf(r)).toBe('408');
});

test('a body that stops arriving: the server closes the connection after HTTP_REQUEST_TIMEOUT_MS', async () => {
  const headers = { 'X-Slack-Signature': `v0=${'0'.repeat(64)}`, 'X-Slack-Request-Timestamp': String(nowSeconds()) };
  const r = await raw(postHead(10_000, headers), 'command=%2Fdevops-quiz');
  await eventually(() => r.closed(), 10_000, 'the server to close a connection whose body stopped');
  expect(statusOf(r)).toBe('408');
});

test('past HTTP_MAX_CONNECTIONS, new connections are dropped at once', async () => {
  const extra = 4;
  // Each holds its connection with unfinished headers until the header timeout.
  const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS + extra }, () => raw(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${bot.port}\r\n`)));
  // A dropped connection is closed without a byte; one that timed out gets a 408 first.
  const dropped = () => held.filter((r) => r.closed() && r.received() === '').length;
  await eventually(() => dropped() >= extra, 5000, `${extra} connections over the cap to be dropped`);
  // Once they are gone, the port serves again.
  for (const r of held) r.socket.destroy();
  await eventually(() => fetch(`${bot.url}/healthz`).then((res) => res.ok, () => false), 5000, '/healthz again');
});
