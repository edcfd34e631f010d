/** The board shows the top 10, and a caller outside them sees their own rank below. */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

test('top 10 with medals, then the caller\'s own row when outside them', async () => {
  const players = Array.from({ length: 12 }, (_, i) => `UPLAYER${String(i).padStart(2, '0')}`);
  for (const id of players) {
    h.slack.addUser({ id, name: id.toLowerCase() });
    h.slack.joinChannel(CHANNEL, id);
  }
  await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h.slack.messages(CHANNEL)[0], 5000, 'question');
  await h.waitForPost(question.ts);
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const reply = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  // Players 0–3 advanced, 4–7 intermediate, 8–11 beginner.
  await Promise.all(
    players.map((userId, i) => h.driver.clickButton({ userId, channelId: CHANNEL, ts: reply.ts, actionId: `record_level_${3 - Math.floor(i / 4)}` })),
  );
  await eventually(async () => (await h.redis.zcard(h.channelKeys().board('all'))) === 12, 5000, 'votes');

  // Equal points are ordered by user id, descending (Redis ZREVRANGE): player 8 is 12th.
  const last = players[8];
  await h.driver.command({ text: 'leaderboard', userId: last, channelId: CHANNEL });
  const shown = await eventually(() => h.slack.ephemeralsFor(last).find((e) => text(e).includes('Leaderboard')), 5000, 'board');
  const board = JSON.stringify(shown.blocks);
  const ranked = [...board.matchAll(/<@(UPLAYER\d+)>/g)].map((m) => m[1]);
  // Ten rows, then the caller again in their own row.
  expect(ranked).toHaveLength(11);
  expect(ranked.slice(0, 4).sort()).toEqual(players.slice(0, 4));
  expect(ranked[10]).toBe(last);
  expect(board).toContain('🥇');
  expect(board).toMatch(/\*12\.\* <@UPLAYER08>  \*1\* pts.*\(you\)/);
});
