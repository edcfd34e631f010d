/** /healthz, /readyz and /metrics, as an orchestrator and Prometheus see them. */
import { bootBot, CHANNEL, USERS, eventually, FIXTURE_PACKS, SIGNING_SECRET, uniquePrefix, type BotHarness } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';
import { BotProcess } from '../support/bot-process';
import { Redis } from 'ioredis';
import { LocalSlack } from '../../dev/local-slack';
import { QUEUE_COUNTS_TTL_MS } from '../../src/ops/metrics';
import { ConfigError, DEFAULT_HEALTH_PORT, loadConfig } from '../../src/config';

/** Reads the whole body: an unread body keeps its socket busy, and the server's close waits for it. */
async function get(base: string, path: string): Promise<{ status: number; text: string; json: () => unknown }> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

test('HEALTH_PORT is a port of its own: by default 9464, and never the public PORT in HTTP mode', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'ab'.repeat(16) };
  expect(loadConfig(base)).toMatchObject({ port: 3000, healthPort: DEFAULT_HEALTH_PORT, http: { headersTimeoutMs: 5000, requestTimeoutMs: 10000, maxConnections: 128 } });
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };
  expect(problems({ PORT: '8080', HEALTH_PORT: '8080' })).toEqual([expect.stringContaining('HEALTH_PORT must differ from PORT')]);
  expect(problems({ PORT: '8080', HEALTH_PORT: '8080', ROLE: 'worker' })).toEqual([]); // a worker has no public port
  expect(problems({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toEqual([expect.stringContaining('HTTP_HEADERS_TIMEOUT_MS')]);
  expect(problems({ HTTP_MAX_CONNECTIONS: '0' })).toEqual([expect.stringContaining('HTTP_MAX_CONNECTIONS')]);
});

describe('in process', () => {
  let h: BotHarness;
  afterEach(async () => {
    await h.stop();
  });

  test('health, readiness and metrics answer on HEALTH_PORT, and counters move', async () => {
    h = await bootBot();
    const base = `http://127.0.0.1:${h.bot.healthPort}`;
    expect(h.bot.healthPort).not.toBe(h.bot.port);
    expect((await get(base, '/healthz')).status).toBe(200);
    const ready = await get(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ ready: true, redis: 'ok', slack: 'ok' });

    const metric = async (name: string) => {
      const line = (await get(base, '/metrics')).text.split('\n').find((l) => l.startsWith(name));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    expect(await metric('devops_quiz_questions_posted_total{kind="adhoc"}')).toBe(0);

    await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    await eventually(async () => (await metric('devops_quiz_questions_posted_total{kind="adhoc"}')) === 1, 5000, 'posted counter');

    h.slack.addChannel({ id: 'C0NOBOT01', name: 'no-bot', botIsMember: false, requireMembership: true, members: [USERS.alice] });
    await h.driver.command({ text: '', userId: USERS.alice, channelId: 'C0NOBOT01' });
    await eventually(async () => (await metric('devops_quiz_slack_api_errors_total{method="postMessage",code="not_in_channel"}')) === 1, 5000, 'error counter');

    const text = (await get(base, '/metrics')).text;
    expect(text).toContain('devops_quiz_queue_jobs{queue="tasks",state="delayed"}');
    expect(text).toContain('devops_quiz_process_cpu_seconds_total');
  });

  test('the public Slack port serves /slack/events and /healthz only: readiness and metrics are not on it', async () => {
    h = await bootBot();
    const slackPort = `http://127.0.0.1:${h.bot.port}`;
    expect((await get(slackPort, '/healthz')).status).toBe(200); // for a load balancer in front of it
    expect((await get(slackPort, '/metrics')).status).toBe(404);
    expect((await get(slackPort, '/readyz')).status).toBe(404);
    expect((await h.driver.command({ text: 'help', userId: USERS.alice, channelId: CHANNEL })).status).toBe(200);
    // The health port takes no Slack requests.
    const events = await fetch(`http://127.0.0.1:${h.bot.healthPort}/slack/events`, { method: 'POST', body: 'x' });
    await events.text();
    expect(events.status).toBe(404);
  });
});

const withRedisServer = hasRedisServer() ? test : test.skip;
if (!hasRedisServer()) console.log('redis-server is not installed: skipping the Redis-down readiness test');

withRedisServer('/readyz says not ready while Redis is down, and ready again when it is back', async () => {
  const redis = new PrivateRedis();
  const slack = new LocalSlack();
  await redis.start();
  await slack.start(0);
  const bot = new BotProcess({
    SLACK_BOT_TOKEN: 'xoxb-health-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: uniquePrefix(),
    CONTENT_DIR: FIXTURE_PACKS,
  });
  try {
    await bot.start();
    expect((await get(bot.healthUrl, '/readyz')).status).toBe(200);
    await redis.stop();
    const down = await get(bot.healthUrl, '/readyz');
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, redis: 'unreachable' });
    expect((await get(bot.healthUrl, '/healthz')).status).toBe(200); // alive: do not restart it for a Redis outage
    await redis.start();
    await eventually(async () => (await get(bot.healthUrl, '/readyz')).status === 200, 8000, 'ready again');
  } finally {
    await bot.stop('SIGKILL');
    await slack.stop();
    await redis.remove();
  }
}, 40_000);

/** Calls of every Redis command so far, INFO itself left out (the test's own reads). */
async function commandsSoFar(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  let calls = 0;
  for (const m of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (m[1] !== 'info') calls += Number(m[2]);
  return calls;
}

withRedisServer('scrapes within the cache window cost a bounded number of Redis commands, not one round of queue counts each', async () => {
  const redis = new PrivateRedis();
  const slack = new LocalSlack();
  await redis.start();
  await slack.start(0);
  // ROLE=web: no workers polling the queues, so the Redis commands counted are the scrapes' own.
  const bot = new BotProcess({
    SLACK_BOT_TOKEN: 'xoxb-metrics-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: uniquePrefix(),
    CONTENT_DIR: FIXTURE_PACKS,
    ROLE: 'web',
  });
  const inspect = new Redis(redis.url);
  try {
    await bot.start();
    const started = Date.now();
    const before = await commandsSoFar(inspect);
    expect((await get(bot.healthUrl, '/metrics')).text).toContain('devops_quiz_queue_jobs{queue="qotd",state="waiting"}');
    const oneRefresh = (await commandsSoFar(inspect)) - before;
    expect(oneRefresh).toBeGreaterThan(0);

    const scrapes = 200;
    for (let i = 0; i < scrapes; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => get(bot.healthUrl, '/metrics')));
      for (const r of batch) expect(r.status).toBe(200);
    }
    const spent = (await commandsSoFar(inspect)) - before;
    // At most one refresh per cache window that began while the scrapes ran (plus the first one).
    const windows = Math.ceil((Date.now() - started) / QUEUE_COUNTS_TTL_MS) + 1;
    console.log(`${scrapes + 1} scrapes cost ${spent} Redis commands (one refresh: ${oneRefresh})`);
    expect(spent).toBeLessThanOrEqual(oneRefresh * windows);
  } finally {
    await bot.stop('SIGKILL');
    await inspect.quit();
    await slack.stop();
    await redis.remove();
  }
}, 40_000);
