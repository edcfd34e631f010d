/**
 * Graceful shutdown as an orchestrator does it: SIGTERM while a scheduled post is in flight.
 * The running job finishes, the process exits 0 within 10 seconds, and no log line holds a secret.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { eventually, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix, USERS, CHANNEL } from '../support/bot-harness';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';

const BOT_TOKEN = 'xoxb-shutdown-test-0123456789-secretpart';

test('SIGTERM during a running job lets it finish, exits 0 in time, and logs no secret', async () => {
  const slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: USERS.admin, name: 'admin', is_admin: true });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: [USERS.admin] });
  const prefix = uniquePrefix();
  const bot = new BotProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_PACKS,
  });
  const queue = new Queue('qotd', { connection: { url: REDIS_URL }, prefix: `${prefix}-jobs` });
  const redis = new Redis(REDIS_URL);
  try {
    await bot.start();
    const driver = new SlackDriver({ appUrl: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
    await driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
    const job = await eventually(async () => (await queue.getDelayed())[0], 8000, 'scheduler job');

    // Slack takes 3 s to accept this post: SIGTERM lands while the job is running.
    slack.failNext('chat.postMessage', { delayMs: 3000 });
    await job.promote();
    await slack.waitFor((c) => c.method === 'chat.postMessage' && Boolean(c.args.metadata), { timeoutMs: 8000 });
    const { code, ms } = await bot.stop('SIGTERM');

    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const posted = slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted');
    expect(posted).toHaveLength(1);
    const claims = await redis.keys(`${prefix}:*:qotd:*`);
    expect(claims).toHaveLength(1);
    expect(JSON.parse((await redis.get(claims[0]))!)).toMatchObject({ state: 'posted', ts: posted[0].ts });

    expect(bot.lines.length).toBeGreaterThan(3);
    expect(bot.output).not.toContain('secretpart');
    expect(bot.output).not.toContain(SIGNING_SECRET);
    for (const line of bot.lines.filter((l) => l.startsWith('{'))) expect(() => JSON.parse(line)).not.toThrow();
  } finally {
    await bot.stop('SIGKILL');
    await queue.close();
    await deleteByPattern(redis, `${prefix}*`);
    await redis.quit();
    await slack.stop();
  }
}, 60_000);
