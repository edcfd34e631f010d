/** /healthz, /readyz and /metrics, as an orchestrator and Prometheus see them. */
import { bootBot, CHANNEL, USERS, eventually, FIXTURE_PACKS, SIGNING_SECRET, uniquePrefix, type BotHarness } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';
import { BotProcess } from '../support/bot-process';
import { LocalSlack } from '../../dev/local-slack';

/** Reads the whole body: an unread body keeps its socket busy, and the server's close waits for it. */
async function get(base: string, path: string): Promise<{ status: number; text: string; json: () => unknown }> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('in process', () => {
  let h: BotHarness;
  afterEach(async () => {
    await h.stop();
  });

  test('health, readiness and metrics answer on the Slack port, and counters move', async () => {
    h = await bootBot();
    const base = `http://127.0.0.1:${h.bot.port}`;
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
    expect((await get(bot.url, '/readyz')).status).toBe(200);
    await redis.stop();
    const down = await get(bot.url, '/readyz');
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, redis: 'unreachable' });
    expect((await get(bot.url, '/healthz')).status).toBe(200); // alive: do not restart it for a Redis outage
    await redis.start();
    await eventually(async () => (await get(bot.url, '/readyz')).status === 200, 8000, 'ready again');
  } finally {
    await bot.stop('SIGKILL');
    await slack.stop();
    await redis.remove();
  }
}, 40_000);
