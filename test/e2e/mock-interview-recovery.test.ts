/**
 * Mock interview posts whose answer from Slack was lost or unclear (fault injection in the local
 * workspace, the real bot): settled by a later click, from the thread or by posting again, never twice.
 */
import { CHANNEL, eventually } from '../support/bot-harness';
import type { StoredMessage } from '../../dev/local-slack';
import { at, bodyOf, mockInterviewBot, USERS } from '../support/mock-interview';

const { alice, bob, carol, admin } = USERS;
const bot = mockInterviewBot();
const { ephemerals, replies, privateNote, openMock, fresh, question, click, keys } = bot;

test('when Slack gives no clear answer to a question post, a later click adopts it from the thread or posts it, never twice', async () => {
  const parent = await openMock(alice, `${at(bob)} 4`);
  await click(alice, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);
  const only = (n: number) => replies(parent).filter((m) => m.text.startsWith(`Question ${n} of`));

  // The answer is lost after Slack stored question 2 (and the client's retry meets an outage): a click on it
  // adopts it, found by its metadata.
  bot.h.slack.failNext('chat.postMessage', { dropAfterStore: true });
  bot.h.slack.failNext('chat.postMessage', { status: 500 });
  await click(alice, q1.ts, 'interview_rate_2');
  await privateNote(alice, 'Slack did not confirm the next question');
  bot.h.slack.clearFaults();
  const q2 = await question(parent, 2);
  expect(q2.metadata?.event_type).toBe('interview_question');
  await click(alice, q2.ts, 'interview_rate_3');
  const q3 = await question(parent, 3);
  await eventually(() => bodyOf(fresh(q1.ts)).includes('Rated 🟡 Intermediate'), 5000, 'q1 done');
  expect(only(2)).toHaveLength(1);

  // A 5xx: Slack is done with the request and did not store it; the next click posts question 4 itself.
  bot.h.slack.failNext('chat.postMessage', { status: 500 }, 2);
  const seen = ephemerals(alice).length;
  await click(alice, q3.ts, 'interview_rate_1');
  await privateNote(alice, 'Slack did not confirm the next question', seen);
  bot.h.slack.clearFaults();
  expect(only(4)).toHaveLength(0);
  await click(alice, q3.ts, 'interview_rate_1');
  const q4 = await question(parent, 4);
  await eventually(() => bodyOf(fresh(q3.ts)).includes('Rated 🟢 Beginner'), 5000, 'q3 done');
  expect(only(4)).toHaveLength(1);
  const state = await bot.h.redis.hgetall(keys().interview(bot.h.slack.team.id, parent.id));
  expect([state['r:0'], state['r:1'], state['r:2'], state['msg:3']]).toEqual(['2', '3', '1', q4.ts]);
});

test('a question whose post may still be under way is not posted again until no post could still arrive', async () => {
  const parent = await openMock(alice, `${at(bob)} 2`);
  await click(alice, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);
  // No answer to either attempt, and (as if the requests never reached Slack) nothing in the thread.
  bot.h.slack.failNext('chat.postMessage', { dropAfterStore: true }, 2);
  await click(alice, q1.ts, 'interview_rate_2');
  await privateNote(alice, 'Slack did not confirm the next question');
  bot.h.slack.clearFaults();
  for (const lost of replies(parent).filter((m) => m.text.startsWith('Question 2 of'))) bot.h.slack.deleteStored(CHANNEL, lost);

  const seen = ephemerals(alice).length;
  await click(alice, q1.ts, 'interview_rate_2');
  await privateNote(alice, 'Question 1 was already rated', seen);
  expect(replies(parent).filter((m) => m.text.startsWith('Question 2 of'))).toHaveLength(0);

  const realNow = bot.h.bot.deps.now;
  bot.h.bot.deps.now = () => new Date(Date.now() + 20_000);
  try {
    await click(alice, q1.ts, 'interview_rate_2');
    const q2 = await question(parent, 2);
    await click(alice, q2.ts, 'interview_rate_1');
    await eventually(() => replies(parent).some((m) => bodyOf(m).includes('Mock interview summary')), 5000, 'summary');
  } finally {
    bot.h.bot.deps.now = realNow;
  }
  expect(replies(parent).filter((m) => m.text.startsWith('Question 2 of'))).toHaveLength(1);
});

test('a summary cut off by Slack is settled by a click on the last question: adopted from the thread, or posted once no post could still arrive', async () => {
  const summaries = (parent: StoredMessage) => replies(parent).filter((m) => bodyOf(m).includes('Mock interview summary'));
  const answers = (parent: StoredMessage) => replies(parent).filter((m) => bodyOf(m).includes('📖 *Answers*'));

  // Slack stored the summary but the answer was lost (and the client's retry met an outage).
  const a = await openMock(alice, `${at(bob)} 1`);
  await click(bob, a.ts, 'interview_start');
  const qa = await question(a, 1);
  bot.h.slack.failNext('chat.postMessage', { dropAfterStore: true });
  bot.h.slack.failNext('chat.postMessage', { status: 500 });
  await click(alice, qa.ts, 'interview_rate_2');
  await privateNote(alice, 'Slack did not confirm the summary');
  bot.h.slack.clearFaults();
  expect(bodyOf(fresh(qa.ts))).toContain('interview_rate_2'); // kept, to settle it with
  await click(alice, qa.ts, 'interview_rate_2');
  await eventually(() => answers(a).length === 1, 5000, 'answers after the adopted summary');
  await eventually(() => bodyOf(fresh(qa.ts)).includes('Rated 🟡 Intermediate'), 5000, 'question closed');
  expect(summaries(a)).toHaveLength(1);
  // Adopted as the summary: its Swap button works.
  const top = bot.h.slack.messages(CHANNEL).length;
  await click(bob, summaries(a)[0].ts, 'interview_swap');
  await eventually(() => bot.h.slack.messages(CHANNEL)[top], 5000, 'swapped parent');

  // Neither attempt reached Slack: a click within the in-flight window waits, a later one posts it.
  const b = await openMock(carol, `${at(admin)} 1`);
  await click(admin, b.ts, 'interview_start');
  const qb = await question(b, 1);
  bot.h.slack.failNext('chat.postMessage', { dropAfterStore: true }, 2);
  await click(carol, qb.ts, 'interview_end');
  await privateNote(carol, 'Slack did not confirm the summary');
  bot.h.slack.clearFaults();
  for (const lost of summaries(b)) bot.h.slack.deleteStored(CHANNEL, lost);
  const seen = ephemerals(carol).length;
  await click(carol, qb.ts, 'interview_end');
  await privateNote(carol, 'The summary is still being posted', seen);
  expect(summaries(b)).toHaveLength(0);
  const realNow = bot.h.bot.deps.now;
  bot.h.bot.deps.now = () => new Date(Date.now() + 20_000);
  try {
    await click(carol, qb.ts, 'interview_end');
    await eventually(() => summaries(b).length === 1 && answers(b).length === 1, 5000, 'summary posted again');
  } finally {
    bot.h.bot.deps.now = realNow;
  }
  await eventually(() => bodyOf(fresh(qb.ts)).includes('ended on this question'), 5000, 'question closed');
  expect(summaries(b)).toHaveLength(1);
});
