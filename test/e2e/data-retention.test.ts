/**
 * What the bot keeps about people, and for how long: a question's votes go when the question does, weekly and
 * monthly boards after about 400 days, and `/devops-quiz forget me` (or an admin's `forget @person`) removes a
 * person's answers, points, streaks and mock-interview history from every channel at once.
 */
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { Keys } from '../../src/store/keys';
import type { StoredMessage } from '../../dev/local-slack';

let h: BotHarness;
const OTHER = 'C0QUIZ002';
const DAY = 24 * 3600;

beforeEach(async () => {
  h = await bootBot();
  h.slack.addChannel({ id: OTHER, name: 'sre-practice', members: Object.values(USERS) });
});
afterEach(async () => {
  await h.stop();
});

const textOf = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

/** A question asked for in `channel`, revealed, and answered by each voter at the given level. */
async function answered(channel: string, votes: Array<[string, number]>): Promise<StoredMessage> {
  const before = h.slack.messages(channel).length;
  await h.driver.command({ text: '', userId: USERS.carol, channelId: channel });
  const question = await eventually(() => h.slack.messages(channel)[before], 8000, 'question');
  await h.waitForPost(question.ts, channel);
  await h.driver.clickButton({ userId: USERS.carol, channelId: channel, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(channel, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  for (const [userId, level] of votes) await h.driver.clickButton({ userId, channelId: channel, ts: answer.ts, actionId: `record_level_${level}` });
  const keys = new Keys(h.prefix).channel(h.slack.team.id, channel);
  await eventually(async () => (await h.redis.hlen(keys.votes(question.ts))) === votes.length, 5000, 'votes recorded');
  return question;
}

/** What `user` sees for `text` in `channel` (the newest private answer that contains `marker`). */
async function ask(user: string, channel: string, text: string, marker: string): Promise<string> {
  const before = h.slack.ephemeralsFor(user, { channelId: channel }).length;
  await h.driver.command({ text, userId: user, channelId: channel });
  return eventually(() => h.slack.ephemeralsFor(user, { channelId: channel }).slice(before).map(textOf).find((t) => t.includes(marker)), 8000, `answer to ${text}`);
}

test('votes expire with their question; weekly and monthly boards after about 400 days; the all-time board stays', async () => {
  const question = await answered(CHANNEL, [[USERS.alice, 3]]);
  const k = h.channelKeys();
  const postTtl = await h.redis.ttl(k.post(question.ts));
  expect(postTtl).toBeGreaterThan(179 * DAY);
  const votesTtl = await h.redis.ttl(k.votes(question.ts));
  expect(Math.abs(votesTtl - postTtl)).toBeLessThanOrEqual(2);

  const periodKeys = [...(await h.redis.keys(`${k.boardPrefix}*`)), ...(await h.redis.keys(`${k.boardStatsPrefix}*`))];
  const dated = periodKeys.filter((key) => !key.endsWith(':all'));
  expect(dated).toHaveLength(4); // this week's and this month's board and counters
  for (const key of dated) {
    const ttl = await h.redis.ttl(key);
    expect(ttl).toBeGreaterThan(395 * DAY);
    expect(ttl).toBeLessThanOrEqual(400 * DAY);
  }
  expect(await h.redis.ttl(k.board('all'))).toBe(-1);
});

test('forget me: my answers, points and streaks go from every channel; my teammates keep theirs', async () => {
  await answered(CHANNEL, [[USERS.alice, 3], [USERS.bob, 1]]);
  await answered(OTHER, [[USERS.alice, 2], [USERS.bob, 2]]);
  expect(await ask(USERS.alice, CHANNEL, 'leaderboard', 'Leaderboard')).toContain(`<@${USERS.alice}>`);

  // Her mock-interview history, as the interview store keeps it.
  const keys = new Keys(h.prefix);
  await h.redis.zadd(keys.interviewSeen(h.slack.team.id, USERS.alice), Date.now(), 'mini/some-question');
  await h.redis.hset(keys.interviewCounts(h.slack.team.id), `${USERS.alice}:given`, '2', `${USERS.bob}:taken`, '2');

  const done = await ask(USERS.alice, CHANNEL, 'forget me', 'orgot');
  expect(done).toMatch(/2 channels/);

  for (const channel of [CHANNEL, OTHER]) {
    const board = await ask(USERS.bob, channel, 'leaderboard', 'Leaderboard');
    expect(board).toContain(`<@${USERS.bob}>`);
    expect(board).not.toContain(USERS.alice);
  }
  expect(await ask(USERS.alice, OTHER, 'stats', 'practice in this channel')).toContain('*All time:* no answers yet');

  // Nothing the bot keeps about answers names her any more.
  const left: string[] = [];
  for (const key of await h.redis.keys(`${h.prefix}:*`)) {
    const type = await h.redis.type(key);
    const dump = type === 'hash' ? JSON.stringify(await h.redis.hgetall(key)) : type === 'zset' ? JSON.stringify(await h.redis.zrange(key, '0', '-1')) : '';
    if (/:(votes|board|bstats|streaks|answers)/.test(key) && (dump.includes(USERS.alice) || key.includes(USERS.alice))) left.push(key);
  }
  expect(left).toEqual([]);
  expect(await h.redis.exists(keys.interviewSeen(h.slack.team.id, USERS.alice))).toBe(0);
  expect(await h.redis.hgetall(keys.interviewCounts(h.slack.team.id))).toEqual({ [`${USERS.bob}:taken`]: '2' });
}, 40_000);

test('forget @person is for admins; anyone else is told so and nothing changes', async () => {
  await answered(CHANNEL, [[USERS.bob, 2]]);
  expect(await ask(USERS.alice, CHANNEL, `forget <@${USERS.bob}|bob>`, 'admin')).toMatch(/only workspace admins/i);
  expect(await ask(USERS.carol, CHANNEL, 'leaderboard', 'Leaderboard')).toContain(`<@${USERS.bob}>`);

  expect(await ask(USERS.admin, CHANNEL, `forget <@${USERS.bob}|bob>`, 'orgot')).toContain(`<@${USERS.bob}>`);
  expect(await ask(USERS.carol, CHANNEL, 'leaderboard', 'Leaderboard')).not.toContain(USERS.bob);
});

test('forget with nothing after it says what to type', async () => {
  expect(await ask(USERS.bob, CHANNEL, 'forget', 'forget me')).toMatch(/forget me/);
});
