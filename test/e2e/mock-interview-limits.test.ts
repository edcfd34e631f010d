/**
 * Mock interviews cannot be used to ping people over and over: the candidate must be in the channel,
 * an interviewer has at most three open and opens at most ten an hour (real bot, signed requests).
 */
import { CHANNEL, eventually } from '../support/bot-harness';
import { at, bodyOf, mockInterviewBot, USERS } from '../support/mock-interview';

const { alice, bob, carol, admin } = USERS;
const bot = mockInterviewBot();
const { ephemerals, command, privateNote, openMock, fresh, click } = bot;

/** Messages in the channel that mention `user` (each one a ping). */
const mentionsOf = (user: string) => bot.h.slack.messages(CHANNEL, { includeReplies: true }).filter((m) => bodyOf(m).includes(at(user))).length;

test('a candidate who is not in the channel is refused, unmentioned', async () => {
  bot.h.slack.addUser({ id: 'UOUTSIDE1', name: 'outsider' });
  await command(alice, 'mock <@UOUTSIDE1|outsider>');
  await privateNote(alice, `${at('UOUTSIDE1')} is not in this channel`);
  expect(mentionsOf('UOUTSIDE1')).toBe(0);
  bot.h.slack.joinChannel(CHANNEL, 'UOUTSIDE1');
  await openMock(alice, '<@UOUTSIDE1|outsider> 1');
});

test('an interviewer has at most three interviews open, and opens at most ten an hour', async () => {
  // Three open interviews as interviewer at once; a fourth waits until one is closed.
  const open = [await openMock(alice, `${at(bob)} 1`), await openMock(alice, `${at(carol)} 1`), await openMock(alice, `${at(admin)} 1`)];
  bot.h.slack.addUser({ id: 'UDAVE0005', name: 'dave' });
  bot.h.slack.joinChannel(CHANNEL, 'UDAVE0005');
  let seen = ephemerals(alice).length;
  await command(alice, 'mock <@UDAVE0005|dave>');
  await privateNote(alice, 'You already have 3 mock interviews open as the interviewer', seen);
  expect(mentionsOf('UDAVE0005')).toBe(0);
  await click(carol, open[1].ts, 'interview_cancel');
  await eventually(() => bodyOf(fresh(open[1].ts)).includes('Cancelled'), 5000, 'one cancelled');
  await openMock(alice, '<@UDAVE0005|dave> 1');

  // Open → cancel over and over pings the candidate ten times in an hour, not sixty.
  for (const p of [open[0], open[2]]) await click(alice, p.ts, 'interview_cancel');
  await eventually(() => bodyOf(fresh(open[2].ts)).includes('Cancelled'), 5000, 'cancelled');
  const before = mentionsOf(carol);
  let refused = '';
  for (let i = 0; i < 12 && !refused; i++) {
    seen = ephemerals(alice).length;
    const top = bot.h.slack.messages(CHANNEL).length;
    await command(alice, `mock ${at(carol)} 1`);
    const outcome = await eventually(() => ephemerals(alice).slice(seen).find((e) => e.includes('opened 10')) ?? bot.h.slack.messages(CHANNEL)[top], 5000, 'opened or refused');
    if (typeof outcome === 'string') refused = outcome;
    else await click(alice, outcome.ts, 'interview_cancel');
  }
  expect(refused).toContain('You have opened 10 mock interviews as the interviewer in the last hour');
  expect(refused).toMatch(/Try again in \d+ minutes/);
  // Four were opened before (bob, carol, admin, dave): six more to carol make ten, and no more.
  expect(mentionsOf(carol) - before).toBe(6);
  // The limit is the interviewer's: carol may still open one.
  await openMock(carol, `${at(bob)} 1`);
}, 30_000);
