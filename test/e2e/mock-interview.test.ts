/**
 * Mock interviews, end to end: the slash command, the buttons and the time-out job drive the real
 * bot (Bolt over signed HTTP, Redis, BullMQ workers) against the local Slack stand-in.
 */
import { CHANNEL, eventually } from '../support/bot-harness';
import { BullInterviewJobs } from '../../src/jobs/interview-jobs';
import { at, bodyOf, mockInterviewBot, USERS, type Parent } from '../support/mock-interview';

const { alice, bob, carol, admin } = USERS;
const bot = mockInterviewBot();
const { ephemerals, replies, command, privateNote, openMock, fresh, question, click, titleOf, bankQuestion, keys } = bot;

test('a whole interview: start, private answer key, ratings, skip, summary, swap, end', async () => {
  const parent = await openMock(alice, `${at(bob)} 3`);
  expect(bodyOf(parent)).toContain(`${at(alice)} interviews ${at(bob)}`);
  expect(bodyOf(parent)).toContain('3 questions');
  expect(bodyOf(parent)).toContain('interview_start');
  expect(bodyOf(parent)).toContain('interview_cancel');

  // Someone else cannot start it; nothing changes.
  await click(carol, parent.ts, 'interview_start');
  await privateNote(carol, `Only ${at(alice)} and ${at(bob)} can start this interview`);
  expect(replies(parent)).toHaveLength(0);

  // The candidate may start it: the first question, with no answer, in the thread.
  await click(bob, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);
  const first = bankQuestion(titleOf(q1));
  expect(bodyOf(q1)).toContain('🧠');
  expect(bodyOf(q1)).not.toContain(first.parts[0].markdown.slice(0, 40));
  expect(bodyOf(q1)).not.toContain('Interview Tip');
  await eventually(() => bodyOf(fresh(parent.ts)).includes('In progress'), 5000, 'parent in progress');
  expect(bodyOf(fresh(parent.ts))).not.toContain('interview_start');

  // The answer key goes to the interviewer alone, in the thread.
  await click(bob, q1.ts, 'interview_answer_key');
  await privateNote(bob, `Only ${at(alice)} can see the answer key`);
  await click(alice, q1.ts, 'interview_answer_key');
  const key = await eventually(() => bot.h.slack.ephemeralsFor(alice, { channelId: CHANNEL }).find((e) => bodyOf(e).includes('Answer key')), 5000, 'answer key');
  expect(key.thread_ts).toBe(parent.ts);
  expect(bodyOf(key)).toContain(first.parts[0].markdown.slice(0, 40));
  expect(ephemerals(bob).join()).not.toContain(first.parts[0].markdown.slice(0, 40));
  expect(bot.h.slack.messages(CHANNEL, { includeReplies: true }).map(bodyOf).join()).not.toContain(first.parts[0].markdown.slice(0, 40));

  // Only the interviewer rates: others are refused and nothing changes.
  await click(carol, q1.ts, 'interview_rate_3');
  await click(bob, q1.ts, 'interview_rate_3');
  await privateNote(carol, `Only ${at(alice)} can rate in this interview`);
  await privateNote(bob, `Only ${at(alice)} can rate in this interview`);
  expect(replies(parent)).toHaveLength(1);
  expect(bodyOf(fresh(q1.ts))).toContain('interview_rate_3');

  // A rating records, closes the question (no buttons) and posts the next one.
  await click(alice, q1.ts, 'interview_rate_2');
  const q2 = await question(parent, 2);
  await eventually(() => bodyOf(fresh(q1.ts)).includes(`Rated 🟡 Intermediate by ${at(alice)}`), 5000, 'q1 done');
  expect(bodyOf(fresh(q1.ts))).not.toContain('interview_rate_');
  expect(bodyOf(fresh(q1.ts))).not.toContain('interview_answer_key');

  await click(alice, q2.ts, 'interview_skip');
  const q3 = await question(parent, 3);
  await eventually(() => bodyOf(fresh(q2.ts)).includes('Skipped'), 5000, 'q2 skipped');

  await click(alice, q3.ts, 'interview_rate_0');
  const summary = await eventually(() => replies(parent).find((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
  const s = bodyOf(summary);
  expect(s).toContain('1. 🟡 Intermediate');
  expect(s).toContain('2. ⏭️ Skipped');
  expect(s).toContain('3. 📚 Not yet');
  expect(s).toContain('*Overall:* 🟢 Beginner'); // (2 + 0) / 2 = 1; skips do not count
  // Study next: the skipped and the Not yet questions' topics come first, whatever the others scored.
  const study = s.slice(s.indexOf('Study next'));
  expect(study).toContain(`${bankQuestion(titleOf(q2)).category} (\``);
  expect(study).toContain('⏭️ 1 skipped');
  expect(study).toContain('📚 1 not yet');
  expect(study).toContain(bankQuestion(titleOf(q3)).category);
  expect(s).toContain('interview_swap');
  // The answers are now revealed for the candidate, in the thread.
  const asked = [q1, q2, q3].map((q) => bankQuestion(titleOf(q)));
  const answers = await eventually(() => {
    const text = replies(parent).filter((m) => bodyOf(m).includes('Answers')).map(bodyOf).join();
    return asked.every((q) => text.includes(q.parts[0].markdown.slice(0, 40))) ? text : null;
  }, 5000, 'answers revealed');
  for (const q of asked) expect(answers).toContain(q.parts[1].label);
  await eventually(() => bodyOf(fresh(parent.ts)).includes('Finished'), 5000, 'parent finished');
  expect(bot.h.slack.warnings).toEqual([]);

  // Stats count interviews given and taken; the question-of-the-day board is untouched.
  await command(alice, 'stats');
  await privateNote(alice, '*Mock interviews (whole workspace):* 1 given, 0 taken');
  await command(bob, 'stats');
  await privateNote(bob, '*Mock interviews (whole workspace):* 0 given, 1 taken');
  await command(carol, 'leaderboard');
  await privateNote(carol, 'Nobody has answered yet');

  // Swap roles: only the two of them; the same interview the other way round, fresh questions.
  await click(carol, summary.ts, 'interview_swap');
  await privateNote(carol, `Only ${at(alice)} and ${at(bob)} can swap roles`);
  const topBefore = bot.h.slack.messages(CHANNEL).length;
  await click(bob, summary.ts, 'interview_swap');
  const swapped = await eventually(() => bot.h.slack.messages(CHANNEL)[topBefore], 5000, 'swapped parent');
  expect(bodyOf(swapped)).toContain('roles swapped');
  expect(bodyOf(swapped)).toContain(`${at(bob)} interviews ${at(alice)}`);
  // It opens like any interview: pending, Start and Cancel for both of them, nothing asked yet.
  expect(bodyOf(swapped)).toContain('interview_start');
  expect(bodyOf(swapped)).toContain('interview_cancel');
  expect(bodyOf(swapped)).not.toContain('Started by');
  await new Promise((r) => setTimeout(r, 200));
  expect(replies(swapped)).toHaveLength(0);
  // The new candidate starts it when ready.
  await click(alice, swapped.ts, 'interview_start');
  const s1 = await question(swapped, 1);
  await eventually(() => bodyOf(fresh(swapped.ts)).includes(`In progress: the questions are in this thread. Started by ${at(alice)}.`), 5000, 'swapped started');
  expect(asked.map((q) => q.title)).not.toContain(titleOf(s1));
  await eventually(() => bodyOf(fresh(summary.ts)).includes(`Roles swapped by ${at(bob)}`), 5000, 'summary marked swapped');
  expect(bodyOf(fresh(summary.ts))).not.toContain('interview_swap');
  // A late click on the old Swap button (before its message was updated) does nothing more.
  await bot.h.driver.blockAction({ userId: alice, channelId: CHANNEL, message: summary, actionId: 'interview_swap', value: parent.id });
  await privateNote(alice, 'Roles were already swapped');
  expect(bot.h.slack.messages(CHANNEL)).toHaveLength(topBefore + 1);

  // Now bob rates; alice cannot. End closes it on the current question with a summary.
  await click(alice, s1.ts, 'interview_rate_3');
  await privateNote(alice, `Only ${at(bob)} can rate in this interview`);
  await click(bob, s1.ts, 'interview_rate_3');
  const s2 = await question(swapped, 2);
  expect([...asked.map((q) => q.title), titleOf(s1)]).not.toContain(titleOf(s2));
  await click(alice, s2.ts, 'interview_end');
  await privateNote(alice, `Only ${at(bob)} can end the interview`);
  await click(bob, s2.ts, 'interview_end');
  const summary2 = await eventually(() => replies(swapped).find((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'second summary');
  expect(bodyOf(summary2)).toContain('1. 🔴 Advanced');
  expect(bodyOf(summary2)).toContain('2. ⏹️ Not rated');
  expect(bodyOf(summary2)).toContain('*Overall:* 🔴 Advanced');
  await eventually(() => bodyOf(fresh(s2.ts)).includes('ended on this question'), 5000, 'current question closed');
  expect(bodyOf(fresh(s2.ts))).not.toContain('interview_rate_');

  await command(alice, 'stats');
  await privateNote(alice, '*Mock interviews (whole workspace):* 1 given, 1 taken');
  // Nothing of the finished interviews holds the pair any more.
  expect(await bot.h.redis.exists(keys().interviewPair(bot.h.slack.team.id, alice, bob))).toBe(0);
}, 60_000);

test('refusals: yourself, a bot, not a user, count out of range, a second open interview, unknown topics', async () => {
  bot.h.slack.addUser({ id: 'UROBOT001', name: 'robot', is_bot: true });
  const cases: Array<[string, string]> = [
    [`mock ${at(alice)}`, 'You cannot interview yourself'],
    [`mock <@UROBOT001|robot>`, 'is a bot'],
    [`mock <@UNOBODY99>`, 'could not find that person'],
    [`mock ${at(bob)} 11`, 'A mock interview has 1 to 10 questions'],
    [`mock ${at(bob)} 0`, 'A mock interview has 1 to 10 questions'],
    [`mock ${at(bob)} kubernetes`, 'No questions match `kubernetes`'],
  ];
  for (const [text, expected] of cases) {
    const seen = ephemerals(alice).length;
    await command(alice, text);
    await privateNote(alice, expected, seen);
  }
  expect(bot.h.slack.messages(CHANNEL)).toHaveLength(0);

  const parent = await openMock(alice, `${at(bob)} 2 beginner`);
  expect(bodyOf(parent)).toContain('2 questions');
  expect(bodyOf(parent)).toContain('🟢 Beginner');
  // A second open interview between the same two people, in either direction.
  await command(alice, `mock ${at(bob)}`);
  await privateNote(alice, `You and ${at(bob)} already have a mock interview open`);
  await command(bob, `mock ${at(alice)}`);
  await privateNote(bob, `You and ${at(alice)} already have a mock interview open`);
  expect(bot.h.slack.messages(CHANNEL)).toHaveLength(1);
  // Other pairs are free.
  const other = await openMock(carol, `${at(admin)} 1`);
  expect(bodyOf(other)).toContain(`${at(carol)} interviews ${at(admin)}`);

  // Cancel: only the two of them; then the pair is free again.
  await click(carol, parent.ts, 'interview_cancel');
  await privateNote(carol, `Only ${at(alice)} and ${at(bob)} can cancel this interview`);
  await click(bob, parent.ts, 'interview_cancel');
  await eventually(() => bodyOf(fresh(parent.ts)).includes(`Cancelled by ${at(bob)}`), 5000, 'cancelled');
  expect(bodyOf(fresh(parent.ts))).not.toContain('interview_start');
  await bot.h.driver.blockAction({ userId: alice, channelId: CHANNEL, message: parent, actionId: 'interview_start', value: parent.id });
  await privateNote(alice, 'This interview was cancelled');
  expect(replies(parent)).toHaveLength(0);
  const again = await openMock(bob, `${at(alice)} 1`);
  expect(bodyOf(again)).toContain(`${at(bob)} interviews ${at(alice)}`);
  expect(bot.h.slack.warnings).toEqual([]);
}, 30_000);

test('tampered buttons (another interview, another question, a mismatched score) change nothing', async () => {
  const a = await openMock(alice, `${at(bob)} 3`);
  const b = await openMock(carol, `${at(admin)} 3`);
  await click(alice, a.ts, 'interview_start');
  await click(carol, b.ts, 'interview_start');
  const qa = await question(a, 1);
  const qb = await question(b, 1);
  const idA = a.id;
  const idB = b.id;

  const tamper = (value: string, actionId = 'interview_rate_3', message = qa, userId = alice) => bot.h.driver.blockAction({ userId, channelId: CHANNEL, message, actionId, value });
  await tamper(`${idB}|0|3`); // another interview's id on this question's message (alice is not its interviewer)
  await tamper(`${idB}|0|3`, 'interview_rate_3', qa, carol); // carol is b's interviewer, but the message is a's
  await tamper(`${idA}|1|3`); // a question not asked yet
  await tamper(`${idA}|0|2`); // the score disagrees with the action id
  await tamper(`${idA}|0`, 'interview_skip', qb, alice); // a's skip on b's message
  await tamper('nonsense', 'interview_end');
  await eventually(() => ephemerals(alice).length >= 5 && ephemerals(carol).length >= 1, 5000, 'refusals');
  expect(ephemerals(carol).join()).toContain('does not belong');
  expect(ephemerals(alice).join()).toContain('does not belong');

  await new Promise((r) => setTimeout(r, 200));
  expect(replies(a)).toHaveLength(1);
  expect(replies(b)).toHaveLength(1);
  expect(bodyOf(fresh(qa.ts))).toContain('interview_rate_3');
  expect(bodyOf(fresh(qb.ts))).toContain('interview_rate_3');
  for (const id of [idA, idB]) {
    const state = await bot.h.redis.hgetall(keys().interview(bot.h.slack.team.id, id));
    expect(state.index).toBe('0');
    expect(state['r:0']).toBeUndefined();
  }
});

test('concurrent clicks on one rating record it once and post the next question once', async () => {
  const parent = await openMock(alice, `${at(bob)} 2`);
  await click(alice, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);

  const clicks = ['interview_rate_2', 'interview_rate_2', 'interview_rate_2', 'interview_rate_3', 'interview_rate_1', 'interview_skip'];
  const results = await Promise.all(clicks.map((actionId) => click(alice, q1.ts, actionId)));
  expect(results.every((r) => r.status === 200)).toBe(true);
  const q2 = await question(parent, 2);
  await eventually(() => ephemerals(alice).filter((e) => e.includes('already')).length === clicks.length - 1, 5000, 'the other clicks answered');
  expect(replies(parent).filter((m) => m.text.startsWith('Question 2 of'))).toHaveLength(1);
  const state = await bot.h.redis.hgetall(keys().interview(bot.h.slack.team.id, parent.id));
  expect(state.index).toBe('1');
  expect(['1', '2', '3', 'skip']).toContain(state['r:0']);

  // The same on the last question: one summary, counted once.
  await Promise.all([1, 2, 3, 4].map(() => click(alice, q2.ts, 'interview_rate_1')));
  await eventually(() => replies(parent).some((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
  await new Promise((r) => setTimeout(r, 300));
  expect(replies(parent).filter((m) => bodyOf(m).includes('Mock interview summary'))).toHaveLength(1);
  const counts = await bot.h.bot.redis.hgetall(keys().interviewCounts(bot.h.slack.team.id));
  expect(counts).toEqual({ [`${alice}:given`]: '1', [`${bob}:taken`]: '1' });
});

test('an interview untouched for 24 hours is closed by its delayed job; a touched one waits', async () => {
  const team = bot.h.slack.team.id;
  const running = await openMock(alice, `${at(bob)} 3`);
  const pending = await openMock(carol, `${at(admin)} 2`);
  await click(alice, running.ts, 'interview_start');
  const q1 = await question(running, 1);
  await click(alice, q1.ts, 'interview_rate_1');
  const q2 = await question(running, 2);

  const jobFor = async (parent: Parent) => (await bot.h.bot.queues.tasks.getJob(BullInterviewJobs.timeoutJobId(team, parent.id)))!;
  const runningJob = await jobFor(running);
  expect(await runningJob.getState()).toBe('delayed');
  expect(runningJob.opts.delay).toBe(24 * 3600 * 1000);

  // Run it now: the interview was just touched, so the job moves itself 24 hours past the last click.
  await runningJob.promote();
  await eventually(async () => (await (await jobFor(running)).getState()) === 'delayed', 5000, 'job back to delayed');
  await new Promise((r) => setTimeout(r, 200));
  expect(replies(running)).toHaveLength(2);
  expect((await bot.h.redis.hget(keys().interview(team, running.id), 'status'))).toBe('running');

  // A day and an hour later (the bot's clock), both jobs close their interviews.
  const realNow = bot.h.bot.deps.now;
  bot.h.bot.deps.now = () => new Date(Date.now() + 25 * 3600 * 1000);
  try {
    await (await jobFor(running)).promote();
    await (await jobFor(pending)).promote();
    const note = await eventually(() => replies(running).find((m) => bodyOf(m).includes('closed after 24 hours')), 5000, 'closing note');
    expect(bodyOf(note)).toContain(`${at(alice)} and ${at(bob)}`);
    await eventually(() => bodyOf(fresh(running.ts)).includes('Closed after 24 hours'), 5000, 'running parent closed');
    await eventually(() => bodyOf(fresh(q2.ts)).includes('closed here after 24 hours'), 5000, 'open question closed');
    expect(bodyOf(fresh(q2.ts))).not.toContain('interview_rate_');
    await eventually(() => bodyOf(fresh(pending.ts)).includes('Closed after 24 hours'), 5000, 'pending parent closed');
    expect(bodyOf(fresh(pending.ts))).not.toContain('interview_start');
    await eventually(() => replies(pending).length === 1, 5000, 'pending closing note');
  } finally {
    bot.h.bot.deps.now = realNow;
  }

  // Nothing left behind: the pair keys are gone, the state expires, and late clicks change nothing.
  for (const [parent, a, b] of [[running, alice, bob], [pending, carol, admin]] as const) {
    expect(await bot.h.redis.exists(keys().interviewPair(team, a, b))).toBe(0);
    const ttl = await bot.h.redis.ttl(keys().interview(team, parent.id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
  }
  await bot.h.driver.blockAction({ userId: alice, channelId: CHANNEL, message: q2, actionId: 'interview_rate_3', value: `${running.id}|1|3` });
  await privateNote(alice, 'closed after 24 hours without activity');
  expect(replies(running).filter((m) => m.text.startsWith('Question'))).toHaveLength(2);
  // Neither counts as an interview given or taken.
  expect(await bot.h.redis.hgetall(keys().interviewCounts(team))).toEqual({});
  // The pair is free for a new interview.
  const again = await openMock(bob, `${at(alice)} 1`);
  expect(bodyOf(again)).toContain(`${at(bob)} interviews ${at(alice)}`);
}, 30_000);

test('a candidate gets questions from earlier mock interviews only once every matching one was asked', async () => {
  // 5 intermediate questions in the drills pack.
  async function run(interviewer: string, candidate: string, count: number): Promise<string[]> {
    const parent = await openMock(interviewer, `${at(candidate)} ${count} intermediate`);
    await click(candidate, parent.ts, 'interview_start');
    const titles: string[] = [];
    for (let n = 1; n <= count; n++) {
      const q = await question(parent, n);
      titles.push(titleOf(q));
      await click(interviewer, q.ts, 'interview_rate_2');
    }
    await eventually(() => replies(parent).some((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
    return titles;
  }
  const intermediate = [...bot.h.bot.deps.questions.values()].filter((q) => q.level === 'intermediate').map((q) => q.title);
  expect(intermediate).toHaveLength(5);

  const first = await run(alice, bob, 3);
  const second = await run(carol, bob, 2); // another interviewer, same candidate
  expect(new Set([...first, ...second]).size).toBe(5);
  expect([...first, ...second].every((t) => intermediate.includes(t))).toBe(true);
  // All five met: repeats come back, the ones met longest ago first.
  const third = await run(alice, bob, 3);
  expect(new Set(third)).toEqual(new Set(first));

  await command(bob, 'stats');
  await privateNote(bob, '*Mock interviews (whole workspace):* 0 given, 3 taken');
}, 60_000);

test('when Slack refuses the next question, the rating is undone and the interviewer can click again', async () => {
  const parent = await openMock(alice, `${at(bob)} 2`);
  await click(alice, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);

  bot.h.slack.failNext('chat.postMessage', { error: 'internal_error' });
  await click(alice, q1.ts, 'interview_rate_2');
  await privateNote(alice, 'Something went wrong on my side and nothing was changed');
  expect(replies(parent)).toHaveLength(1);
  expect(bodyOf(fresh(q1.ts))).toContain('interview_rate_2');
  expect(await bot.h.redis.hget(keys().interview(bot.h.slack.team.id, parent.id), 'index')).toBe('0');

  await click(alice, q1.ts, 'interview_rate_2');
  await question(parent, 2);
  await eventually(() => bodyOf(fresh(q1.ts)).includes('Rated 🟡 Intermediate'), 5000, 'q1 done');
});

test('swap roles opens a pending interview that either of the two can cancel', async () => {
  const parent = await openMock(alice, `${at(bob)} 1`);
  await click(bob, parent.ts, 'interview_start');
  await click(alice, (await question(parent, 1)).ts, 'interview_rate_1');
  const summary = await eventually(() => replies(parent).find((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
  const topBefore = bot.h.slack.messages(CHANNEL).length;
  await click(alice, summary.ts, 'interview_swap');
  const swapped = await eventually(() => bot.h.slack.messages(CHANNEL)[topBefore], 5000, 'swapped parent');
  expect(bodyOf(swapped)).toContain(`${at(bob)} interviews ${at(alice)}`);
  await click(carol, swapped.ts, 'interview_cancel');
  await privateNote(carol, `Only ${at(bob)} and ${at(alice)} can cancel this interview`);
  // alice asked for the swap and is now the candidate: she may still call it off.
  await click(alice, swapped.ts, 'interview_cancel');
  await eventually(() => bodyOf(fresh(swapped.ts)).includes(`Cancelled by ${at(alice)}`), 5000, 'swap cancelled');
  expect(replies(swapped)).toHaveLength(0);
});
