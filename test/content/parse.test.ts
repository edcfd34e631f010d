import { parsePack, slugify, matchLabelLine } from '../../src/content/parse';
import { matchLevelLine } from '../../src/content/levels';
import type { ContentProblem } from '../../src/content/types';
import { lines, toMojibake } from './helpers';

const FILE = 'content/fixture.md';

/** A small pack exercising the common shape; line numbers matter, so keep it in sync with the tests below. */
const BASE = lines(
  '---', // 1
  'title: "Fixture Pack"', // 2
  'date: 2026-01-02', // 3
  'pack: fixture', // 4
  'tags: [alpha, beta]', // 5
  '---', // 6
  '', // 7
  '# Fixture Pack', // 8
  '', // 9
  '<!--', // 10
  '    An indented comment is not a question body.', // 11
  '-->', // 12
  '', // 13
  '## Basics', // 14
  '', // 15
  '??? question "1. What is a widget?"', // 16
  '    🧠 Think before you open this…', // 17
  '', // 18
  '    🟢 **Beginner**', // 19
  '', // 20
  '    A widget is a small, reusable part.', // 21
  '    <!-- a note for editors -->', // 22
  '    ', // 23: whitespace only, still inside the block
  '    *   **Size**: small.', // 24
  '', // 25
  '    ✔ **Why it matters:**', // 26
  '    Widgets are everywhere.', // 27
  '', // 28
  '    💡 **Interview Tip:** Mention gadgets.', // 29
  '', // 30
  '## Deeper', // 31
  '', // 32
  '??? question "2. How do widgets fail?"', // 33
  '    🧠 Picture a broken widget...', // 34
  '', // 35
  '    🔴 **Advanced**', // 36
  '', // 37
  '    They fail ✔️ loudly.', // 38
  '', // 39
  '    ```bash', // 40
  '    # restart the widget', // 41
  '    ## not a heading', // 42
  '    ??? question "not a question"', // 43
  '    🟢 **Beginner**', // 44
  '    ✔ **Not a label:**', // 45
  '    ```', // 46
  '', // 47
  '    ⚠️ **Common Pitfall:**', // 48
  '    Forgetting to restart.', // 49
  '', // 50
);

function parse(text: string, file = FILE) {
  return parsePack(text, file);
}

/** Questions without the fields that legitimately differ between variants of one fixture. */
function comparable(text: string) {
  const { pack, problems } = parse(text);
  return { questions: pack.questions, problems: problems.filter((p) => !/mojibake/.test(p.message)) };
}

describe('parsePack: the base fixture', () => {
  const { pack, problems } = parse(BASE);

  test('has no problems and reads the front matter', () => {
    expect(problems).toEqual([]);
    expect(pack).toMatchObject({ id: 'fixture', title: 'Fixture Pack', file: FILE, date: '2026-01-02', tags: ['alpha', 'beta'], wasRepaired: false });
    expect(pack.questions).toHaveLength(2);
  });

  test('reads title, number, category, prompt, level, source line and id', () => {
    const [q1, q2] = pack.questions;
    expect(q1).toMatchObject({
      id: 'fixture/what-is-a-widget',
      pack: 'fixture',
      packTitle: 'Fixture Pack',
      category: 'Basics',
      number: 1,
      title: 'What is a widget?',
      level: 'beginner',
      prompt: 'Think before you open this…',
      source: { file: FILE, line: 16 },
    });
    expect(q2).toMatchObject({ id: 'fixture/how-do-widgets-fail', category: 'Deeper', number: 2, level: 'advanced', source: { line: 33 } });
  });

  test('answer: dedented, prompt, level and comments removed, blank runs squeezed', () => {
    expect(pack.questions[0].answer).toBe(
      lines(
        'A widget is a small, reusable part.',
        '',
        '*   **Size**: small.',
        '',
        '✔ **Why it matters:**',
        'Widgets are everywhere.',
        '',
        '💡 **Interview Tip:** Mention gadgets.',
      ),
    );
  });

  test('parts are split at labelled lines, labels without emoji, bold or colon', () => {
    expect(pack.questions[0].parts).toEqual([
      { label: null, markdown: 'A widget is a small, reusable part.\n\n*   **Size**: small.' },
      { label: 'Why it matters', markdown: 'Widgets are everywhere.' },
      { label: 'Interview Tip', markdown: 'Mention gadgets.' },
    ]);
  });

  test('lines inside a code fence stay in the answer and are never headings, questions, levels or labels', () => {
    const q2 = pack.questions[1];
    expect(q2.level).toBe('advanced');
    expect(q2.answer).toContain(
      lines('```bash', '# restart the widget', '## not a heading', '??? question "not a question"', '🟢 **Beginner**', '✔ **Not a label:**', '```'),
    );
    expect(q2.parts.map((p) => p.label)).toEqual([null, 'Common Pitfall']);
    expect(q2.parts[1].markdown).toBe('Forgetting to restart.');
    expect(q2.answer.startsWith('They fail ✔️ loudly.')).toBe(true); // U+FE0F is kept
  });
});

describe('parsePack: encodings and whitespace variants of the base fixture give the same questions', () => {
  const expected = comparable(BASE);

  test.each([
    ['CRLF line endings', BASE.replace(/\n/g, '\r\n')],
    ['lone CR line endings', BASE.replace(/\n/g, '\r')],
    ['a BOM', '\uFEFF' + BASE],
    ['a BOM and CRLF', '\uFEFF' + BASE.replace(/\n/g, '\r\n')],
    ['tab indentation', BASE.replace(/^ {4}/gm, '\t')],
    ['tabs and spaces mixed', BASE.replace(/^ {4}(?=🟢|🔴|A widget|They fail)/gm, '  \t')],
    ['no final newline', BASE.replace(/\n+$/, '')],
    ['trailing whitespace on blank lines', BASE.replace(/\n\n/g, '\n   \n')],
    ['decomposed accents (NFD)', BASE.normalize('NFD')],
  ])('%s', (_name, variant) => {
    expect(comparable(variant)).toEqual(expected);
  });

  test('mojibake with the no-break space intact is repaired and flagged', () => {
    const result = parse(toMojibake(BASE));
    expect(result.pack.wasRepaired).toBe(true);
    expect(result.pack.questions).toEqual(expected.questions);
    expect(result.problems).toEqual([
      { file: FILE, line: 1, severity: 'warning', message: expect.stringContaining('mojibake') },
    ]);
  });

  test('mojibake where the no-break space after ðŸ§ became a plain space', () => {
    const broken = toMojibake(BASE, { nbspAsSpace: true });
    expect(broken).toContain('ðŸ§  Think');
    const result = parse(broken);
    expect(result.pack.questions).toEqual(expected.questions);
    expect(result.pack.questions.every((q) => q.prompt && !q.prompt.includes('ð'))).toBe(true);
  });

  test('mojibake with CRLF and a BOM', () => {
    expect(comparable('\uFEFF' + toMojibake(BASE).replace(/\n/g, '\r\n'))).toEqual(expected);
  });

  test('correct UTF-8 is not marked as repaired', () => {
    expect(parse(BASE).pack.wasRepaired).toBe(false);
  });
});

/** Wrap question blocks in a minimal pack; front matter is 4 lines, the `## S` heading is line 6. */
function pack(body: string, frontMatter = 'title: T\npack: p'): string {
  return `---\n${frontMatter}\n---\n\n## S\n\n${body}\n`;
}

function only(text: string) {
  const result = parse(text);
  return { ...result, q: result.pack.questions[0] };
}

describe('parsePack: admonition headers', () => {
  const body = '    🟡 **Intermediate**\n\n    Answer text.';

  test.each([
    ['??? question "1. Title"', 1, 'Title'],
    ['???+ question "2. Open title"', 2, 'Open title'],
    ['!!! question "3. Not collapsible"', 3, 'Not collapsible'],
    ['??? question "Q4. Q-numbered"', 4, 'Q-numbered'],
    ['??? question "5) Paren-numbered"', 5, 'Paren-numbered'],
    ['??? question "No number at all"', null, 'No number at all'],
    ['??? question 6. Unquoted title', 6, 'Unquoted title'],
    ['??? question Unquoted without number', null, 'Unquoted without number'],
    ['??? question "7. What is "Drift Detection" in IaC?"', 7, 'What is "Drift Detection" in IaC?'],
    ['??? question "What does "a "b" c" mean?"', null, 'What does "a "b" c" mean?'],
    ['???\tquestion\t"8. Tabs around the type"', 8, 'Tabs around the type'],
    ['??? question "1.5 GB is the limit?"', null, '1.5 GB is the limit?'],
  ])('%s', (header, number, title) => {
    const { q, problems } = only(pack(`${header}\n${body}`));
    expect(problems).toEqual([]);
    expect(q).toMatchObject({ number, title, level: 'intermediate', answer: 'Answer text.' });
  });

  test('other admonition types are not questions', () => {
    const { pack: p, problems } = parse(pack(`!!! tip "A tip"\n    🟢 **Beginner**\n\n    Not a question.\n\n??? note answer\n    Also not one.`));
    expect(problems).toEqual([]);
    expect(p.questions).toEqual([]);
  });

  test('the question type is configurable', () => {
    const result = parsePack(pack(`??? success "1. Custom"\n${body}`), FILE, { questionTypes: ['success'] });
    expect(result.pack.questions.map((q) => q.title)).toEqual(['Custom']);
  });

  test('a header without a blank line before it, right after the previous body', () => {
    const { pack: p } = parse(pack(`??? question "A"\n${body}\n??? question "B"\n${body}`));
    expect(p.questions.map((q) => q.title)).toEqual(['A', 'B']);
  });
});

describe('parsePack: bodies', () => {
  test('are dedented by the smallest indent of the block, not the first line', () => {
    const { q } = only(pack('??? question "T"\n        🟢 Beginner\n\n        deep line\n    shallow line\n          deeper'));
    expect(q.answer).toBe('    deep line\nshallow line\n      deeper');
  });

  test('a column-0 line ends the block; a column-0 footer is not part of the last answer', () => {
    const { q } = only(pack('??? question "T"\n    🟢 Beginner\n\n    The answer.\n\n---\n### 🧪 Ready?\nTake the quiz.'));
    expect(q.answer).toBe('The answer.');
  });

  test('fenced code at column 0 between questions hides headings and headers', () => {
    const text = pack(
      lines(
        '??? question "A"',
        '    🟢 Beginner',
        '',
        '    Answer A.',
        '',
        '```markdown',
        '## Not a section',
        '??? question "Not a question"',
        '    🟢 Beginner',
        '',
        '    Hidden.',
        '```',
        '',
        '??? question "B"',
        '    🟢 Beginner',
        '',
        '    Answer B.',
      ),
    );
    const { pack: p, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(p.questions.map((q) => [q.title, q.category])).toEqual([
      ['A', 'S'],
      ['B', 'S'],
    ]);
  });

  test('an answer that is only a code fence', () => {
    const { q, problems } = only(pack('??? question "T"\n    🟢 Beginner\n\n    ```\n    # just code\n    ```'));
    expect(problems).toEqual([]);
    expect(q.answer).toBe('```\n# just code\n```');
    expect(q.parts).toEqual([{ label: null, markdown: '```\n# just code\n```' }]);
  });

  test('prompt and level may come in either order; a question may have no prompt', () => {
    const a = only(pack('??? question "T"\n    🔴 Advanced\n    🧠 Why?\n\n    Text.')).q;
    expect(a).toMatchObject({ prompt: 'Why?', level: 'advanced', answer: 'Text.' });
    const b = only(pack('??? question "T"\n    🔴 Advanced\n\n    Text.')).q;
    expect(b).toMatchObject({ prompt: null, level: 'advanced' });
  });

  test('include directives are skipped', () => {
    const { q } = only(pack('??? question "T"\n    🟢 Beginner\n\n    {% include-markdown "x.md" %}\n    Text.'));
    expect(q.answer).toBe('Text.');
  });
});

describe('parsePack: levels', () => {
  test.each([
    ['🟢 **Beginner**', 'beginner'],
    ['🟢\uFE0F **Beginner**', 'beginner'],
    ['🟡 Intermediate', 'intermediate'],
    ['🔴', 'advanced'],
    ['**Advanced**', 'advanced'],
    ['_Junior_', 'beginner'],
    ['Basic', 'beginner'],
    ['Easy', 'beginner'],
    ['Medium', 'intermediate'],
    ['Regular', 'intermediate'],
    ['Senior', 'advanced'],
    ['Hard', 'advanced'],
    ['Expert', 'advanced'],
    ['**Level:** Expert', 'advanced'],
    ['Difficulty: medium', 'intermediate'],
  ])('marker %s', (marker, level) => {
    const { q, problems } = only(pack(`??? question "T"\n    🧠 Think...\n\n    ${marker}\n\n    Text.`));
    expect(problems).toEqual([]);
    expect(q.level).toBe(level);
    expect(q.answer).toBe('Text.');
  });

  test('a circle that disagrees with its word: the word wins, with a warning', () => {
    const { q, problems } = only(pack('??? question "T"\n    🟢 **Advanced**\n\n    Text.'));
    expect(q.level).toBe('advanced');
    expect(problems).toEqual([
      { file: FILE, line: 9, severity: 'warning', message: 'question "T": level marker 🟢 means beginner but says "Advanced"; using advanced' },
    ]);
  });

  test('a level line later in the answer counts when it is unmistakable', () => {
    const { q } = only(pack('??? question "T"\n    Text first.\n\n    🟡 **Intermediate**\n\n    More.'));
    expect(q).toMatchObject({ level: 'intermediate', answer: 'Text first.\n\nMore.' });
  });

  test('page-level default from front matter', () => {
    const { q, problems } = only(pack('??? question "T"\n    Text.', 'title: T\nlevel: Senior'));
    expect(problems).toEqual([]);
    expect(q.level).toBe('advanced');
  });

  test('section-level defaults: front matter `levels`, then a Level banner; a marker beats both', () => {
    const text = lines(
      '---',
      'title: T',
      'level: beginner',
      'levels:',
      '  Second: advanced',
      '---',
      '',
      '## First',
      '??? question "A"',
      '    Text.',
      '## Second',
      '??? question "B"',
      '    Text.',
      '## Third',
      '!!! warning "Level: Intermediate"',
      '??? question "C"',
      '    Text.',
      '??? question "D"',
      '    🔴 Advanced',
      '',
      '    Text.',
      '## Fourth',
      '🔴 **Advanced**',
      '??? question "E"',
      '    Text.',
    );
    const { pack: p, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(p.questions.map((q) => `${q.title}:${q.level}`)).toEqual(['A:beginner', 'B:advanced', 'C:intermediate', 'D:advanced', 'E:advanced']);
  });

  test('`## Intermediate/Advanced` is a category, not a level', () => {
    const text = '---\ntitle: T\n---\n\n## Intermediate/Advanced\n\n??? question "1. Q"\n    Text.\n';
    const { pack: p, problems } = parse(text);
    expect(p.questions).toEqual([]);
    expect(problems).toEqual([{ file: FILE, line: 7, severity: 'error', message: 'question "Q" has no level' }]);
    const ok = only('---\ntitle: T\n---\n\n## Intermediate/Advanced\n\n??? question "1. Q"\n    🟢 Beginner\n\n    Text.\n').q;
    expect(ok).toMatchObject({ category: 'Intermediate/Advanced', level: 'beginner' });
  });

  test('a missing level is reported as file:line of the question header', () => {
    const text = lines('---', 'title: T', 'date: 2026-01-01', '---', '', '# T', '', '## S', '', '??? question "3. Lonely?"', '    🧠 Think...', '', '    Text.');
    const { pack: p, problems } = parse(text, 'content/broken.md');
    expect(p.questions).toEqual([]);
    expect(problems.map((x) => `${x.file}:${x.line}: ${x.message}`)).toEqual(['content/broken.md:10: question "Lonely?" has no level']);
  });

  test('an unknown level word in front matter is an error at the `level:` line', () => {
    const { problems } = parse(pack('??? question "T"\n    🟢 Beginner\n\n    Text.', 'title: T\nlevel: wizard'));
    expect(problems).toEqual([
      { file: FILE, line: 3, severity: 'error', message: 'unknown level "wizard" in front matter (use beginner, intermediate or advanced)' },
    ]);
  });

  test('matchLevelLine rejects a circle with another word and plain words without permission', () => {
    expect(matchLevelLine('🔴 **Important**')).toBeNull();
    expect(matchLevelLine('Advanced')).toBeNull();
    expect(matchLevelLine('Advanced', true)?.level).toBe('advanced');
    expect(matchLevelLine('**Beginner / Intermediate / Advanced**', true)).toBeNull();
  });
});

describe('parsePack: problems', () => {
  const messages = (text: string, file = FILE) => parse(text, file).problems.map((p: ContentProblem) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`);

  test('empty answer, also when only labels are left', () => {
    expect(messages(pack('??? question "1. T"\n    🧠 Think...\n\n    🟢 Beginner\n\n## Next'))).toEqual([
      `${FILE}:8: error: question "T" has an empty answer`,
    ]);
    expect(messages(pack('??? question "1. T"\n    🟢 Beginner\n\n    💡 **Interview Tip:**\n'))).toEqual([
      `${FILE}:8: error: question "T" has an empty answer`,
    ]);
  });

  test('empty title, with and without a number', () => {
    expect(messages(pack('??? question ""\n    🟢 Beginner\n\n    Text.\n\n??? question "2. "\n    🟢 Beginner\n\n    Text.'))).toEqual([
      `${FILE}:8: error: question has an empty title`,
      `${FILE}:13: error: question has an empty title`,
    ]);
  });

  test('a header followed by text that is not indented', () => {
    expect(messages(pack('??? question "T"\n🧠 Think...\n\n🟢 Beginner\n\nText.'))).toEqual([
      `${FILE}:9: error: question "T" body is not indented (indent it by 4 spaces)`,
    ]);
  });

  test('duplicate ids in one pack point at the first one', () => {
    const q = '??? question "Same title"\n    🟢 Beginner\n\n    Text.\n';
    expect(messages(pack(`${q}\n??? question "2. Same  title"\n    🟢 Beginner\n\n    Other.`))).toEqual([
      `${FILE}:13: error: duplicate question id "p/same-title" (first defined at ${FILE}:8)`,
    ]);
  });

  test('a code fence left open inside a question', () => {
    expect(messages(pack('??? question "T"\n    🟢 Beginner\n\n    ```bash\n    echo hi\n\nOutside.'))).toEqual([
      `${FILE}:11: error: question "T": code fence is not closed inside the question (indent every line of it by 4 spaces)`,
    ]);
  });

  test('invalid YAML and unclosed front matter', () => {
    expect(messages('---\ntitle: [\n---\n')).toEqual([`${FILE}:3: error: front matter is not valid YAML: unexpected end of the stream within a flow collection`]);
    expect(messages('---\ntitle: x\n\n## S\n')[0]).toBe(`${FILE}:1: error: front matter is not closed (no second \`---\` line)`);
  });

  test('an invalid pack id', () => {
    expect(messages(pack('??? question "T"\n    🟢 Beginner\n\n    Text.', 'title: T\npack: My Pack'))).toEqual([
      `${FILE}:3: error: pack id "My Pack" must be lowercase letters, digits and dashes`,
    ]);
  });

  test('placeholder answers and empty parts are warnings', () => {
    expect(messages(pack('??? question "T"\n    🟢 Beginner\n\n    TODO\n\n    💡 **Interview Tip:**'))).toEqual([
      `${FILE}:11: warning: question "T" has a placeholder answer`,
      `${FILE}:13: warning: question "T": part "Interview Tip" is empty`,
    ]);
  });
});

describe('parsePack: pack metadata', () => {
  test('pack id from the file name; title from the page heading; category defaults', () => {
    const text = '# Page Title\n\n??? question "Outside any section"\n    🟢 Beginner\n\n    Text.\n';
    const { pack: p, problems } = parse(text, 'content/My Pack.md');
    expect(problems).toEqual([]);
    expect(p).toMatchObject({ id: 'my-pack', title: 'Page Title', date: null, tags: [] });
    expect(p.questions[0]).toMatchObject({ id: 'my-pack/outside-any-section', category: 'Page Title', packTitle: 'Page Title' });

    const withCategory = parse('---\ntitle: T\ncategory: General\n---\n??? question "Q"\n    🟢 Beginner\n\n    Text.\n', 'x.md');
    expect(withCategory.pack.questions[0].category).toBe('General');
  });

  test('a pack with no title at all is a warning', () => {
    const { problems } = parse('??? question "Q"\n    🟢 Beginner\n\n    Text.\n', 'content/untitled.md');
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', line: 1, message: expect.stringContaining('no title') })]);
  });

  test('tags as a comma-separated string', () => {
    expect(parse('---\ntitle: T\ntags: a, b ,c\n---\n').pack.tags).toEqual(['a', 'b', 'c']);
  });
});

describe('slugify and labels', () => {
  test('slugify', () => {
    expect(slugify('What is "Drift Detection" in CloudFormation?')).toBe('what-is-drift-detection-in-cloudformation');
    expect(slugify("What's a pod's QoS class?")).toBe('whats-a-pods-qos-class');
    expect(slugify('Café & naïve résumé')).toBe('cafe-naive-resume');
    expect(slugify('`terraform plan` vs `apply`')).toBe('terraform-plan-vs-apply');
    expect(slugify('日本語')).toMatch(/^q-[0-9a-f]{8}$/);
    expect(slugify('word '.repeat(40)).length).toBeLessThanOrEqual(80);
    expect(slugify('word '.repeat(40))).not.toMatch(/-$/);
  });

  test.each([
    ['✔ **Why it matters:**', 'Why it matters', ''],
    ['✔️ **Why it matters:** rest of line', 'Why it matters', 'rest of line'],
    ['**Implementation:**', 'Implementation', ''],
    ['**Best Practice:**', 'Best Practice', ''],
    ['💡 **Interview Tip:**', 'Interview Tip', ''],
    ['💡 **Interview Tip**: after', 'Interview Tip', 'after'],
    ['⚠️ Common Pitfall:', 'Common Pitfall', ''],
  ])('label %s', (line, label, rest) => {
    expect(matchLabelLine(line)).toEqual({ label, rest });
  });

  test.each(['**NEVER** commit secrets.', '**Source**: version control', '*   **Build**: compile', 'Plain text: with colon'])('not a label: %s', (line) => {
    expect(matchLabelLine(line)).toBeNull();
  });
});
