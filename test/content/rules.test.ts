/**
 * The authoring rules content:check adds (src/content/rules.ts): sections named like levels, boilerplate prompts
 * and answers that open with a label are errors; missing or year-old `reviewed:` dates are warnings, and --strict
 * fails on any warning. "Today" is passed in, so the review-date tests do not depend on the calendar.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { checkBank } from '../../src/content/check';
import { runContentCheck } from '../../src/content/cli';
import { parsePack } from '../../src/content/parse';
import { isLevelName, labelledOpeningProblems, localDay, repeatedPromptProblems, reviewedProblems } from '../../src/content/rules';
import { lines, makeTempDir, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

const TODAY = '2026-12-01';

/** A made-up word per question, so that no two fixture questions are near-duplicates of each other. */
let serial = 0;
const word = () => `zq${(serial++).toString(36)}x`;

/** A question block (7 lines with a prompt, 5 without, for a one-line answer); `prompt` null leaves the 🧠 line out. */
const question = (n: number, prompt: string | null, answer = `The ${word()} is ${word()}.`) => [
  `??? question "${n}. What is ${word()}?"`,
  ...(prompt === null ? [] : [`    🧠 ${prompt}`, '']),
  '    🟢 **Beginner**',
  '',
  ...answer.split('\n').map((l) => (l === '' ? '' : `    ${l}`)),
  '',
];

/** Write a pack; `frontMatter` lines go between `pack:` and the closing `---`. */
function writePack(dir: string, id: string, body: string[], frontMatter: string[] = [`reviewed: ${TODAY}`]): string {
  const file = path.join(dir, `${id}.md`);
  fs.writeFileSync(file, lines('---', `title: ${id}`, `pack: ${id}`, ...frontMatter, '---', '', ...body));
  return file;
}

/** content:check on `dir` as of TODAY: exit code and the problem lines (the summary dropped). */
function check(dir: string, ...flags: string[]) {
  let out = '';
  const code = runContentCheck([...flags, dir], { stdout: (t) => (out += t), stderr: (t) => (out += t) }, 'content', { today: TODAY });
  return { code, lines: out.trimEnd().split('\n').slice(0, -1).filter((l) => !/unbalanced/.test(l)) };
}

describe('sections named like a level', () => {
  test.each([
    ['Intermediate/Advanced', true],
    ['Beginner', true],
    ['🟢 Beginner', true],
    ['Senior level questions', true],
    ['Easy & Medium', true],
    ['Advanced Networking', false],
    ['Basics', false],
    ['Hard Problems in Scheduling', false],
    ['constructor', false],
  ])('%s → %s', (name, expected) => expect(isLevelName(name)).toBe(expected));

  test('are errors at the heading line; topic sections are not', () => {
    const dir = makeTempDir();
    const file = writePack(dir, 'p', ['## Networking', '', ...question(1, 'Where do packets go?'), '## Intermediate/Advanced', '', ...question(2, 'What breaks first?')]);
    const { code, lines: out } = check(dir);
    expect(code).toBe(1);
    expect(out).toEqual([`${file}:16: section "Intermediate/Advanced" is named like a level; name sections by topic (each question's marker gives its level)`]);
    expect(parsePack(fs.readFileSync(file, 'utf8'), file).pack.sections).toEqual([
      { name: 'Networking', line: 7 },
      { name: 'Intermediate/Advanced', line: 16 },
    ]);
  });
});

describe('think-first prompts', () => {
  test('a prompt used more than 3 times is one error, at its 4th use, with the count and the first use', () => {
    const dir = makeTempDir();
    const boiler = 'Think before expanding...';
    const a = writePack(dir, 'a', ['## S', '', ...question(1, boiler), ...question(2, 'think before expanding…'), ...question(3, 'Shared hint.')]);
    const b = writePack(dir, 'b', [
      '## S',
      '',
      ...question(1, 'Think  before expanding'),
      ...question(2, boiler),
      ...question(3, boiler),
      ...question(4, 'Shared hint.'),
      ...question(5, 'Shared hint.'),
    ]);
    const { code, lines: out } = check(dir);
    expect(code).toBe(1);
    // Case, spacing and trailing dots do not make a prompt different; "Shared hint." is used 3 times, which is allowed.
    expect(out).toEqual([
      `${b}:16: think-first prompt "${boiler}" is used 5 times in the bank (first at ${a}:9); give each question a hint of its own (at most 3 may share one)`,
    ]);
  });

  test('questions without a prompt are not counted', () => {
    const qs = loadBank(makeTempDir(), [writePack(makeTempDir(), 'c', ['## S', '', ...[1, 2, 3, 4, 5].flatMap((n) => question(n, null))])]).questions;
    expect(qs).toHaveLength(5);
    expect(repeatedPromptProblems(qs)).toEqual([]);
  });
});

describe('answers that open with a labelled part', () => {
  test('are errors at the question; a plain sentence first is fine', () => {
    const dir = makeTempDir();
    const file = writePack(dir, 'p', [
      '## S',
      '',
      ...question(1, 'Which parts?', '✔ **Implementation:**\nUse a queue.\n\n💡 **Interview Tip:**\nSay why.'),
      ...question(2, 'Why?', 'Use a queue, because producers and consumers then fail separately.\n\n✔ **Implementation:**\nSQS.'),
    ]);
    const { lines: out } = check(dir);
    const [first] = loadBank(dir).questions;
    expect(out).toEqual([`${file}:9: question "${first.title}": the answer opens with the labelled part "Implementation"; open with a plain sentence that answers the question`]);
    expect(labelledOpeningProblems(loadBank(dir).questions)).toHaveLength(1);
  });
});

describe('review dates', () => {
  const body = ['## S', '', ...question(1, 'Hint?')];
  const reviewed = (date: string | null) => {
    const file = writePack(makeTempDir(), 'p', body, date === null ? [] : [`reviewed: ${date}`]);
    return { file, pack: loadBank('.', [file]).packs[0] };
  };

  test('the parser reads `reviewed:` as a day with its line; a value that is not a day is a warning there', () => {
    expect(reviewed('2026-03-01').pack.reviewed).toEqual({ date: '2026-03-01', line: 4 });
    expect(reviewed('"2026-03-01"').pack.reviewed).toEqual({ date: '2026-03-01', line: 4 });
    expect(reviewed(null).pack.reviewed).toBeNull();
    for (const bad of ['2026-02-30', 'last spring', '"2026-3-1"']) {
      const { file, pack } = reviewed(bad);
      expect(pack.reviewed).toEqual({ date: null, line: 4 });
      const problems = loadBank('.', [file]).problems;
      expect(problems).toEqual([
        expect.objectContaining({ line: 4, severity: 'warning', message: expect.stringMatching(/^front matter `reviewed` is .*; write the day the facts were checked as YYYY-MM-DD$/) }),
      ]);
    }
  });

  test('missing: a warning at file:1; older than 12 months: a warning at the `reviewed:` line; within a year: nothing', () => {
    const missing = reviewed(null);
    const old = reviewed('2025-11-30');
    const yearAgo = reviewed('2025-12-01');
    expect(reviewedProblems([missing.pack, old.pack, yearAgo.pack], TODAY)).toEqual([
      {
        file: missing.file,
        line: 1,
        severity: 'warning',
        message: 'pack "p" has no `reviewed:` date (add the day its facts were last checked, as YYYY-MM-DD, to the front matter)',
      },
      {
        file: old.file,
        line: 4,
        severity: 'warning',
        message: 'pack "p" was last reviewed on 2025-11-30, more than 12 months before 2026-12-01: check its facts and update `reviewed:`',
      },
    ]);
  });

  test('a date after today is a warning; 29 February counts back to the 29th or 28th correctly', () => {
    expect(reviewedProblems([reviewed('2026-12-02').pack], TODAY).map((p) => p.message)).toEqual([
      'pack "p" says it was reviewed on 2026-12-02, which is after today (2026-12-01)',
    ]);
    expect(reviewedProblems([reviewed('2027-02-28').pack], '2028-02-29')).toEqual([]);
    expect(reviewedProblems([reviewed('2027-02-27').pack], '2028-02-29')).toHaveLength(1);
  });

  test('today defaults to the local date', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('content:check warns and exits 0; --strict fails on the warning, as it does on any warning', () => {
    const dir = makeTempDir();
    const file = writePack(dir, 'p', body, ['reviewed: 2024-01-01']);
    expect(check(dir)).toEqual({
      code: 0,
      lines: [`${file}:4: warning: pack "p" was last reviewed on 2024-01-01, more than 12 months before ${TODAY}: check its facts and update \`reviewed:\``],
    });
    expect(check(dir, '--strict')).toEqual({
      code: 1,
      lines: [`${file}:4: pack "p" was last reviewed on 2024-01-01, more than 12 months before ${TODAY}: check its facts and update \`reviewed:\``],
    });
  });

  test('--strict also turns parse warnings into errors', () => {
    const dir = makeTempDir();
    writePack(dir, 'p', [...body, '??? question "2. Placeholder?"', '    🟡 Intermediate', '', '    TBD', '']);
    const bank = loadBank(dir);
    expect(checkBank(bank, dir, { quality: true, today: TODAY }).warnings.map((p) => p.message)).toContainEqual(expect.stringContaining('placeholder'));
    const strict = checkBank(bank, dir, { strict: true, today: TODAY });
    expect(strict.warnings).toEqual([]);
    expect(strict.errors.map((p) => p.message)).toContainEqual(expect.stringContaining('placeholder'));
  });
});
