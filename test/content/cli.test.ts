/** `npm run content:check` as a child process, plus the in-process entry point for the cheap cases. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runContentCheck } from '../../src/content/cli';
import { checkBank, assertBankOk, ContentCheckError, formatProblem } from '../../src/content/check';
import { loadBank } from '../../src/content/bank';
import { lines, makeTempDir, PROJECT_ROOT, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

function contentCheck(...args: string[]) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'content:check', '--', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GOOD = lines('---', 'title: Good', 'pack: good', '---', '', '## S', '', '??? question "1. Fine?"', '    🟢 **Beginner**', '', '    Yes.', '');
const BROKEN = lines(
  '---', // 1
  'title: Broken', // 2
  'pack: broken', // 3
  '---', // 4
  '', // 5
  '## S', // 6
  '', // 7
  '??? question "1. No level here?"', // 8
  '    🧠 Think...', // 9
  '', // 10
  '    Text.', // 11
  '', // 12
  '??? question "2. Empty?"', // 13
  '    🟡 Intermediate', // 14
  '', // 15
  '??? question "3. Fine?"', // 16
  '    🔴 Advanced', // 17
  '', // 18
  '    TBD', // 19
  '', // 20
  '??? question "4. Flat"', // 21
  'Not indented.', // 22
);

describe('content:check as a child process', () => {
  test('a folder with a broken pack: exit 1, one file:line line per problem, then the summary', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'broken.md'), BROKEN);
    fs.writeFileSync(path.join(dir, 'good.md'), GOOD);
    const broken = path.join(dir, 'broken.md');
    const { code, stdout } = contentCheck(dir);
    expect(code).toBe(1);
    const good = path.join(dir, 'good.md');
    expect(stdout.trimEnd().split('\n')).toEqual([
      // Bank-quality warnings (packs below the floors, review dates, near-duplicates) come with every run; see
      // bank-floors.test.ts and rules.test.ts. (The floors changed from "a fifth at each level" to 4 at each level.)
      `${broken}:1: warning: pack "broken" is unbalanced: 1 question (at least 15 wanted); 0 beginner, 0 intermediate, 1 advanced (each level needs at least 4)`,
      `${broken}:1: warning: pack "broken" has no \`reviewed:\` date (add the day its facts were last checked, as YYYY-MM-DD, to the front matter)`,
      `${broken}:8: question "No level here?" has no level`,
      `${broken}:13: question "Empty?" has an empty answer`,
      `${broken}:19: warning: question "Fine?" has a placeholder answer`,
      `${broken}:22: question "Flat" body is not indented (indent it by 4 spaces)`,
      `${good}:1: warning: pack "good" is unbalanced: 1 question (at least 15 wanted); 1 beginner, 0 intermediate, 0 advanced (each level needs at least 4)`,
      `${good}:1: warning: pack "good" has no \`reviewed:\` date (add the day its facts were last checked, as YYYY-MM-DD, to the front matter)`,
      `${good}:8: warning: near-duplicate of ${broken}:16 "Fine?" (title similarity 1.00)`,
      '2 questions in 2 packs (1 beginner, 0 intermediate, 1 advanced)',
    ]);
  });

  test('without arguments it checks content/: the exit code follows its errors, the summary comes last', () => {
    // Whether the shipped bank is clean is bank-floors.test.ts's business; this is about the default folder.
    const content = path.join(PROJECT_ROOT, 'content');
    const bank = loadBank(content);
    const { code, stdout } = contentCheck();
    expect(code).toBe(checkBank(bank, content, { quality: true }).ok ? 0 : 1);
    const summary = stdout.trimEnd().split('\n').pop();
    expect(summary).toMatch(/^\d+ questions in \d+ packs \(\d+ beginner, \d+ intermediate, \d+ advanced\)$/);
    expect(summary).toMatch(new RegExp(`^${bank.questions.length} question`));
  });

  test('--json prints the questions as a JSON array; problems go to stderr', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'good.md'), GOOD);
    const { code, stdout, stderr } = contentCheck('--json', path.join(dir, 'good.md'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { id: 'good/fine', pack: 'good', category: 'S', number: 1, title: 'Fine?', level: 'beginner', prompt: null, answer: 'Yes.' },
    ]);
    expect(stderr).toBe(
      `${path.join(dir, 'good.md')}:1: warning: pack "good" is unbalanced: 1 question (at least 15 wanted); ` +
        '1 beginner, 0 intermediate, 0 advanced (each level needs at least 4)\n' +
        `${path.join(dir, 'good.md')}:1: warning: pack "good" has no \`reviewed:\` date ` +
        '(add the day its facts were last checked, as YYYY-MM-DD, to the front matter)\n' +
        '1 question in 1 pack (1 beginner, 0 intermediate, 0 advanced)\n',
    );
  });
});

describe('runContentCheck in process', () => {
  const run = (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = runContentCheck(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };

  test('unknown options and unreadable paths exit 2', () => {
    expect(run('--nope')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --nope') });
    expect(run(path.join(makeTempDir(), 'missing.md'))).toMatchObject({ code: 2, err: expect.stringContaining('ENOENT') });
  });

  test('an empty folder has no questions: exit 1', () => {
    const dir = makeTempDir();
    const { code, out } = run(dir);
    expect(code).toBe(1);
    expect(out).toBe(`${dir}:1: no questions found\n0 questions in 0 packs (0 beginner, 0 intermediate, 0 advanced)\n`);
  });
});

describe('checkBank for the bot', () => {
  test('reports the same lines as the CLI and throws them from assertBankOk', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'broken.md'), BROKEN);
    const bank = loadBank(dir);
    const result = checkBank(bank, dir);
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(3);
    expect(result.warnings).toHaveLength(1);
    expect(result.lines).toEqual(bank.problems.map(formatProblem));
    expect(() => assertBankOk(bank)).toThrow(ContentCheckError);
    try {
      assertBankOk(bank);
    } catch (e) {
      expect((e as ContentCheckError).lines).toEqual(result.errors.map(formatProblem));
    }
    expect(assertBankOk(loadBank(path.join(PROJECT_ROOT, 'content'))).ok).toBe(true);
  });
});
