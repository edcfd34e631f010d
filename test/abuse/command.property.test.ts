/**
 * `/devops-quiz` text is whatever anyone in the workspace types. The parser must take all of it: never throw,
 * always answer with a command it knows or with help, and never hand back user text that could ping, link or
 * break the formatting of the reply.
 */
import fc from 'fast-check';
import { parseCommand, parseDuration, type ParseOptions } from '../../src/quiz/command';
import type { QuizCommand } from '../../src/model/commands';
import { commandProblemMessage, commandProblemText } from '../../src/views/notices/command';
import { quoteInput } from '../../src/views/blocks';
import { validateBlocks } from '../../dev/local-slack/blocks';
import { LEVELS } from '../../src/model/levels';
import { commandText, hostileText, longText, MENTIONS, PROPERTY_OPTIONS } from './arbitraries';

const KINDS = new Set<QuizCommand['kind']>(['question', 'schedule-show', 'schedule-off', 'schedule-set', 'leaderboard', 'stats', 'mock', 'help']);
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** A topic word as it leaves the parser (lower-casing may add combining marks: `İ` → `i̇`). */
const TOPIC = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}/&.+_-]{0,79}$/u;

/** mrkdwn that shows user text as text: no `<`/`>` at all, every `&` an escape, backticks paired. */
function expectSafeMrkdwn(text: string): void {
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  expect((text.match(/`/g) ?? []).length % 2).toBe(0);
  expect(text).not.toMatch(/[\u0000-\u001f\u007f]/);
  // Bidi controls would reorder the reply around an echo.
  expect(text).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
}

function checkCommand(raw: string, opts: ParseOptions = {}): void {
  const parsed = parseCommand(raw, opts);
  expect(KINDS.has(parsed.kind)).toBe(true);
  switch (parsed.kind) {
    case 'help':
      if (parsed.problem !== undefined) {
        const problem = commandProblemText(parsed.problem);
        expectSafeMrkdwn(problem);
        // Every word not understood is named (up to five), quoted as typed.
        if (parsed.problem.code === 'not-understood') {
          for (const w of [...parsed.problem.words, ...parsed.problem.topics].slice(0, 5)) expect(problem).toContain(quoteInput(w, 40));
        }
        expect(Array.from(problem).length).toBeLessThanOrEqual(1000);
        const help = commandProblemMessage(parsed.problem, ['kubernetes', 'docker']);
        expect(validateBlocks(help.blocks, { maxBlocks: 50, surface: 'message', maxTotalTextChars: 12_000 }).ok).toBe(true);
        expect(help.text).not.toMatch(/<[!@#]/);
      }
      break;
    case 'question':
    case 'mock':
      expect(parsed.level === null || LEVELS.includes(parsed.level)).toBe(true);
      for (const t of parsed.topics) expect(t).toMatch(TOPIC);
      if (parsed.kind === 'mock') {
        expect(parsed.candidate).toMatch(USER_ID);
        expect(Number.isInteger(parsed.count) && parsed.count >= 1 && parsed.count <= 10).toBe(true);
      }
      break;
    case 'stats':
      if (parsed.user !== null) expect(parsed.user).toMatch(USER_ID);
      break;
    case 'leaderboard':
      expect(['week', 'month', 'all']).toContain(parsed.period);
      break;
    case 'schedule-set': {
      const s = parsed.schedule;
      expect(Number.isInteger(s.hour) && s.hour >= 0 && s.hour <= 23).toBe(true);
      expect(Number.isInteger(s.minute) && s.minute >= 0 && s.minute <= 59).toBe(true);
      expect(s.days.length).toBeGreaterThan(0);
      for (const d of s.days) expect(Number.isInteger(d) && d >= 0 && d <= 6).toBe(true);
      expect(s.revealAfterMinutes === null || (s.revealAfterMinutes >= 1 && s.revealAfterMinutes <= 24 * 60)).toBe(true);
      for (const t of s.topics) expect(t).toMatch(TOPIC);
      // A time zone is still user text here: it is checked against the zone database before use.
      if (s.tz !== null) expect(s.tz === 'UTC' || s.tz.includes('/')).toBe(true);
      break;
    }
    default:
      break;
  }
}

describe('parseCommand under hostile input', () => {
  test('never throws and always answers with a known kind (hostile token soup)', () => {
    fc.assert(fc.property(commandText, (raw) => checkCommand(raw)), PROPERTY_OPTIONS);
  });

  test('with a topic vocabulary that knows no word, topic words become problems too', () => {
    fc.assert(fc.property(commandText, (raw) => checkCommand(raw, { knownTopic: () => false })), PROPERTY_OPTIONS);
  });

  test('arbitrary unicode and binary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 150 }), fc.string({ maxLength: 300 })), (raw) => checkCommand(raw)),
      PROPERTY_OPTIONS,
    );
  });

  test('very long input is cut, and answered quickly', () => {
    fc.assert(
      fc.property(longText, (raw) => {
        const started = process.hrtime.bigint();
        checkCommand(raw);
        expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(250);
      }),
      { ...PROPERTY_OPTIONS, numRuns: Math.min(PROPERTY_OPTIONS.numRuns, 500) },
    );
    // 1 MB of text.
    checkCommand('schedule '.repeat(120_000));
    checkCommand('<!channel>'.repeat(100_000));
  });

  test('a problem never echoes a mention: each shape inside every sub-command', () => {
    const heads = ['', 'help ', 'schedule ', 'schedule 09:30 ', 'schedule 9am daily reveal ', 'leaderboard ', 'stats ', 'mock ', 'mock <@U123|bob> ', 'mock <@U123> 3 '];
    for (const head of heads) {
      for (const m of MENTIONS) {
        checkCommand(head + m);
        checkCommand(`${head}kubernetes ${m} docker`);
      }
    }
  });

  test('mentions of odd shapes are not taken for users', () => {
    for (const raw of ['stats <@U123|<!channel>>', 'stats <@<!here>>', 'stats <!channel>', 'stats <!subteam^S1>', 'stats <#C1|x>', 'mock <!here> 3', 'mock <@U123|<!channel>> 3', 'mock <#C1|x>']) {
      const parsed = parseCommand(raw);
      expect(parsed.kind).toBe('help');
    }
    expect(parseCommand('stats <@U123|alice>')).toEqual({ kind: 'stats', user: 'U123' });
  });

  test("Object.prototype's names are plain words, not levels or periods", () => {
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (const raw of [word, `schedule 09:30 ${word}`, `mock <@U123> ${word}`, `leaderboard ${word}`]) checkCommand(raw);
      expect(parseCommand(`leaderboard ${word}`).kind).toBe('help');
      const q = parseCommand(`advanced ${word}`);
      expect(q.kind === 'help' || (q.kind === 'question' && q.level === 'advanced')).toBe(true);
    }
  });

  test('quoteInput keeps any text inert and short', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 })), (raw) => {
        const q = quoteInput(raw);
        expect(q.startsWith('`') && q.endsWith('`')).toBe(true);
        expectSafeMrkdwn(q);
        expect(q.slice(1, -1)).not.toContain('`');
        expect(Array.from(q.slice(1, -1).replace(/&(amp|lt|gt);/g, 'x')).length).toBeLessThanOrEqual(80);
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('parseDuration is total', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (raw) => {
        const m = parseDuration(raw);
        expect(m === null || (Number.isInteger(m) && m >= 0)).toBe(true);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
