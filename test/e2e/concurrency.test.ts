/**
 * 500 people record their level on one revealed question at the same moment, each clicking twice (a level, then
 * another, both requests in flight together and half of them arriving in the opposite order), through the real
 * HTTP app. Afterwards the boards hold exactly the expected totals: every person once, with the level of their
 * later click, and the coalesced tally on the answer message shows the same distribution.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { BoardStore } from '../../src/store/boards';
import { Keys } from '../../src/store/keys';
import { periodIds } from '../../src/quiz/periods';
import { tallyLine } from '../../src/views/answer-message';
import type { StoredMessage } from '../../dev/local-slack';
import { nowSeconds } from '../../dev/local-slack/signing';
import { seededRandom as mulberry32 } from '../support/random';

const PEOPLE = 500;
const IN_FLIGHT = 32;

jest.setTimeout(60_000);

let h: BotHarness;

beforeAll(async () => {
  h = await bootBot();
});
afterAll(async () => {
  await h.stop();
});


/** Runs the tasks with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const textOf = (m: { text?: unknown; blocks?: unknown }) => JSON.stringify(m.blocks ?? []) + String(m.text ?? '');

test(`${PEOPLE} people, two clicks each, at once: boards and tally equal the expected totals exactly`, async () => {
  const random = mulberry32(Number(process.env.CONCURRENCY_SEED ?? 7));
  const people = Array.from({ length: PEOPLE }, (_, i) => `UP${String(i).padStart(7, '0')}`);
  for (const id of people) {
    h.slack.addUser({ id, name: id.toLowerCase() });
    h.slack.joinChannel(CHANNEL, id);
  }

  // A question, revealed.
  await h.driver.command({ text: 'intermediate', userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h.slack.messages(CHANNEL)[0], 5000, 'question');
  await h.waitForPost(question.ts);
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer: StoredMessage = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  await eventually(async () => (await h.redis.hget(h.channelKeys().post(question.ts), 'answerTs')) === answer.ts, 5000, 'answer recorded');

  // Each person: a first level and a second one (sometimes the same), clicked a moment apart; Slack stamps each
  // click with its action_ts. Both requests go out together, the later click first for about half the people.
  const second = nowSeconds();
  const plans = people.map((user, i) => {
    const first = Math.floor(random() * 4);
    const final = Math.floor(random() * 4);
    return { user, first, final, firstAt: `${second}.${String(2 * i).padStart(6, '0')}`, finalAt: `${second}.${String(2 * i + 1).padStart(6, '0')}`, swapped: random() < 0.5 };
  });
  const click = (user: string, level: number, actionTs: string) => () =>
    h.driver.blockAction({
      userId: user,
      channelId: CHANNEL,
      message: answer,
      actionId: `record_level_${level}`,
      value: `${question.ts}|${level}`,
      actionExtra: { action_ts: actionTs },
      timeoutMs: 30_000,
    });
  const tasks = plans.flatMap((p) => {
    const pair = [click(p.user, p.first, p.firstAt), click(p.user, p.final, p.finalAt)];
    return p.swapped ? pair.reverse() : pair;
  });

  const started = Date.now();
  const sent = await pool(tasks, IN_FLIGHT);
  const elapsed = Date.now() - started;
  expect(sent.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);

  // Expected: every person once, at the level of their later click.
  const expectedPoints = new Map(plans.map((p) => [p.user, p.final]));
  const expectedTally = [0, 0, 0, 0] as [number, number, number, number];
  for (const p of plans) expectedTally[p.final]++;
  const expectedSum = plans.reduce((a, p) => a + p.final, 0);

  // Read back through the store the app uses, for all three periods.
  const boards = new BoardStore(h.redis, new Keys(h.prefix));
  const { week, month } = periodIds(new Date(), 'UTC');
  for (const period of ['all', week, month]) {
    const board = await boards.readBoard(h.slack.team.id, CHANNEL, period, PEOPLE + 10);
    expect(board.rows).toHaveLength(PEOPLE);
    const got = new Map(board.rows.map((r) => [r.user, r.points]));
    expect(got).toEqual(expectedPoints);
    expect(board.rows.reduce((a, r) => a + r.points, 0)).toBe(expectedSum);
    for (const r of board.rows) {
      expect(r.answers).toBe(1);
      const mix = [0, 0, 0, 0];
      mix[expectedPoints.get(r.user)!] = 1;
      expect(r.mix).toEqual(mix);
    }
    // Ranks follow points.
    for (let i = 1; i < board.rows.length; i++) expect(board.rows[i - 1].points).toBeGreaterThanOrEqual(board.rows[i].points);
  }
  const k = h.channelKeys();
  expect(await h.redis.hlen(k.votes(question.ts))).toBe(PEOPLE);
  const tally = (await h.redis.hmget(k.post(question.ts), 'tally:0', 'tally:1', 'tally:2', 'tally:3')).map(Number);
  expect(tally).toEqual(expectedTally);

  // Every click got its private answer.
  await eventually(() => h.slack.responsesTo().filter((r) => r.applied === 'ephemeral').length >= 2 * PEOPLE, 10_000, 'confirmations');
  expect(h.slack.responsesTo().filter((r) => r.status !== 200)).toEqual([]);

  // The tally on the answer message, refreshed by the coalesced update, shows the final distribution.
  const line = tallyLine(expectedTally);
  await eventually(() => textOf(h.slack.message(CHANNEL, answer.ts) ?? {}).includes(line), 15_000, `tally "${line}"`);
  const tallyEdits = h.slack.callsTo('chat.update').filter((c) => c.args.ts === answer.ts).length;
  expect(tallyEdits).toBeLessThan(2 * PEOPLE / 10);

  // And through the app: the leaderboard command shows the top ten with the expected points.
  await h.driver.command({ text: 'leaderboard', userId: people[0], channelId: CHANNEL });
  const shown = await eventually(() => h.slack.ephemeralsFor(people[0], { channelId: CHANNEL }).map(textOf).find((t) => t.includes('Leaderboard')), 5000, 'leaderboard');
  const topPoints = [...expectedPoints.values()].sort((a, b) => b - a).slice(0, 10);
  const shownPoints = [...shown.matchAll(/> {2}\*(\d+)\* points?/g)].map((m) => Number(m[1]));
  expect(shownPoints.slice(0, 10)).toEqual(topPoints);
  expect(h.slack.warnings).toEqual([]);

  // For the record (visible with --verbose): how long the 1,000 clicks took.
  console.log(`${2 * PEOPLE} clicks, ${IN_FLIGHT} in flight: ${elapsed} ms (${Math.round((2 * PEOPLE * 1000) / elapsed)}/s); ${tallyEdits} tally edits`);
});
