/**
 * Requests that did not come from Slack as they are, or came twice: unsigned, wrongly signed, stale, altered
 * after signing, replayed within Bolt's five-minute window, redelivered with `X-Slack-Retry-Num`, or carrying
 * button values taken from elsewhere. The first kinds are refused with 401; the rest change nothing, because
 * the handlers are idempotent and check every value against Redis.
 */
import { bootBot, CHANNEL, SIGNING_SECRET, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { signRequest, nowSeconds } from '../../dev/local-slack/signing';
import type { StoredMessage } from '../../dev/local-slack';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';

const FORM = 'application/x-www-form-urlencoded';
const OTHER_CHANNEL = 'C0OTHER01';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot({ env: { QUIZ_ADMINS: USERS.carol } });
  h.slack.addChannel({ id: OTHER_CHANNEL, name: 'other-team', members: Object.values(USERS) });
});
afterEach(async () => {
  await h.stop();
});

const textOf = (m: { text?: unknown; blocks?: unknown }) => JSON.stringify(m.blocks ?? []) + String(m.text ?? '');
const settle = () => new Promise((r) => setTimeout(r, 250));

async function postQuestion(level: string, channelId = CHANNEL): Promise<StoredMessage> {
  const before = h.slack.messages(channelId).length;
  await h.driver.command({ text: level, userId: USERS.alice, channelId });
  const msg = await eventually(() => h.slack.messages(channelId)[before], 5000, 'question posted');
  await h.waitForPost(msg.ts, channelId);
  return msg;
}

async function reveal(question: StoredMessage, channelId = CHANNEL): Promise<StoredMessage> {
  await h.driver.clickButton({ userId: USERS.alice, channelId, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(channelId, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  // The answer message is recorded right after Slack answers.
  await eventually(async () => (await h.redis.hget(h.channelKeys(channelId).post(question.ts), 'answerTs')) === answer.ts, 5000, 'answer recorded');
  return answer;
}

/** Points, answers and the vote of one user, straight from Redis. */
async function standing(user: string, postTs: string, channelId = CHANNEL) {
  const k = h.channelKeys(channelId);
  const [points, answers, vote, tally] = await Promise.all([
    h.redis.zscore(k.board('all'), user),
    h.redis.hget(k.boardStats('all'), `${user}:answers`),
    h.redis.hget(k.votes(postTs), user),
    h.redis.hmget(k.post(postTs), 'tally:0', 'tally:1', 'tally:2', 'tally:3'),
  ]);
  return { points: Math.floor(Number(points ?? 0)), answers: Number(answers ?? 0), level: vote ? Number(vote.split('|')[0]) : null, tally: tally.map((t) => Number(t ?? 0)) };
}

const answersIn = (question: StoredMessage, channelId = CHANNEL) => h.slack.thread(channelId, question.ts).filter((m) => m.ts !== question.ts);

/** A level click with an explicit action_ts, as Slack stamps each click. */
function vote(user: string, answer: StoredMessage, score: number, actionTs: string, extra: { timestamp?: number; value?: string; actionId?: string; channelId?: string } = {}) {
  return h.driver.blockAction({
    userId: user,
    channelId: extra.channelId ?? CHANNEL,
    message: answer,
    actionId: extra.actionId ?? `record_level_${score}`,
    value: extra.value ?? `${answer.thread_ts}|${score}`,
    actionExtra: { action_ts: actionTs },
    timestamp: extra.timestamp,
  });
}

describe('refused before any handler runs', () => {
  test('unsigned, wrongly signed, stale and malformed-signature interactions get 401 and change nothing', async () => {
    const question = await postQuestion('beginner');
    for (const send of [{ signature: 'none' as const }, { signature: 'bad' as const }, { ageSeconds: 6 * 60 }, { ageSeconds: 60 * 60 * 24 }]) {
      const res = await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer', ...send });
      expect(res.status).toBe(401);
    }
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: USERS.bob }, actions: [] }) }).toString();
    const ts = nowSeconds();
    const good = signRequest(SIGNING_SECRET, body, ts);
    const attempts: Array<Record<string, string>> = [
      { 'x-slack-signature': 'v0=' + '0'.repeat(64), 'x-slack-request-timestamp': String(ts) },
      { 'x-slack-signature': good['x-slack-signature'].replace('v0=', 'v1='), 'x-slack-request-timestamp': String(ts) },
      { 'x-slack-signature': good['x-slack-signature'] },
      { 'x-slack-request-timestamp': String(ts) },
      { 'x-slack-signature': good['x-slack-signature'], 'x-slack-request-timestamp': 'not-a-number' },
      { 'x-slack-signature': good['x-slack-signature'], 'x-slack-request-timestamp': String(ts - 1) },
      { 'x-slack-signature': `${good['x-slack-signature']}00`, 'x-slack-request-timestamp': String(ts) },
    ];
    for (const headers of attempts) {
      const res = await h.driver.post(body, FORM, { signature: 'none', headers });
      expect({ headers, status: res.status }).toEqual({ headers, status: 401 });
    }
    await settle();
    expect(answersIn(question)).toHaveLength(0);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
  });

  test('a body changed after signing (user_id of an admin put in) is refused with 401: no schedule change', async () => {
    const res = await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
    expect(res.status).toBe(200);
    await eventually(async () => (await h.bot.queues.qotd.getJobSchedulersCount()) === 1, 5000, 'schedule set');

    // Bob signs `schedule off` as himself (the driver gives back the form it would send), then swaps in the admin.
    const { form } = await h.driver.command({ text: 'schedule off', userId: USERS.bob, channelId: CHANNEL, signature: 'none' });
    const ts = nowSeconds();
    const signed: Record<string, string> = { ...signRequest(SIGNING_SECRET, new URLSearchParams(form).toString(), ts) };
    for (const tampered of [
      { ...form, user_id: USERS.admin, user_name: 'admin' },
      { ...form, user_id: USERS.carol },
      { ...form, text: 'schedule 10:00 UTC daily' },
      { ...form, channel_id: OTHER_CHANNEL },
    ]) {
      const sent = await h.driver.post(new URLSearchParams(tampered).toString(), FORM, { signature: 'none', headers: signed });
      expect(sent.status).toBe(401);
    }
    // The same, for a level vote moved to another user.
    const question = await postQuestion('beginner');
    const answer = await reveal(question);
    const clicked = await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: 'record_level_3', value: `${question.ts}|3`, signature: 'none' });
    expect(clicked.status).toBe(401);
    const payload = clicked.payload;
    const original = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const sig: Record<string, string> = { ...signRequest(SIGNING_SECRET, original, ts) };
    const forged = new URLSearchParams({ payload: JSON.stringify({ ...payload, user: { ...(payload.user as object), id: USERS.carol } }) }).toString();
    expect((await h.driver.post(forged, FORM, { signature: 'none', headers: sig })).status).toBe(401);
    // Signed as sent, it is accepted: the signature was the only thing wrong above.
    expect((await h.driver.post(original, FORM, { signature: 'none', headers: sig })).status).toBe(200);
    await eventually(async () => (await standing(USERS.bob, question.ts)).points === 3, 5000, 'bob recorded');

    await settle();
    expect(await h.bot.queues.qotd.getJobSchedulersCount()).toBe(1);
    expect(await h.redis.exists(h.channelKeys().schedule)).toBe(1);
    expect(await standing(USERS.carol, question.ts)).toMatchObject({ points: 0, answers: 0, level: null });
    expect(h.slack.ephemeralsFor(USERS.bob).map(textOf).join('\n')).not.toMatch(/turned off/);
  });

  test('a user outside QUIZ_ADMINS who is not a workspace admin cannot set or turn off a schedule', async () => {
    await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.carol, channelId: CHANNEL }); // in QUIZ_ADMINS
    await eventually(async () => (await h.bot.queues.qotd.getJobSchedulersCount()) === 1, 5000, 'schedule set');
    for (const text of ['schedule off', 'schedule stop', 'schedule remove', 'schedule 10:00 UTC daily', 'schedule 8am weekdays reveal 1h']) {
      await h.driver.command({ text, userId: USERS.bob, channelId: CHANNEL });
    }
    await eventually(() => h.slack.ephemeralsFor(USERS.bob).filter((e) => /Only workspace admins/.test(textOf(e))).length === 5, 5000, 'five refusals');
    await settle();
    expect(await h.bot.queues.qotd.getJobSchedulersCount()).toBe(1);
    const scheduler = await h.bot.queues.qotd.getJobScheduler(BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL));
    expect(scheduler?.pattern).toBe('30 9 * * 0,1,2,3,4,5,6');
    expect(JSON.parse((await h.redis.get(h.channelKeys().schedule)) ?? '{}')).toMatchObject({ time: '09:30', tz: 'UTC', setBy: USERS.carol });
  });
});

describe('replays and redeliveries change nothing', () => {
  test('a captured /devops-quiz replayed five times within the window, and redelivered with X-Slack-Retry-Num, posts one question', async () => {
    const ts = nowSeconds();
    const first = await h.driver.command({ text: 'beginner', userId: USERS.alice, channelId: CHANNEL, timestamp: ts });
    expect(first.status).toBe(200);
    await eventually(() => h.slack.messages(CHANNEL)[0], 5000, 'question posted');
    const body = new URLSearchParams(first.form).toString();
    const replays = await Promise.all([
      ...Array.from({ length: 5 }, () => h.driver.post(body, FORM, { timestamp: ts })),
      h.driver.post(body, FORM, { timestamp: ts, retryNum: 1, retryReason: 'http_timeout' }),
      h.driver.post(body, FORM, { timestamp: ts, retryNum: 2, retryReason: 'http_error' }),
    ]);
    for (const r of replays) expect(r.status).toBe(200);
    await settle();
    expect(h.slack.messages(CHANNEL)).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    // A replay is acknowledged and does nothing: no answer at all, not even a private one.
    expect(h.slack.responsesTo(first.responseUrl)).toHaveLength(0);
    // A new command (a new trigger_id) still posts.
    await h.driver.command({ text: 'beginner', userId: USERS.alice, channelId: CHANNEL });
    await eventually(() => h.slack.messages(CHANNEL).length === 2, 5000, 'second question');
  });

  test('replays of other commands do nothing either: no second schedule announcement, no second private answer', async () => {
    const ts = nowSeconds();
    const schedule = await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL, timestamp: ts });
    const board = await h.driver.command({ text: 'leaderboard', userId: USERS.bob, channelId: CHANNEL, timestamp: ts });
    await eventually(() => h.slack.messages(CHANNEL).length === 1 && h.slack.responsesTo(board.responseUrl).length === 1, 5000, 'the announcement and the board');
    for (const sent of [schedule, board]) {
      const body = new URLSearchParams(sent.form).toString();
      for (const retryNum of [undefined, undefined, 1, 2]) expect((await h.driver.post(body, FORM, { timestamp: ts, retryNum })).status).toBe(200);
    }
    await settle();
    expect(h.slack.messages(CHANNEL)).toHaveLength(1);
    expect(h.slack.responsesTo(board.responseUrl)).toHaveLength(1);
  });

  test('a replayed reveal (same body, signature and timestamp) and a redelivered one post no second answer', async () => {
    const question = await postQuestion('beginner');
    const ts = nowSeconds();
    const first = await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer', timestamp: ts });
    expect(first.status).toBe(200);
    await eventually(() => answersIn(question).length === 1, 5000, 'answer');
    const body = new URLSearchParams({ payload: JSON.stringify(first.payload) }).toString();
    const replays = await Promise.all([
      h.driver.post(body, FORM, { timestamp: ts }),
      h.driver.post(body, FORM, { timestamp: ts }),
      h.driver.post(body, FORM, { timestamp: ts, retryNum: 1, retryReason: 'http_timeout' }),
      h.driver.post(body, FORM, { timestamp: ts, retryNum: 2, retryReason: 'http_error' }),
    ]);
    for (const r of replays) expect(r.status).toBe(200);
    await settle();
    expect(answersIn(question)).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === question.ts)).toHaveLength(1);
    expect(h.slack.warnings).toEqual([]);
  });

  test('a replayed or redelivered level vote changes no points, even after a newer click', async () => {
    const question = await postQuestion('intermediate');
    const answer = await reveal(question);
    const ts = nowSeconds();
    const a = await vote(USERS.bob, answer, 3, `${ts}.100000`, { timestamp: ts });
    expect(a.status).toBe(200);
    await eventually(async () => (await standing(USERS.bob, question.ts)).points === 3, 5000, 'first vote');
    const bodyA = new URLSearchParams({ payload: JSON.stringify(a.payload) }).toString();

    // Replayed right away and redelivered: still one answer at 3 points.
    await h.driver.post(bodyA, FORM, { timestamp: ts });
    await h.driver.post(bodyA, FORM, { timestamp: ts, retryNum: 1 });
    await settle();
    expect(await standing(USERS.bob, question.ts)).toEqual({ points: 3, answers: 1, level: 3, tally: [0, 0, 0, 1] });

    // Bob changes his mind (a later click), then the old request arrives again: his latest click stands.
    const b = await vote(USERS.bob, answer, 1, `${ts}.200000`, { timestamp: ts });
    expect(b.status).toBe(200);
    await eventually(async () => (await standing(USERS.bob, question.ts)).points === 1, 5000, 'changed vote');
    const bodyB = new URLSearchParams({ payload: JSON.stringify(b.payload) }).toString();
    for (const r of await Promise.all([h.driver.post(bodyA, FORM, { timestamp: ts }), h.driver.post(bodyA, FORM, { timestamp: ts, retryNum: 2 }), h.driver.post(bodyB, FORM, { timestamp: ts, retryNum: 1 })])) {
      expect(r.status).toBe(200);
    }
    await settle();
    expect(await standing(USERS.bob, question.ts)).toEqual({ points: 1, answers: 1, level: 1, tally: [0, 1, 0, 0] });
  });

  test('two clicks that arrive out of order: the later click wins, whatever the arrival order', async () => {
    const question = await postQuestion('advanced');
    const answer = await reveal(question);
    const ts = nowSeconds();
    await vote(USERS.carol, answer, 2, `${ts}.900000`);
    await vote(USERS.carol, answer, 0, `${ts}.100000`); // clicked earlier, arrived later
    await settle();
    expect(await standing(USERS.carol, question.ts)).toEqual({ points: 2, answers: 1, level: 2, tally: [0, 0, 1, 0] });
  });
});

describe('tampered button values change nothing', () => {
  test("another question's id, another channel's post, a level that disagrees, garbage", async () => {
    const first = await postQuestion('beginner');
    const firstAnswer = await reveal(first);
    const second = await postQuestion('advanced');
    const secondAnswer = await reveal(second);
    const elsewhere = await postQuestion('intermediate', OTHER_CHANNEL);
    const elsewhereAnswer = await reveal(elsewhere, OTHER_CHANNEL);
    const ts = nowSeconds();
    let n = 0;
    const click = (message: StoredMessage, actionId: string, value: string, channelId = CHANNEL) =>
      h.driver.blockAction({ userId: USERS.bob, channelId, message, actionId, value, actionExtra: { action_ts: `${ts}.${String(++n).padStart(6, '0')}` } });

    const attempts: Array<Promise<{ status: number }>> = [
      // On the first answer, a value naming the second question's post.
      click(firstAnswer, 'record_level_3', `${second.ts}|3`),
      // On the first answer, the post of a question in another channel.
      click(firstAnswer, 'record_level_3', `${elsewhere.ts}|3`),
      // The other channel's answer message, claimed to be in this channel.
      click(elsewhereAnswer, 'record_level_3', `${elsewhere.ts}|3`),
      // This channel's answer, claimed to be in the other channel.
      click(firstAnswer, 'record_level_3', `${first.ts}|3`, OTHER_CHANNEL),
      // The question message itself, not its answer.
      click(first, 'record_level_3', `${first.ts}|3`),
      // A level that disagrees with the action id, both ways.
      click(firstAnswer, 'record_level_3', `${first.ts}|1`),
      click(firstAnswer, 'record_level_1', `${first.ts}|3`),
      // Garbage.
      ...['', '|', '|3', `${first.ts}|`, `${first.ts}|9`, `${first.ts}|-1`, `${first.ts}|3|3`, `${first.ts}|03`, `__proto__|3`, `${first.ts}|3`.repeat(500), `<!channel>|3`].map((v) => click(firstAnswer, 'record_level_3', v)),
    ];
    const results = await Promise.all(attempts);
    for (const r of results) expect(r.status).toBe(200);
    // Each got a private answer (refusals), and nothing was recorded anywhere.
    await eventually(() => h.slack.ephemeralsFor(USERS.bob, { includeDeleted: true }).length >= attempts.length, 5000, 'refusals');
    await settle();
    expect(h.slack.ephemeralsFor(USERS.bob, { includeDeleted: true })).toHaveLength(attempts.length);
    for (const e of h.slack.ephemeralsFor(USERS.bob, { includeDeleted: true })) expect(textOf(e)).toMatch(/nothing was recorded/);
    for (const [q, channel] of [[first, CHANNEL], [second, CHANNEL], [elsewhere, OTHER_CHANNEL]] as const) {
      expect(await standing(USERS.bob, q.ts, channel)).toEqual({ points: 0, answers: 0, level: null, tally: [0, 0, 0, 0] });
    }
    expect(await h.redis.zcard(h.channelKeys().board('all'))).toBe(0);
    expect(await h.redis.zcard(h.channelKeys(OTHER_CHANNEL).board('all'))).toBe(0);
    // No tally was edited either.
    await new Promise((r) => setTimeout(r, 500));
    expect(h.slack.callsTo('chat.update').filter((c) => [firstAnswer.ts, secondAnswer.ts, elsewhereAnswer.ts].includes(String(c.args.ts)))).toHaveLength(0);
    expect(h.slack.warnings).toEqual([]);
  });

  test("a Reveal with another question's id in its value reveals the clicked question; on a non-question it reveals nothing", async () => {
    const first = await postQuestion('beginner');
    const second = await postQuestion('advanced');
    const res = await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: first, actionId: 'reveal_answer', value: 'mini/some-other-question' });
    expect(res.status).toBe(200);
    const answer = await eventually(() => answersIn(first)[0], 5000, 'answer');
    expect(textOf(answer)).toContain(String(first.text).split(': ').slice(1).join(': ').slice(0, 30));
    expect(answersIn(second)).toHaveLength(0);

    // A Reveal "clicked" on the answer message, on a message the bot never posted, and in the other channel.
    await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: 'reveal_answer', value: 'x' });
    await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: { ts: '1000000000.000001' }, actionId: 'reveal_answer', value: 'x' });
    await h.driver.blockAction({ userId: USERS.bob, channelId: OTHER_CHANNEL, message: second, actionId: 'reveal_answer', value: 'x' });
    await eventually(() => h.slack.ephemeralsFor(USERS.bob, { includeDeleted: true }).filter((e) => /no longer in my records/.test(textOf(e))).length === 3, 5000, 'three refusals');
    await settle();
    expect(answersIn(second)).toHaveLength(0);
    expect(h.slack.messages(OTHER_CHANNEL, { includeReplies: true })).toHaveLength(0);
  });
});
