/**
 * Redis restarts while the bot runs (a real bot process, a private redis-server with AOF as in
 * production): a click while Redis is down gets a "try again" answer and changes nothing; the
 * bot reconnects by itself; schedules and leaderboards are still there afterwards.
 */
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { eventually, FIXTURE_PACKS, SIGNING_SECRET, uniquePrefix, USERS, CHANNEL } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';

const maybe = hasRedisServer() ? test : test.skip;
if (!hasRedisServer()) console.log('redis-server is not installed: skipping the Redis restart test');

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

maybe('a Redis restart loses nothing, and a click during it is answered with "try again"', async () => {
  const redis = new PrivateRedis();
  const slack = new LocalSlack();
  await redis.start();
  await slack.start(0);
  for (const [name, id] of Object.entries(USERS)) slack.addUser({ id, name, is_admin: name === 'admin' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: Object.values(USERS) });
  const prefix = uniquePrefix();
  const bot = new BotProcess({
    SLACK_BOT_TOKEN: 'xoxb-restart-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
  });
  const inspect = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => 100 });
  const keys = new Keys(prefix).channel(slack.team.id, CHANNEL);
  try {
    await bot.start();
    const driver = new SlackDriver({ appUrl: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
    await driver.command({ text: 'schedule 09:30 UTC weekdays', userId: USERS.admin, channelId: CHANNEL });
    await driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    const question = await eventually(() => slack.messages(CHANNEL).find((m) => text(m).includes('reveal_answer')), 8000, 'question');
    await inspect.connect();
    await eventually(() => inspect.exists(keys.post(question.ts)), 5000, 'post recorded');
    await driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
    const answer = await eventually(() => slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 8000, 'answer');
    await driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_3' });
    await eventually(async () => Math.floor(Number(await inspect.zscore(keys.board('all'), USERS.alice))) === 3, 5000, 'alice recorded');

    await redis.stop();
    const res = await driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_2' });
    expect(res.status).toBe(200); // acknowledged within Slack's limit, not a 500
    const sorry = await eventually(() => slack.ephemeralsFor(USERS.bob).map(text).find((t) => t.includes('try again')), 8000, 'try-again answer');
    expect(sorry).toContain('nothing was changed');

    await redis.start();
    // Nothing of Bob's click was half-written; Alice's answer and the schedule survived the restart.
    await eventually(async () => (await inspect.ping().catch(() => '')) === 'PONG', 8000, 'redis back');
    expect(await inspect.zscore(keys.board('all'), USERS.bob)).toBeNull();
    expect(await inspect.hget(keys.votes(question.ts), USERS.bob)).toBeNull();
    expect(Math.floor(Number(await inspect.zscore(keys.board('all'), USERS.alice)))).toBe(3);

    // The bot reconnected by itself: Bob's second try counts.
    await eventually(async () => {
      await driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_2' });
      return Math.floor(Number(await inspect.zscore(keys.board('all'), USERS.bob))) === 2;
    }, 10_000, 'bob recorded after the restart');
    await driver.command({ text: 'schedule', userId: USERS.carol, channelId: CHANNEL });
    const shown = await eventually(() => slack.ephemeralsFor(USERS.carol).map(text).find((t) => t.includes('Next question')), 8000, 'schedule still there');
    expect(shown).toContain('09:30');
  } finally {
    inspect.disconnect();
    await bot.stop('SIGKILL');
    await slack.stop();
    await redis.stop();
    await redis.remove();
  }
}, 60_000);
