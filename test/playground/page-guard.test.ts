/**
 * The playground is the developer's own bot on the developer's own Redis: no other machine and no other web page may
 * drive it. The real zero-config start (`src/index.ts` without Slack tokens) runs as a process, and the requests here
 * are the ones a hostile page, a DNS-rebinding page or another machine can make.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { FIXTURE_PACKS, REDIS_URL, uniquePrefix } from '../support/bot-harness';
import { TEAMMATES } from '../../dev/playground/workspace';
import { deleteByPattern } from '../../src/store/redis';

const [alice] = TEAMMATES.map((t) => t.id);
const prefix = uniquePrefix();
let pg: BotProcess;
const redis = new Redis(REDIS_URL);

beforeAll(async () => {
  pg = new BotProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix, CONTENT_DIR: FIXTURE_PACKS, LOG_LEVEL: 'warn' });
  await pg.start();
}, 30_000);

afterAll(async () => {
  await pg?.stop('SIGKILL');
  await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
});

interface Answer {
  status: number;
  text: string;
}

/** A request with exactly these headers (fetch would not let a test set Host). */
function request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: pg.port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const here = () => `127.0.0.1:${pg.port}`;
const SCHEDULE = JSON.stringify({ as: alice, text: '/devops-quiz schedule 03:00 UTC daily reveal 1m' });
const schedules = async () => (await redis.keys(`${prefix}:*`)).filter((k) => k.endsWith(':schedule'));
const command = (headers: Record<string, string>, body = SCHEDULE) => request('POST', '/playground/api/command', { host: here(), ...headers }, body);

test('it listens on 127.0.0.1 only: another interface of this machine is refused', async () => {
  const other = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  expect((await request('GET', '/healthz', { host: here() })).status).toBe(200);
  if (!other) return console.log('no non-loopback IPv4 interface on this machine: the binding is not checked');
  const reached = await new Promise<boolean>((resolve) => {
    const socket = net.connect(pg.port, other, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
  expect({ address: other, reached }).toEqual({ address: other, reached: false });
});

test("another page's form post (text/plain, a foreign Origin) changes no schedule", async () => {
  const refused = await command({ 'content-type': 'text/plain', origin: 'http://evil.example' });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const attempts: Array<Record<string, string>> = [
    { 'content-type': 'application/json', origin: 'http://evil.example' },
    { 'content-type': 'application/json', origin: `http://localhost:${pg.port + 1}` },
    { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
    { 'content-type': 'application/json', origin: `http://${here()}`, 'sec-fetch-site': 'cross-site' },
    { 'content-type': 'application/json' }, // neither Origin nor Sec-Fetch-Site: not from the page
    { 'content-type': 'text/plain', origin: `http://${here()}` },
    { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${here()}` },
  ];
  for (const headers of attempts) {
    const res = await command(headers);
    expect({ headers, status: res.status }).toEqual({ headers, status: headers['content-type'] === 'application/json' ? 403 : 415 });
    expect(JSON.parse(res.text)).toEqual({ error: expect.any(String) });
  }
  expect(await schedules()).toEqual([]);
  // The page itself (same origin, JSON) is answered.
  const ok = await command({ 'content-type': 'application/json; charset=utf-8', origin: `http://${here()}`, 'sec-fetch-site': 'same-origin' }, JSON.stringify({ as: alice, text: '/devops-quiz help' }));
  expect(ok.status).toBe(200);
});

test('a Host other than localhost, 127.0.0.1 or [::1] with its port (DNS rebinding) gets no state', async () => {
  for (const host of ['rebind.evil.example', `rebind.evil.example:${pg.port}`, `localhost:${pg.port + 1}`, 'localhost', `127.0.0.2:${pg.port}`, `localhost.evil.example:${pg.port}`]) {
    for (const path of ['/', '/playground/api/state', '/playground/app.js']) {
      const res = await request('GET', path, { host });
      expect({ host, path, status: res.status }).toEqual({ host, path, status: 403 });
      expect(res.text).not.toContain('devops-practice');
    }
  }
  for (const host of [`localhost:${pg.port}`, `127.0.0.1:${pg.port}`, `[::1]:${pg.port}`, `LOCALHOST:${pg.port}`]) {
    const res = await request('GET', '/playground/api/state', { host });
    expect({ host, status: res.status }).toEqual({ host, status: 200 });
  }
});

test('a body that is not a JSON object gets a short JSON error, not the parser message', async () => {
  for (const body of ['{"as":', 'not json', '[1,2]', '"text"', 'x'.repeat(70 * 1024)]) {
    const res = await command({ 'content-type': 'application/json', origin: `http://${here()}` }, body);
    expect(res.status).toBe(body.length > 64 * 1024 ? 413 : 400);
    const error = (JSON.parse(res.text) as { error: string }).error;
    expect(error).not.toMatch(/Unexpected|position|SyntaxError|in JSON|token/);
    expect(error.length).toBeLessThan(80);
  }
});
