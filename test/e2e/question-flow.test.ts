/**
 * The product's heart, end to end: slash command → question posted; Reveal → answer in the thread
 * exactly once; levels → tally, leaderboard and stats. Real Bolt over signed HTTP, real Redis,
 * real BullMQ workers, Slack replaced by the local stand-in.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import type { StoredMessage } from '../../dev/local-slack';
import { REVEAL_IN_FLIGHT_MS } from '../../src/quiz/reveal';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

function textOf(message: { text?: string; blocks?: unknown[] }): string {
  return JSON.stringify(message.blocks ?? []) + (message.text ?? '');
}

async function postQuestion(text = ''): Promise<StoredMessage> {
  const res = await h.driver.command({ text, userId: USERS.alice, channelId: CHANNEL });
  expect(res.status).toBe(200);
  const before = h.slack.messages(CHANNEL).length;
  const msg = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, 'question posted');
  await h.waitForPost(msg.ts);
  return msg;
}

function ephemeralTexts(user: string): string {
  return h.slack
    .ephemeralsFor(user, { channelId: CHANNEL })
    .map((e) => textOf(e))
    .join('\n');
}

test('the command posts a question with level, category, prompt and a Reveal button', async () => {
  const msg = await postQuestion('advanced');
  const body = textOf(msg);
  expect(body).toContain('How do you keep a pipeline fast as it grows?');
  expect(body).toContain('🔴 Advanced');
  expect(body).toContain('Pipelines');
  expect(body).toContain('🧠');
  expect(body).toContain('reveal_answer');
  expect(msg.text).toMatch(/Advanced.*Pipelines.*pipeline fast/);
  expect(h.slack.warnings).toEqual([]);
});

test('Reveal posts the answer in the thread once, even when many click at once', async () => {
  const msg = await postQuestion('beginner');
  const clickers = [USERS.alice, USERS.bob, USERS.carol, USERS.admin];
  const results = await Promise.all(clickers.map((userId) => h.driver.clickButton({ userId, channelId: CHANNEL, ts: msg.ts, actionId: 'reveal_answer' })));
  expect(results.every((r) => r.status === 200)).toBe(true);

  await eventually(() => h.slack.thread(CHANNEL, msg.ts).length > 1, 5000, 'answer in thread');
  // Give late clicks time to (wrongly) post a second answer before counting.
  await eventually(() => h.slack.callsTo('chat.update').length >= 1, 5000, 'question marked revealed');
  await new Promise((r) => setTimeout(r, 300));
  const replies = h.slack.thread(CHANNEL, msg.ts).filter((m) => m.ts !== msg.ts);
  expect(replies).toHaveLength(1);
  expect(textOf(replies[0])).toContain('filesystem in layers');
  expect(textOf(replies[0])).toContain('Why it matters');
  expect(textOf(replies[0])).toContain('How well did you know this?');
  // The answer names its question in its metadata, so a reveal cut off after posting can find it in the thread.
  expect(replies[0].metadata).toMatchObject({ event_type: 'answer_posted', event_payload: { post: msg.ts, question: expect.stringContaining('/') } });

  // The question now says who revealed it and has no Reveal button.
  const updated = h.slack.message(CHANNEL, msg.ts)!;
  expect(textOf(updated)).toContain('Answer revealed by <@');
  expect(textOf(updated)).not.toContain('reveal_answer');

  // The three who lost the race were pointed to the thread, privately.
  // (Depending on timing they hear "already in the thread" or "being posted in the thread right now".)
  await eventually(() => clickers.filter((u) => /revealed it/.test(ephemeralTexts(u))).length === 3, 5000, 'pointers');
});

test('a claim left by a reveal that never finished is taken over by one click of many, and the answer is posted once', async () => {
  const msg = await postQuestion('beginner');
  // Someone's reveal was claimed longer ago than any post can take, and nothing came of it (its process died).
  const claim = await h.bot.deps.posts.claimReveal(h.slack.team.id, CHANNEL, msg.ts, USERS.admin, Date.now() - REVEAL_IN_FLIGHT_MS - 1000);
  expect(claim.status).toBe('claimed');

  const clickers = [USERS.alice, USERS.bob, USERS.carol];
  await Promise.all(clickers.map((userId) => h.driver.clickButton({ userId, channelId: CHANNEL, ts: msg.ts, actionId: 'reveal_answer' })));
  await eventually(() => h.slack.thread(CHANNEL, msg.ts).length > 1, 5000, 'answer in thread');
  await eventually(() => clickers.filter((u) => /revealed it/.test(ephemeralTexts(u))).length === 2, 5000, 'the other two pointed to the thread');
  expect(h.slack.thread(CHANNEL, msg.ts).filter((m) => m.ts !== msg.ts)).toHaveLength(1);
  expect(textOf(h.slack.message(CHANNEL, msg.ts)!)).toContain('Answer revealed by <@');
});

async function revealAndGetAnswer(): Promise<{ question: StoredMessage; answer: StoredMessage }> {
  const question = await postQuestion('intermediate');
  await h.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 5000, 'answer');
  return { question, answer };
}

test('levels: one answer per person, changes move points, tally, leaderboard and stats follow', async () => {
  const { answer } = await revealAndGetAnswer();
  const vote = (userId: string, score: number) => h.driver.clickButton({ userId, channelId: CHANNEL, ts: answer.ts, actionId: `record_level_${score}` });

  await vote(USERS.alice, 3); // advanced: 3 points
  await vote(USERS.bob, 1); // beginner: 1 point
  await vote(USERS.carol, 0); // not yet: 0 points, still on the board
  await vote(USERS.bob, 1); // same again: no change
  await vote(USERS.alice, 2); // changed her mind: 2 points

  await eventually(() => ephemeralTexts(USERS.alice).includes('Changed from Advanced to'), 5000, 'change confirmation');
  expect(ephemeralTexts(USERS.bob)).toContain('You already answered *Beginner*');
  expect(ephemeralTexts(USERS.carol)).toContain('Recorded: *Not yet*');

  // The tally on the answer message is refreshed (coalesced) from Redis.
  await eventually(() => textOf(h.slack.message(CHANNEL, answer.ts) ?? {}).includes('3 answers'), 8000, 'tally update');
  const tally = textOf(h.slack.message(CHANNEL, answer.ts)!);
  expect(tally).toContain('🟢 1');
  expect(tally).toContain('🟡 1');
  expect(tally).toContain('🔴 0');
  expect(tally).toContain('📚 1');
  // Fewer tally updates than votes: bursts are coalesced.
  const tallyUpdates = h.slack.callsTo('chat.update').filter((c) => c.args.ts === answer.ts);
  expect(tallyUpdates.length).toBeLessThan(4);

  for (const period of ['', 'week', 'month']) {
    await h.driver.command({ text: `leaderboard ${period}`.trim(), userId: USERS.carol, channelId: CHANNEL });
  }
  const boards = await eventually(() => {
    const texts = h.slack.ephemeralsFor(USERS.carol, { channelId: CHANNEL }).map(textOf).filter((t) => t.includes('Leaderboard'));
    return texts.length === 3 ? texts : null;
  }, 5000, 'three boards');
  for (const board of boards) {
    const aliceAt = board.indexOf(`<@${USERS.alice}>`);
    const bobAt = board.indexOf(`<@${USERS.bob}>`);
    const carolAt = board.indexOf(`<@${USERS.carol}>`);
    expect(aliceAt).toBeGreaterThan(-1);
    expect(aliceAt).toBeLessThan(bobAt);
    expect(bobAt).toBeLessThan(carolAt);
    expect(board).toMatch(/UALICE01>  \*2\* points/);
    expect(board).toMatch(/UBOB0002>  \*1\* point /);
    expect(board).toMatch(/UCAROL03>  \*0\* points/);
  }

  await h.driver.command({ text: `stats <@${USERS.alice}|alice>`, userId: USERS.bob, channelId: CHANNEL });
  const stats = await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).map(textOf).find((t) => t.includes('practice in this channel')), 5000, 'stats');
  expect(stats).toContain('*All time:* 2 points, rank 1, 1 answered');
});

test('a level button taken from another question changes nothing', async () => {
  const { answer } = await revealAndGetAnswer();
  // Same message, but the value names another post and a level that disagrees with the action id.
  await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: 'record_level_3', value: `1234.5678|3` });
  await h.driver.blockAction({ userId: USERS.bob, channelId: CHANNEL, message: answer, actionId: 'record_level_3', value: `${answer.thread_ts}|1` });
  await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).length >= 2, 5000, 'refusals');
  expect(ephemeralTexts(USERS.bob)).toContain('nothing was recorded');
  await h.driver.command({ text: 'stats', userId: USERS.bob, channelId: CHANNEL });
  const stats = await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).map(textOf).find((t) => t.includes('practice in this channel')), 5000, 'stats');
  expect(stats).toContain('*All time:* no answers yet');
});

test('no repeats: a channel sees every question of the filter before any comes back', async () => {
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    const calls = await h.slack.waitFor('chat.postMessage', { count: i + 1 });
    seen.push(String(calls[i].args.text));
  }
  expect(new Set(seen).size).toBe(3);
});

test('unknown words, unknown topics and hostile text get friendly help, never silence', async () => {
  await h.driver.command({ text: 'frobnicate <!channel> <@U123|x>', userId: USERS.bob, channelId: CHANNEL });
  await h.driver.command({ text: 'leaderboard yesterday', userId: USERS.bob, channelId: CHANNEL });
  await h.driver.command({ text: 'kubernetes', userId: USERS.bob, channelId: CHANNEL });
  const texts = await eventually(() => {
    const e = h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).map(textOf);
    return e.length >= 3 ? e : null;
  }, 5000, 'three answers');
  expect(texts.join('\n')).toContain('did not understand');
  expect(texts.join('\n')).not.toContain('<!channel>');
  expect(texts.join('\n')).toContain('`week`, `month` or `all`');
  expect(texts.join('\n')).toContain('No questions match `kubernetes`');
  expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
});

test('not in the channel: the person is told how to invite the bot', async () => {
  h.slack.addChannel({ id: 'C0PRIV001', name: 'private', botIsMember: false, requireMembership: true, members: [USERS.bob] });
  await h.driver.command({ text: '', userId: USERS.bob, channelId: 'C0PRIV001' });
  const text = await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: 'C0PRIV001' }).map(textOf).join(''), 5000, 'hint');
  expect(text).toContain('/invite @DevOps Quiz');
});

test('unsigned, wrongly signed and stale requests are refused with 401 and change nothing', async () => {
  for (const opts of [{ signature: 'none' as const }, { signature: 'bad' as const }, { ageSeconds: 6 * 60 }]) {
    const res = await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL, ...opts });
    expect(res.status).toBe(401);
  }
  await new Promise((r) => setTimeout(r, 200));
  expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  expect(h.slack.responsesTo()).toHaveLength(0);
});
