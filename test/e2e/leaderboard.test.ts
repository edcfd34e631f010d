/**
 * The board shows the top 10: equal points share a rank, whoever reached the score first listed first; the caller's
 * own row is marked, and shown below the top 10 when outside it.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import type { StoredMessage } from '../../dev/local-slack';
import { nowSeconds } from '../../dev/local-slack/signing';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

async function revealedQuestion(): Promise<{ question: StoredMessage; answer: StoredMessage }> {
  await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h.slack.messages(CHANNEL)[0], 5000, 'question');
  await h.waitForPost(question.ts);
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  await eventually(async () => (await h.redis.hget(h.channelKeys().post(question.ts), 'answerTs')) === answer.ts, 5000, 'answer recorded');
  return { question, answer };
}

/** A level click stamped `secondsLater` after the test's start (Slack stamps each click with its action_ts). */
const start = nowSeconds();
function vote(user: string, q: { question: StoredMessage; answer: StoredMessage }, level: number, secondsLater: number) {
  return h.driver.blockAction({
    userId: user,
    channelId: CHANNEL,
    message: q.answer,
    actionId: `record_level_${level}`,
    value: `${q.question.ts}|${level}`,
    actionExtra: { action_ts: `${start + secondsLater}.000000` },
  });
}

async function boardFor(user: string): Promise<string> {
  await h.driver.command({ text: 'leaderboard', userId: user, channelId: CHANNEL });
  const shown = await eventually(() => h.slack.ephemeralsFor(user).find((e) => text(e).includes('Leaderboard')), 5000, 'board');
  return JSON.stringify(shown.blocks);
}

test('top 10, equal points sharing a rank in the order they were reached, then the caller\'s own row', async () => {
  const players = Array.from({ length: 12 }, (_, i) => `UPLAYER${String(i).padStart(2, '0')}`);
  for (const id of players) {
    h.slack.addUser({ id, name: id.toLowerCase() });
    h.slack.joinChannel(CHANNEL, id);
  }
  const q = await revealedQuestion();
  // Players 0–3 advanced, 4–7 intermediate, 8–11 beginner; player i clicks i seconds in, sent all at once.
  await Promise.all(players.map((userId, i) => vote(userId, q, 3 - Math.floor(i / 4), i)));
  await eventually(async () => (await h.redis.zcard(h.channelKeys().board('all'))) === 12, 5000, 'votes');

  const last = players[11];
  const board = await boardFor(last);
  const ranked = [...board.matchAll(/<@(UPLAYER\d+)>/g)].map((m) => m[1]);
  // Ten rows in the order the scores were reached, then the caller again in their own row.
  expect(ranked).toEqual([...players.slice(0, 10), last]);
  expect(board.match(/🥇/g)).toHaveLength(4);
  expect(board).toMatch(/\*5\.\* <@UPLAYER04> {2}\*2\* points/);
  expect(board).toMatch(/\*9\.\* <@UPLAYER08> {2}\*1\* point /);
  expect(board).toMatch(/…\\n\*9\.\* <@UPLAYER11> {2}\*1\* point .*\(you\)/);
  expect(board).not.toContain('pts');
});

test('two people on 3 points: whoever got there first is listed first, both 🥇; the caller is marked in the top 10', async () => {
  const q = await revealedQuestion();
  // Alice reaches 3 points first, Bob 5 seconds later; ids alone would put Bob first.
  await vote(USERS.alice, q, 3, 1);
  await vote(USERS.bob, q, 3, 6);
  await vote(USERS.admin, q, 2, 2);
  await vote(USERS.carol, q, 1, 3);
  await eventually(async () => (await h.redis.zcard(h.channelKeys().board('all'))) === 4, 5000, 'votes');

  const board = await boardFor(USERS.bob);
  const lines = board.split('\\n').filter((l) => l.includes('<@U'));
  expect(lines[0]).toMatch(/^🥇 <@UALICE01> {2}\*3\* points/);
  expect(lines[1]).toMatch(/^🥇 <@UBOB0002> {2}\*3\* points.*\(you\)/);
  expect(lines[2]).toMatch(/^🥉 <@UADMIN04> {2}\*2\* points/);
  expect(lines[3]).toMatch(/^\*4\.\* <@UCAROL03> {2}\*1\* point /);
  expect(lines.filter((l) => l.includes('(you)'))).toHaveLength(1);

  await h.driver.command({ text: 'stats', userId: USERS.bob, channelId: CHANNEL });
  const stats = await eventually(() => h.slack.ephemeralsFor(USERS.bob).map(text).find((t) => t.includes('practice in this channel')), 5000, 'stats');
  expect(stats).toContain('*All time:* 3 points, rank 1,');
  await h.driver.command({ text: 'stats', userId: USERS.carol, channelId: CHANNEL });
  const carol = await eventually(() => h.slack.ephemeralsFor(USERS.carol).map(text).find((t) => t.includes('practice in this channel')), 5000, 'stats');
  expect(carol).toContain('*All time:* 1 point, rank 4,');
});
