/**
 * A correctly signed request whose JSON body is `null` (a real bot process in HTTP mode): Bolt's receiver reads a
 * field of it inside a promise nobody awaits, which rejects unhandled. The process logs it and keeps answering.
 */
import { Redis } from 'ioredis';
import { BotProcess } from '../support/bot-process';
import { eventually, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix, USERS, CHANNEL } from '../support/bot-harness';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';

test('a signed `null` body does not kill the bot: it logs the failure and still answers a command', async () => {
  const slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: USERS.alice, name: 'alice' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: [USERS.alice] });
  const prefix = uniquePrefix();
  const bot = new BotProcess({
    SLACK_BOT_TOKEN: 'xoxb-null-body-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_PACKS,
    LOG_LEVEL: 'warn',
  });
  const redis = new Redis(REDIS_URL);
  try {
    await bot.start();
    const driver = new SlackDriver({ appUrl: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
    // Bolt never answers this request (its handler died), so the driver gives up on it after a second.
    await driver.post('null', 'application/json', { timeoutMs: 1000 }).catch(() => undefined);
    await driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    const question = await eventually(() => slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes('reveal_answer')), 8000, 'a question posted');
    expect(question.text).toBeTruthy();
    expect(bot.lines.some((l) => l.includes('unhandled rejection'))).toBe(true);
    const { code } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
  } finally {
    await bot.stop('SIGKILL');
    await deleteByPattern(redis, `${prefix}*`);
    await redis.quit();
    await slack.stop();
  }
}, 40_000);
