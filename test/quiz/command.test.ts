/**
 * The `/devops-quiz` parser on the text Slack sends (already escaped, mentions as tokens): words are read as
 * the person typed them, time zones only by IANA name, every word it cannot use named in one problem.
 */
import { parseCommand, readDays, typedForm } from '../../src/quiz/command';
import { canonicalZone, readZoneWord } from '../../src/quiz/time-zones';
import type { QuizCommand, ScheduleRequest } from '../../src/model/commands';

const TOPICS = new Set(['kubernetes', 'terraform', 'docker', 'ci/cd', 'pipelines']);
const parse = (text: string) => parseCommand(text, { knownTopic: (w) => TOPICS.has(w.toLowerCase()) });
const schedule = (text: string): ScheduleRequest => {
  const parsed = parse(`schedule ${text}`);
  if (parsed.kind !== 'schedule-set') throw new Error(`not a schedule: ${JSON.stringify(parsed)}`);
  return parsed.schedule;
};
const problemOf = (parsed: QuizCommand) => (parsed.kind === 'help' ? parsed.problem : undefined);

describe('words as typed', () => {
  test.each([
    ['terraform&amp;aws', 'terraform&aws'],
    ['&lt;!channel&gt;', '<!channel>'],
    ['&amp;lt;', '&lt;'],
    ['<!channel>', '@channel'],
    ['<!here|@here>', '@here'],
    ['<@U123|bob>', '@bob'],
    ['<@U123>', '@U123'],
    ['<#C1|devops>', '#devops'],
    ['<!subteam^S1|@devs>', '@devs'],
    ['<https://example.com|example.com>', 'example.com'],
    ['<https://example.com>', 'https://example.com'],
  ])('%s → %s', (wire, typed) => {
    expect(typedForm(wire)).toBe(typed);
  });

  test('topics are read unescaped, and bidi controls are dropped', () => {
    expect(parseCommand('terraform&amp;aws')).toEqual({ kind: 'question', level: null, topics: ['terraform&aws'] });
    expect(parseCommand('kube\u202erne\u2066tes\u2069')).toEqual({ kind: 'question', level: null, topics: ['kubernetes'] });
  });
});

describe('problems name every word not understood', () => {
  test('unknown words and unknown topics together', () => {
    expect(problemOf(parse('asdkjh qwe!!'))).toEqual({ code: 'not-understood', usage: 'question', words: ['qwe!!'], topics: ['asdkjh'] });
    expect(problemOf(parse('&lt;!channel&gt; hello kubernetes'))).toEqual({ code: 'not-understood', usage: 'question', words: ['<!channel>'], topics: ['hello'] });
    expect(problemOf(parse('leaderboard yesterday never'))).toEqual({ code: 'not-understood', usage: 'leaderboard', words: ['yesterday', 'never'], topics: [] });
    expect(problemOf(parse('mock <@U123|bob> 3 kubernetes nope'))).toEqual({ code: 'not-understood', usage: 'mock', words: [], topics: ['nope'] });
  });

  test('an @name Slack could not resolve is not a member', () => {
    expect(problemOf(parse('mock @nobody 99'))).toEqual({ code: 'not-a-member', word: '@nobody', usage: 'mock' });
    expect(problemOf(parse('stats @nobody'))).toEqual({ code: 'not-a-member', word: '@nobody', usage: 'stats' });
    expect(problemOf(parse('mock <!here> 3'))).toEqual({ code: 'mock-needs-mention', word: '@here' });
    expect(problemOf(parse('mock bob'))).toEqual({ code: 'mock-needs-mention', word: 'bob' });
    expect(problemOf(parse('mock'))).toEqual({ code: 'mock-needs-mention', word: null });
  });

  test('two levels are one problem, in every command that takes a level', () => {
    expect(problemOf(parse('beginner advanced'))).toMatchObject({ code: 'two-levels', usage: 'question' });
    expect(problemOf(parse('mock <@U123> beginner advanced'))).toMatchObject({ code: 'two-levels', usage: 'mock' });
    expect(problemOf(parse('schedule 09:30 UTC beginner advanced'))).toMatchObject({ code: 'two-levels', usage: 'schedule' });
  });
});

describe('schedules', () => {
  test('days: weekends, ranges, lists, full names; a topic starting with a day name is a topic', () => {
    expect(schedule('09:30 UTC weekends').days).toEqual([0, 6]);
    expect(schedule('09:30 UTC weekend').days).toEqual([0, 6]);
    expect(schedule('09:30 UTC mon-fri').days).toEqual([1, 2, 3, 4, 5]);
    expect(schedule('09:30 UTC fri-mon').days).toEqual([0, 1, 5, 6]);
    expect(schedule('09:30 UTC mon wed Friday').days).toEqual([1, 3, 5]);
    expect(schedule('09:30 UTC mon,wed,fri').days).toEqual([1, 3, 5]);
    expect(schedule('09:30 UTC mondays').days).toEqual([1]);
    expect(schedule('09:30 UTC').days).toEqual([1, 2, 3, 4, 5]);
    expect(readDays('monitoring')).toBeNull();
    expect(readDays('thus')).toBeNull();
  });

  test('times, with am/pm attached or apart', () => {
    expect(schedule('9 am UTC')).toMatchObject({ hour: 9, minute: 0 });
    expect(schedule('12:30pm UTC')).toMatchObject({ hour: 12, minute: 30 });
    expect(schedule('17h05 UTC')).toMatchObject({ hour: 17, minute: 5 });
    expect(problemOf(parse('schedule 24:00 UTC'))).toEqual({ code: 'bad-time', word: '24:00' });
  });

  test('zones are matched in any case and kept in their canonical spelling', () => {
    expect(schedule('09:30 europe/berlin').tz).toBe('Europe/Berlin');
    expect(schedule('09:30 AMERICA/NEW_YORK').tz).toBe('America/New_York');
    expect(schedule('09:30 utc').tz).toBe('UTC');
    expect(schedule('09:30 US/Eastern').tz).toBe('America/New_York');
    expect(schedule('09:30').tz).toBeNull();
  });

  test.each(['EST', 'est', 'PST', 'CET', 'IST', 'GMT', 'BST', 'AEST', 'MSK'])('the abbreviation %s is refused with IANA names', (word) => {
    const p = problemOf(parse(`schedule 09:30 ${word} weekdays`));
    expect(p).toMatchObject({ code: 'zone-abbreviation', word });
    const zones = (p as { zones: string[] }).zones;
    expect(zones.length).toBeGreaterThan(0);
    for (const z of zones) expect(canonicalZone(z)).toBe(z);
    expect((p as { retry: string }).retry).toBe(`/devops-quiz schedule 09:30 ${zones[0]} weekdays`);
  });

  test.each([
    ['UTC+2', 120],
    ['GMT-5', -300],
    ['+05:30', 330],
    ['utc\u22123', -180],
    ['UTC+14', 840],
  ])('the offset %s is refused with zones at that offset', (word, minutes) => {
    const zone = readZoneWord(word, new Date('2026-01-15T12:00:00Z'));
    expect(zone.kind).toBe('offset');
    const zones = (zone as { zones: string[] }).zones;
    for (const z of zones) {
      const shown = [0, 182].map((days) => {
        const at = new Date(Date.UTC(2026, 0, 15 + days));
        const name = new Intl.DateTimeFormat('en', { timeZone: z, timeZoneName: 'longOffset' }).format(at);
        const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
        return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      });
      expect(shown).toContain(minutes);
    }
    expect(problemOf(parse(`schedule 09:30 ${word}`))).toMatchObject({ code: 'zone-offset', word });
  });

  test('no abbreviation or offset ever becomes a topic filter', () => {
    for (const word of ['EST', 'PST', 'CET', 'IST', 'UTC+2', 'GMT']) {
      expect(parseCommand(`schedule 09:30 ${word} weekdays`).kind).toBe('help');
    }
  });

  test('a zone that does not exist, or a city alone, is refused with real names; a topic with a slash is a topic', () => {
    expect(problemOf(parse('schedule 09:30 Asia/Berlin'))).toMatchObject({ code: 'unknown-zone', zones: ['Europe/Berlin'] });
    expect(problemOf(parse('schedule 09:30 Mars/Olympus'))).toMatchObject({ code: 'unknown-zone', zones: ['Europe/Berlin', 'America/New_York', 'UTC'] });
    expect(problemOf(parse('schedule 09:30 london'))).toMatchObject({ code: 'unknown-zone', zones: ['Europe/London'] });
    expect(schedule('09:30 UTC ci/cd').topics).toEqual(['ci/cd']);
  });

  test('a topic that matches nothing is named', () => {
    expect(problemOf(parse('schedule 09:30 UTC daily pipelines nosuchtopic'))).toEqual({ code: 'not-understood', usage: 'schedule', words: [], topics: ['nosuchtopic'] });
  });
});
