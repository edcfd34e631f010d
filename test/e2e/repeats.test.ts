/**
 * A channel gets no question it has had while one that matches the current filter is still unposted there, across
 * filters, on-demand and scheduled alike; when a question does come back, a person's earlier answer carries over
 * and a new one replaces it, so it scores once.
 */
import path from 'node:path';
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import type { StoredMessage } from '../../dev/local-slack';
import { nowSeconds } from '../../dev/local-slack/signing';

const TOPIC_PACKS = path.resolve(__dirname, '../fixtures/topic-packs');
const ADVANCED_KUBERNETES = ['etcd loses quorum', 'upgrade a control plane'];
const OTHER_KUBERNETES = ['What is a Pod', 'Deployment add', 'scheduler pick a node', 'requests and limits'];

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot({ contentDir: TOPIC_PACKS });
});
afterEach(async () => {
  await h.stop();
});

const textOf = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const which = (msg: StoredMessage, titles: string[]) => titles.find((t) => textOf(msg).includes(t)) ?? null;

async function ask(text: string, user = USERS.alice): Promise<StoredMessage> {
  const before = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text, userId: user, channelId: CHANNEL });
  const msg = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, `question for "${text}"`);
  await h.waitForPost(msg.ts);
  return msg;
}

/** Runs the scheduler's next due post now, as the streaks test does. */
async function questionOfTheDay(): Promise<StoredMessage> {
  const id = BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL);
  const isQotd = (m: StoredMessage) => m.metadata?.event_type === 'qotd_posted';
  const before = h.slack.messages(CHANNEL).filter(isQotd).length;
  const job = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 8000, 'next run');
  await job.promote();
  const msg = await eventually(() => h.slack.messages(CHANNEL).filter(isQotd)[before], 8000, 'question of the day');
  await h.waitForPost(msg.ts);
  return msg;
}

async function reveal(question: StoredMessage): Promise<StoredMessage> {
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  await eventually(async () => (await h.redis.hget(h.channelKeys().post(question.ts), 'answerTs')) === answer.ts, 5000, 'answer recorded');
  return answer;
}

let clock = nowSeconds();
async function vote(user: string, question: StoredMessage, answer: StoredMessage, level: number): Promise<string> {
  const seen = h.slack.ephemeralsFor(user, { channelId: CHANNEL }).length;
  await h.driver.blockAction({
    userId: user,
    channelId: CHANNEL,
    message: answer,
    actionId: `record_level_${level}`,
    value: `${question.ts}|${level}`,
    actionExtra: { action_ts: `${++clock}.000000` },
  });
  return eventually(() => h.slack.ephemeralsFor(user, { channelId: CHANNEL }).slice(seen).map(textOf)[0], 5000, 'confirmation');
}

async function board(user: string): Promise<string> {
  const seen = h.slack.ephemeralsFor(user, { channelId: CHANNEL }).length;
  await h.driver.command({ text: 'leaderboard', userId: user, channelId: CHANNEL });
  return eventually(() => h.slack.ephemeralsFor(user, { channelId: CHANNEL }).slice(seen).map(textOf).find((t) => t.includes('Leaderboard')), 5000, 'board');
}

test('across filters and kinds of post, no question comes back while another that matches is unposted; it then scores once', async () => {
  // On demand: both advanced Kubernetes questions.
  const first = await ask('advanced kubernetes');
  const second = await ask('advanced k8s');
  expect([which(first, ADVANCED_KUBERNETES), which(second, ADVANCED_KUBERNETES)].sort()).toEqual([...ADVANCED_KUBERNETES].sort());

  // Bob answers the first one.
  const firstAnswer = await reveal(first);
  expect(await vote(USERS.bob, first, firstAnswer, 2)).toContain('Recorded: *Intermediate*');

  // A daily Kubernetes question: the four others come first, in some order, each once.
  await h.driver.command({ text: 'schedule 09:30 UTC daily kubernetes', userId: USERS.admin, channelId: CHANNEL });
  const daily: Array<string | null> = [];
  for (let i = 0; i < 4; i++) daily.push(which(await questionOfTheDay(), [...OTHER_KUBERNETES, ...ADVANCED_KUBERNETES]));
  expect([...daily].sort()).toEqual([...OTHER_KUBERNETES].sort());

  // Every Kubernetes question has been out: the one posted longest ago comes back.
  const again = await questionOfTheDay();
  expect(which(again, ADVANCED_KUBERNETES)).toBe(which(first, ADVANCED_KUBERNETES));

  // Bob sees his earlier answer, and a new one replaces it: 3 points, not 2 + 3.
  const againAnswer = await reveal(again);
  const confirmation = await vote(USERS.bob, again, againAnswer, 3);
  expect(confirmation).toContain('Intermediate');
  expect(confirmation).toContain('last time');
  expect(await board(USERS.bob)).toMatch(/<@UBOB0002> {2}\*3\* points {2}· {2}1 answered/);

  // The same level as last time changes nothing on the board.
  const carolFirst = await vote(USERS.carol, first, firstAnswer, 1);
  expect(carolFirst).toContain('Recorded');
  const carolAgain = await vote(USERS.carol, again, againAnswer, 1);
  expect(carolAgain).toContain('last time');
  expect(await board(USERS.carol)).toMatch(/<@UCAROL03> {2}\*1\* point {2}· {2}1 answered/);

  // Both answer messages count the answers given on them.
  await eventually(() => textOf(h.slack.message(CHANNEL, againAnswer.ts) ?? {}).includes('2 answers'), 8000, 'tally of the repeat');
}, 60_000);

test('an on-demand question after a scheduled one avoids it too', async () => {
  await h.driver.command({ text: 'schedule 09:30 UTC daily terraform', userId: USERS.admin, channelId: CHANNEL });
  const titles = ['state file record', 'rename a resource', 'lock the state'];
  const scheduled = which(await questionOfTheDay(), titles);
  const onDemand = [which(await ask('terraform'), titles), which(await ask('iac'), titles)];
  expect([scheduled, ...onDemand].sort()).toEqual([...titles].sort());
});
