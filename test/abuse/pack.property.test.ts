/**
 * Packs are written by hand, copied between editors and sometimes mangled on the way. The pack parser must take
 * any text without throwing, point every problem at a real line, and the questions it does accept must render as
 * valid, inert Slack messages.
 */
import fc from 'fast-check';
import { parsePack } from '../../src/content/parse';
import { LEVELS } from '../../src/model/levels';
import { questionMessage } from '../../src/views/question-message';
import { answerMessage } from '../../src/views/answer-message';
import { validateBlocks } from '../../dev/local-slack/blocks';
import { freeText, hostileText, MOJIBAKE, PROPERTY_OPTIONS } from './arbitraries';
import { expectInertMessage } from './inert';

const FILE = 'content/hostile.md';

const indent = fc.constantFrom('', '', '    ', '    ', '        ', '  ', '\t', ' \t', '   ');
const quoted = (t: fc.Arbitrary<string>) => fc.tuple(t, fc.constantFrom('"', '', '"')).map(([s, q]) => `${q}${s}${q}`);

const admonition = fc
  .tuple(fc.constantFrom('???', '???+', '!!!', '??', '????', '!!! '), fc.constantFrom(' question', ' Question', ' note', ' warning', ' question inline', '', ' question end'), fc.oneof(quoted(freeText(6)), fc.constant(' "1. <!channel>"'), fc.constant(' "'), fc.constant(' ""'), fc.constant(' "Level: Advanced"'), fc.constant(' "3. What is <@U123|x>?"')))
  .map(([a, b, c]) => `${a}${b} ${c}`);

const bodyLine = fc.oneof(
  fc.constantFrom('🧠 Think before expanding...', 'ðŸ§  Think before expanding...', '🟢 **Beginner**', '🟡 Intermediate', '🔴 **Advanced**', 'Level: Advanced', '**Level:** beginner', '🟢 **Advanced**', '✔ **Why it matters:**', '💡 **Interview Tip:**', '⚠️ **Common pitfalls:**', '✅ Best practice:', '**Why it matters:**', '--8<-- "snippet.md"'),
  fc.constantFrom('```', '```yaml', '````', '~~~', '```  ', '<!--', '-->', '<!-- x -->'),
  freeText(10),
  hostileText,
);

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom('---\n---\n', '---\ntitle: "x"\n---\n', '---\ntitle: [\n---\n', '---\npack: Bad Id!\n---\n', '---\npack: ok-pack\nlevel: wizard\n---\n', '---\nlevels:\n  A: nope\n---\n', '---\ntags: {a: 1}\n---\n', '---\ndate: not-a-date\n---\n', '---\ntitle: x\n', '--- \n: :\n---\n', '---\n\t- - -\n---\n', '---\ntitle: !!js/function "function(){}"\n---\n', '---\n&a [*a]\n---\n'),
  fc.tuple(fc.constantFrom('title', 'pack', 'level', 'category', 'tags', 'date', 'levels', 'x'), hostileText).map(([k, v]) => `---\n${k}: ${v}\n---\n`),
);

const line = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(indent, bodyLine).map(([i, l]) => i + l) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', '    '), admonition).map(([i, l]) => i + l) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '#', '##'), freeText(5)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.constantFrom('', '', '   ', '---', '***') },
  { weight: 1, arbitrary: fc.tuple(indent, fc.constantFrom(...MOJIBAKE), freeText(3)).map(([i, m, t]) => i + m + t) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const pack = fc
  .tuple(fc.constantFrom('', '\ufeff'), frontMatter, fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([bom, fm, lines, eol]) => bom + (fm + lines.join('\n')).replace(/\n/g, eol));

/** A structurally sound pack with hostile text in every free-text slot, so that questions do come out. */
const wellFormedPack = fc
  .tuple(freeText(4), freeText(4), fc.array(fc.tuple(freeText(8), fc.constantFrom('🟢 **Beginner**', '🟡 **Intermediate**', '🔴 **Advanced**'), fc.array(freeText(12), { minLength: 1, maxLength: 6 }), freeText(6)), { minLength: 1, maxLength: 5 }))
  .map(([title, section, questions]) =>
    [
      '---',
      `title: ${JSON.stringify(title)}`,
      '---',
      `# ${title}`,
      `## ${section}`,
      ...questions.flatMap(([q, level, answer, tip], i) => [
        `??? question "${i + 1}. Why ${q.replace(/[\n\r]/g, ' ')}"`,
        '    🧠 Think before expanding...',
        '',
        `    ${level}`,
        '',
        '    The answer is this.',
        ...answer.map((a) => `    ${a.replace(/[\n\r]/g, ' ')}`),
        '',
        '    💡 **Interview Tip:**',
        `    Tip ${tip.replace(/[\n\r]/g, ' ')}`,
        '',
      ]),
    ].join('\n'),
  );

function check(source: string): void {
  const { pack: parsed, problems } = parsePack(source, FILE);
  const lineCount = source.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    expect(p.file).toBe(FILE);
    expect(Number.isInteger(p.line)).toBe(true);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lineCount + 1);
    expect(['error', 'warning']).toContain(p.severity);
    expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
  }
  expect(typeof parsed.id).toBe('string');
  for (const q of parsed.questions) {
    expect(q.id.startsWith(`${parsed.id}/`)).toBe(true);
    expect(q.title.trim()).not.toBe('');
    expect(LEVELS).toContain(q.level);
    expect(q.source.line).toBeGreaterThanOrEqual(1);
    // Whatever made it into the bank renders as a valid message with nothing live in it.
    for (const message of [questionMessage(q, { kind: 'qotd' }), answerMessage(q, '1700000000.000100', [1, 2, 3, 4])]) {
      const v = validateBlocks(message.blocks, { maxBlocks: 50, surface: 'message', maxTotalTextChars: 12_000 });
      expect(v.messages).toEqual([]);
      expect(v.ok).toBe(true);
      expectInertMessage(message);
    }
  }
}

describe('parsePack under hostile pack text', () => {
  test('random lines of headers, fences, indentation, front matter garbage and mojibake', () => {
    fc.assert(fc.property(pack, check), PROPERTY_OPTIONS);
  });

  test('well-formed packs with hostile text everywhere', () => {
    fc.assert(
      fc.property(wellFormedPack, (source) => {
        check(source);
        expect(parsePack(source, FILE).pack.questions.length).toBeGreaterThan(0);
      }),
      { ...PROPERTY_OPTIONS, numRuns: Math.min(PROPERTY_OPTIONS.numRuns, 1000) },
    );
  });

  test('arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), fc.string({ maxLength: 500 })), check), PROPERTY_OPTIONS);
  });

  test('a U+2028/U+2029 inside a line is text, not a line break: the question is not dropped silently', () => {
    for (const sep of ['\u2028', '\u2029']) {
      const source = `## Basics${sep}x\n??? question "1. Why${sep}this?"\n    🧠 Think${sep}first\n\n    🟢 **Beginner**${sep}\n\n    \`\`\`bash${sep}\n    echo hi\n    \`\`\`\n\n    ✔ **Why it matters:**${sep}\n    Because.\n`;
      check(source);
      const { pack: parsed, problems } = parsePack(source, FILE);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(parsed.questions).toHaveLength(1);
      expect(parsed.questions[0].level).toBe('beginner');
      expect(parsed.questions[0].prompt).toContain('Think');
    }
  });

  test('very long titles, answers and pack ids', () => {
    const long = (s: string, n: number) => s.repeat(n);
    check(['---', `pack: ${long('a', 5000)}`, `title: "${long('<!channel>&', 2000)}"`, '---', `## ${long('&<>', 3000)}`, `??? question "1. ${long('<!here> & ', 1500)}"`, `    🧠 ${long('&<', 3000)}`, '    🟢 **Beginner**', ...Array.from({ length: 400 }, () => `    ${long('&lt;<@U1> ', 40)}`)].join('\n'));
    check(`??? question "x"\n    🟢 Beginner\n    ${long('`', 20000)}`);
    check(long('??? question "q"\n', 5000));
    check(long('```\n', 5001));
  });
});
