/**
 * Ids that reach the bot in Slack's requests end up in Redis keys. Requests whose team, channel or user id is not
 * of Slack's shape are acknowledged with a short private notice and change nothing; a level vote without a
 * well-formed `action_ts`, after one that had it, is stale. All requests here are correctly signed: what is
 * checked is what they carry.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import type { StoredMessage } from '../../dev/local-slack';
import { nowSeconds } from '../../dev/local-slack/signing';

const FORM = 'application/x-www-form-urlencoded';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const settle = () => new Promise((r) => setTimeout(r, 300));
const textOf = (m: { text?: unknown; blocks?: unknown }) => JSON.stringify(m.blocks ?? []) + String(m.text ?? '');
/** The bot's own keys (the queues' keys left out), sorted. */
const botKeys = async () => (await h.redis.keys(`${h.prefix}:*`)).sort();

async function postQuestion(): Promise<StoredMessage> {
  const before = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text: 'beginner', userId: USERS.alice, channelId: CHANNEL });
  const msg = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, 'question posted');
  await h.waitForPost(msg.ts);
  return msg;
}

async function revealed(question: StoredMessage): Promise<StoredMessage> {
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  await eventually(async () => (await h.redis.hget(h.channelKeys().post(question.ts), 'answerTs')) === answer.ts, 5000, 'answer recorded');
  return answer;
}

test('a command whose team, channel or user id is malformed is acknowledged with a short notice and stores nothing', async () => {
  const before = await botKeys();
  // The form the driver would send, then one id changed and the whole signed again (as Slack would sign it).
  const { form } = await h.driver.command({ text: 'beginner', userId: USERS.alice, channelId: CHANNEL, signature: 'none' });
  const malformed: Array<Record<string, string>> = [
    { team_id: `${h.slack.team.id}:${CHANNEL}` },
    { team_id: '' },
    { team_id: `${h.slack.team.id}}` },
    { channel_id: `${CHANNEL}}x` },
    { channel_id: `${CHANNEL}:post:1` },
    { user_id: `${USERS.alice}:${USERS.bob}` },
    { user_id: 'alice' },
  ];
  for (const [i, change] of malformed.entries()) {
    const responseUrl = h.slack.responseUrl({ userId: USERS.alice, channelId: CHANNEL });
    const body = new URLSearchParams({ ...form, ...change, response_url: responseUrl, trigger_id: `${nowSeconds()}.${i}.abc` }).toString();
    const res = await h.driver.post(body, FORM);
    expect({ change, status: res.status }).toEqual({ change, status: 200 });
    const notice = await eventually(() => h.slack.responsesTo(responseUrl)[0], 5000, `the notice for ${JSON.stringify(change)}`);
    expect(textOf(notice.body as object)).toMatch(/could not read/);
  }
  await settle();
  expect(h.slack.messages(CHANNEL)).toHaveLength(0);
  expect(await botKeys()).toEqual(before);
});

test('a level vote from a malformed user id records nothing', async () => {
  const answer = await revealed(await postQuestion());
  const board = h.channelKeys().board('all');
  const clicked = await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: 'record_level_3', value: `${answer.thread_ts}|3`, signature: 'none' });
  for (const id of [`${USERS.bob}:x`, `${USERS.bob}|3`, '']) {
    const payload = { ...clicked.payload, user: { ...(clicked.payload.user as object), id } };
    const res = await h.driver.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(res.status).toBe(200);
  }
  await eventually(() => h.slack.responsesTo(clicked.responseUrl).length === 3, 5000, 'three notices');
  for (const r of h.slack.responsesTo(clicked.responseUrl)) expect(textOf(r.body as object)).toMatch(/could not read/);
  await settle();
  expect(await h.redis.zcard(board)).toBe(0);
  expect(await h.redis.exists(h.channelKeys().votes(answer.thread_ts!))).toBe(0);
});

test('a vote without a well-formed action_ts, after one that had one, is stale: the first click stands', async () => {
  const question = await postQuestion();
  const answer = await revealed(question);
  const k = h.channelKeys();
  const ts = nowSeconds();
  const vote = (score: number, actionExtra: Record<string, unknown>) =>
    h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: `record_level_${score}`, value: `${question.ts}|${score}`, actionExtra });
  expect((await vote(3, { action_ts: `${ts}.100000` })).status).toBe(200);
  await eventually(async () => Math.floor(Number(await h.redis.zscore(k.board('all'), USERS.bob))) === 3, 5000, 'first vote');
  for (const actionExtra of [{ action_ts: undefined }, { action_ts: '' }, { action_ts: 'later' }, { action_ts: '99999999999999.1' }, { action_ts: 12 }]) {
    expect((await vote(1, actionExtra)).status).toBe(200);
  }
  await settle();
  expect(Math.floor(Number(await h.redis.zscore(k.board('all'), USERS.bob)))).toBe(3);
  expect((await h.redis.hget(k.votes(question.ts), USERS.bob))?.split('|')[0]).toBe('3');
  // A later, well-formed click still changes it.
  await vote(2, { action_ts: `${ts}.200000` });
  await eventually(async () => Math.floor(Number(await h.redis.zscore(k.board('all'), USERS.bob))) === 2, 5000, 'changed vote');
});
