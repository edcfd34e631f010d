/** `/devops-quiz review …` read by the command parser, and the short reply that says what to type on bad input. */
import { parseCommand } from '../../src/quiz/command';
import { commandProblemMessage } from '../../src/views/notices/command';
import type { QuizCommand } from '../../src/model/commands';

const review = (text: string) => parseCommand(`review ${text}`.trim());
const replyTo = (text: string) => {
  const parsed = review(text);
  if (parsed.kind !== 'help' || !parsed.problem) throw new Error(`${text} parsed as ${parsed.kind}`);
  // The problem line as shown (the blocks keep the code marks the `text` fallback drops).
  return JSON.parse(JSON.stringify(commandProblemMessage(parsed.problem, []).blocks))[0].text.text as string;
};

test.each<[string, QuizCommand]>([
  ['', { kind: 'review', action: { do: 'show' } }],
  ['on', { kind: 'review', action: { do: 'on' } }],
  ['OFF', { kind: 'review', action: { do: 'off' } }],
  ['pause 2w', { kind: 'review', action: { do: 'pause', days: 14 } }],
  ['pause 10d', { kind: 'review', action: { do: 'pause', days: 10 } }],
  ['pause 3 weeks', { kind: 'review', action: { do: 'pause', days: 21 } }],
  ['pause 5', { kind: 'review', action: { do: 'pause', days: 5 } }],
  ['resume', { kind: 'review', action: { do: 'resume' } }],
  ['time 10:00', { kind: 'review', action: { do: 'time', hour: 10, minute: 0, tz: null } }],
  ['time 9:30 am', { kind: 'review', action: { do: 'time', hour: 9, minute: 30, tz: null } }],
  ['time 8am europe/berlin', { kind: 'review', action: { do: 'time', hour: 8, minute: 0, tz: 'Europe/Berlin' } }],
  ['max 0', { kind: 'review', action: { do: 'max', max: 0 } }],
  ['max 5', { kind: 'review', action: { do: 'max', max: 5 } }],
  ['interview 2026-12-20', { kind: 'review', action: { do: 'interview', date: '2026-12-20' } }],
  ['interview off', { kind: 'review', action: { do: 'interview-off' } }],
  ['reset', { kind: 'review', action: { do: 'reset' } }],
])('review %s', (text, expected) => {
  expect(review(text)).toEqual(expected);
});

test.each([
  ['pause', /`pause` takes a length from 1 day to 12 weeks, like `review pause 2w`/],
  ['pause forever', /not `forever`/],
  ['pause 13w', /not `13w`/],
  ['time', /`time` takes a time like `10:00`/],
  ['time 25:00', /not `25:00`/],
  ['time 10:00 EST', /not `EST`/],
  ['max 6', /`max` takes a number from 0 to 5, like `review max 2`, not `6`/],
  ['max two', /not `two`/],
  ['interview 2026-02-30', /YYYY-MM-DD, like `review interview 2026-12-20`.*not `2026-02-30`/],
  ['interview next week', /not `next week`/],
  ['sometimes', /I did not understand `sometimes` after `review`\. Try `review`, `review on`/],
  ['on please', /I did not understand `please`/],
])('review %s: a short reply that says what to type', (text, expected) => {
  const reply = replyTo(text);
  expect(reply).toMatch(expected);
  expect(reply.length).toBeLessThan(400);
});

test('what was typed is quoted inert: no ping, no link, no formatting', () => {
  const parsed = parseCommand('review <!channel> *bold*');
  if (parsed.kind !== 'help' || !parsed.problem) throw new Error(`parsed as ${parsed.kind}`);
  const message = commandProblemMessage(parsed.problem, []);
  const shown = JSON.stringify(message.blocks);
  expect(shown).not.toContain('<!channel>');
  expect(shown).toContain('`@channel`');
});

test('the example under a problem is that sub-command done right', () => {
  const example = (text: string) => {
    const parsed = review(text);
    return parsed.kind === 'help' && parsed.problem ? commandProblemMessage(parsed.problem, []).text : '';
  };
  expect(example('pause soon')).toContain('For example /devops-quiz review pause 2w.');
  expect(example('max 9')).toContain('For example /devops-quiz review max 2.');
  expect(example('whenever')).toContain('For example /devops-quiz review.');
});
