/**
 * The messages the bot posts, fed with arbitrary bank text and arbitrary board data: they stay within Block Kit's
 * limits (as the Slack stand-in enforces them) and nothing in them can ping, mention or link by itself.
 */
import fc from 'fast-check';
import type { Question } from '../../src/model/question';
import type { Level } from '../../src/model/levels';
import type { Board, BoardRow, Tally } from '../../src/model/boards';
import { questionMessage } from '../../src/views/question-message';
import { answerMessage } from '../../src/views/answer-message';
import { helpMessage } from '../../src/views/help';
import { commandProblemMessage } from '../../src/views/notices/command';
import { leaderboardMessage } from '../../src/views/leaderboard';
import type { Period } from '../../src/model/boards';
import { statsMessage } from '../../src/views/stats';
import { escapedText, fallbackText } from '../../src/views/blocks';
import { validateBlocks } from '../../dev/local-slack/blocks';
import { parseCommand } from '../../src/quiz/command';
import { commandText, freeText, hostileText, PROPERTY_OPTIONS } from './arbitraries';
import { expectInertMessage, expectInertMrkdwn } from './inert';
import type { SlackMessage } from '../../src/views/blocks';

const LIMITS = { maxBlocks: 50, surface: 'message' as const, maxTotalTextChars: 12_000 };

function expectValid(message: SlackMessage): void {
  const v = validateBlocks(message.blocks, LIMITS);
  if (!v.ok) throw new Error(`${v.error}: ${v.messages.join('; ')}`);
  expect(typeof message.text).toBe('string');
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(Array.from(message.text).length).toBeLessThanOrEqual(4000);
}

/** Text of any size: short hostile text mostly, sometimes thousands of characters of it. */
const bankText = (maxWords: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: freeText(maxWords) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('&', '<', '>', '<!channel>', 'a', '🧠', 'x '), fc.integer({ min: 500, max: 1500 })).map(([s, n]) => s.repeat(n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );

const nonBlank = (t: fc.Arbitrary<string>) => t.map((s) => (s.trim() ? s : `q ${s}`));

const question: fc.Arbitrary<Question> = fc
  .record({
    title: nonBlank(bankText(20)),
    // The parser never gives a blank category or pack title (they default to the pack's title and id).
    category: nonBlank(bankText(6)),
    packTitle: nonBlank(bankText(6)),
    prompt: fc.option(bankText(10)),
    level: fc.constantFrom<Level>('beginner', 'intermediate', 'advanced'),
    number: fc.option(fc.nat({ max: 999_999 })),
    parts: fc.array(fc.record({ label: fc.option(nonBlank(freeText(4))), markdown: bankText(60) }), { maxLength: 8 }),
    slug: fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,3}$/),
  })
  .map(({ slug, parts, ...q }) => ({
    ...q,
    id: `pack/${slug}`,
    pack: 'pack',
    answer: parts.map((p) => (p.label ? `**${p.label}:**\n${p.markdown}` : p.markdown)).join('\n\n') || 'An answer.',
    parts,
    source: { file: 'content/pack.md', line: 1 },
  }));

const userId = fc.oneof(fc.stringMatching(/^U[A-Z0-9]{8,10}$/), fc.constantFrom('<!channel>', 'U123|<!here>', '', 'auto', '<@U1>', 'u123', 'W0ABC'));
const tally: fc.Arbitrary<Tally> = fc.tuple(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), fc.nat(100_000));
const row = (rank: number): fc.Arbitrary<BoardRow> =>
  fc.record({ user: userId, rank: fc.constant(rank), points: fc.nat(10_000_000), answers: fc.nat(1_000_000), mix: tally, streak: fc.nat(10_000) });
const board: fc.Arbitrary<Board> = fc
  .tuple(fc.nat(10), fc.option(row(99_999)), fc.option(fc.nat(1_000_000)))
  .chain(([n, caller, callerRank]) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => row(i + 1))), fc.constant(caller), fc.constant(callerRank)))
  .map(([rows, caller, callerRank]) => ({ rows, caller, callerRank }));

/** Users a view may mention on purpose: well-formed ids only. */
const okUsers = (...ids: Array<string | null | undefined>) => ids.filter((id): id is string => !!id && /^[UW][A-Z0-9]{2,}$/.test(id));

describe('views with arbitrary content stay within Block Kit limits and inert', () => {
  test('questionMessage (hidden and revealed, qotd and ad hoc)', () => {
    fc.assert(
      fc.property(question, fc.constantFrom<'qotd' | 'adhoc'>('qotd', 'adhoc'), fc.option(userId), fc.option(userId), (q, kind, requestedBy, revealedBy) => {
        const message = questionMessage(q, { kind, requestedBy, revealedBy });
        expectValid(message);
        expectInertMessage(message, { allowUsers: okUsers(requestedBy, revealedBy) });
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('answerMessage', () => {
    fc.assert(
      fc.property(question, tally, fc.stringMatching(/^\d{10}\.\d{6}$/), (q, t, ts) => {
        const message = answerMessage(q, ts, t);
        expectValid(message);
        expectInertMessage(message);
      }),
      { ...PROPERTY_OPTIONS, numRuns: Math.min(PROPERTY_OPTIONS.numRuns, 1500) },
    );
  });

  test('help, and the reply to any problem the parser can produce, with any topic names', () => {
    fc.assert(
      fc.property(commandText, fc.array(fc.oneof(freeText(2), fc.constantFrom('kubernetes', 'ci/cd', '<!here>')), { maxLength: 30 }), fc.boolean(), (raw, topics, strict) => {
        // With a vocabulary (no word is a topic), topic words become problems too.
        const parsed = parseCommand(raw, strict ? { knownTopic: () => false } : {});
        const message = parsed.kind === 'help' && parsed.problem ? commandProblemMessage(parsed.problem, topics) : helpMessage(topics);
        expectValid(message);
        expectInertMessage(message);
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('leaderboard and stats, with any board data and odd user ids', () => {
    fc.assert(
      fc.property(board, fc.constantFrom<Period>('week', 'month', 'all'), hostileText, (b, period, label) => {
        const message = leaderboardMessage(b, period, label.replace(/[^0-9A-Za-z -]/g, '').slice(0, 30) || '2026-W48');
        expectValid(message);
        expectInertMessage(message, { allowUsers: okUsers(...b.rows.map((r) => r.user), b.caller?.user) });
        const stats = statsMessage({ user: b.rows[0]?.user ?? 'U1', allTime: b.rows[0] ?? null, week: b.caller, month: null, interviews: { given: 1, taken: 2 } }, false);
        expectValid(stats);
        expectInertMessage(stats, { allowUsers: okUsers(b.rows[0]?.user) });
      }),
      PROPERTY_OPTIONS,
    );
  });

  test('escapedText and fallbackText: escaped, within their length, never cut inside an escape', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, bankText(30)), fc.integer({ min: 2, max: 3000 }), (text, max) => {
        for (const out of [escapedText(text, max), fallbackText(text, max)]) {
          expect(Array.from(out).length).toBeLessThanOrEqual(max);
          expectInertMrkdwn(out);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });
});
