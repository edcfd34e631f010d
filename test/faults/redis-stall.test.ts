/**
 * Redis stalls (the server is frozen with SIGSTOP: its connections stay open and nothing is answered), as a hung
 * host or a long fork does. A click while it is frozen is answered with "try again" while it is still frozen,
 * instead of hanging; once Redis answers again the bot carries on by itself and a second try counts once.
 */
import { bootBotProcess, type ProcessHarness } from '../support/bot-process';
import { eventually, USERS, CHANNEL } from '../support/bot-harness';
import { hasRedisServer, PrivateRedis } from '../support/redis-server';

const maybe = hasRedisServer() ? test : test.skip;
if (!hasRedisServer()) console.log('redis-server is not installed: skipping the Redis stall test');

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

maybe('a click while Redis is frozen gets "try again" at once, and the retry after it thaws counts once', async () => {
  const redis = new PrivateRedis();
  await redis.start();
  let h: ProcessHarness | null = null;
  try {
    h = await bootBotProcess({ redisUrl: redis.url });
    const { slack, driver, keys } = h;
    await driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    const question = await eventually(() => slack.messages(CHANNEL).find((m) => text(m).includes('reveal_answer')), 8000, 'question');
    await eventually(() => h!.redis.exists(keys.post(question.ts)), 5000, 'post recorded');
    await driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
    const answer = await eventually(() => slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 8000, 'answer');

    redis.pause();
    // Two people click while Redis is frozen: each is told to try again, while it is still frozen.
    await driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_2' });
    await driver.command({ text: 'leaderboard', userId: USERS.carol, channelId: CHANNEL });
    const sorry = (user: string) => slack.ephemeralsFor(user).map(text).find((t) => t.includes('try again'));
    await eventually(() => sorry(USERS.bob) && sorry(USERS.carol), 5000, 'try-again answers while Redis is frozen');
    expect(sorry(USERS.bob)).toContain('could not reach my database');
    expect(sorry(USERS.carol)).toContain('could not reach my database');
    redis.resume();

    // Bob tries again and it counts, once (the frozen click may have reached Redis after all).
    await eventually(async () => {
      await driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_2' });
      return slack.ephemeralsFor(USERS.bob).map(text).some((t) => t.includes('Intermediate'));
    }, 10_000, 'bob recorded after Redis thawed');
    expect(Math.floor(Number(await h.redis.zscore(keys.board('all'), USERS.bob)))).toBe(2);
  } finally {
    redis.resume();
    await h?.stop();
    await redis.remove();
  }
}, 60_000);
