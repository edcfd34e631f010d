/** `schedule recap on|off` as the parser reads it, and the reply to anything else after `schedule recap`. */
import { parseCommand } from '../../src/quiz/command';
import { commandProblemMessage } from '../../src/views/notices/command';

test('schedule recap on / off, with their usual synonyms and any case', () => {
  expect(parseCommand('schedule recap off')).toEqual({ kind: 'recap-set', on: false });
  expect(parseCommand('schedule  Recap  OFF')).toEqual({ kind: 'recap-set', on: false });
  expect(parseCommand('schedule recap disable')).toEqual({ kind: 'recap-set', on: false });
  expect(parseCommand('schedule recap on')).toEqual({ kind: 'recap-set', on: true });
  expect(parseCommand('schedule recaps enable')).toEqual({ kind: 'recap-set', on: true });
  // The schedule's own words are unchanged.
  expect(parseCommand('schedule off')).toEqual({ kind: 'schedule-off' });
  expect(parseCommand('schedule')).toEqual({ kind: 'schedule-show' });
});

test('anything else after `schedule recap` says what to type, quoting the word inert', () => {
  for (const [text, word] of [['schedule recap', null], ['schedule recap weekly', 'weekly'], ['schedule recap off now', 'now'], ['schedule recap <!here>', '@here']] as const) {
    const parsed = parseCommand(text);
    expect(parsed).toEqual({ kind: 'help', problem: { code: 'recap-usage', word } });
    if (parsed.kind !== 'help' || !parsed.problem) throw new Error('no problem');
    const reply = commandProblemMessage(parsed.problem, []);
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain('takes `on` or `off`');
    expect(shown).toContain('/devops-quiz schedule recap off');
    expect(shown).not.toContain('<!here>');
  }
});
