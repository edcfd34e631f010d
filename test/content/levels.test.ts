/**
 * The level vocabulary looks up its own words only. Names every JavaScript object inherits ("constructor",
 * "__proto__", "toString") are unknown words like any other: before, `level: constructor` gave the pack a function
 * as its level and content:check reported nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runContentCheck } from '../../src/content/cli';
import { levelFromWord, matchLevelLine } from '../../src/content/levels';
import { parsePack } from '../../src/content/parse';
import { lines, makeTempDir, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const pack = (frontMatter: string, marker = '🟢 Beginner') =>
  lines('---', 'title: T', frontMatter, '---', '', '## S', '', '??? question "1. Q?"', `    ${marker}`, '', '    Text.', '');

test.each(INHERITED)('"%s" is not a level word', (word) => {
  expect(levelFromWord(word)).toBeNull();
  expect(levelFromWord(word.toUpperCase())).toBeNull();
  expect(matchLevelLine(word, true)).toBeNull();
  expect(matchLevelLine(`**Level:** ${word}`)).toBeNull();
  expect(matchLevelLine(`🟢 ${word}`)).toBeNull();
});

test('the real words still work', () => {
  expect(['Beginner', 'junior', 'MEDIUM', 'senior', 'guru'].map(levelFromWord)).toEqual(['beginner', 'beginner', 'intermediate', 'advanced', 'advanced']);
});

test('`level: constructor` in front matter is an unknown level at its line, and the pack gets no level from it', () => {
  const { pack: p, problems } = parsePack(pack('level: constructor', 'Plain answer start.'), 'content/x.md');
  expect(problems).toEqual([
    {
      file: 'content/x.md',
      line: 3,
      severity: 'error',
      message: 'unknown level "constructor" in front matter (use beginner, intermediate or advanced)',
    },
    // Without a page level the question has none either, instead of a function.
    { file: 'content/x.md', line: 8, severity: 'error', message: 'question "Q?" has no level' },
  ]);
  expect(p.questions).toEqual([]);
});

test('`levels:` mapping a section to "__proto__" is an unknown level', () => {
  const { problems } = parsePack(pack('levels:\n  S: __proto__'), 'content/x.md');
  expect(problems).toEqual([
    {
      file: 'content/x.md',
      line: 3,
      severity: 'error',
      message: 'unknown level "__proto__" for section "S" in front matter (use beginner, intermediate or advanced)',
    },
  ]);
});

test('a marker saying "Level: toString" is not a level, so the question has none', () => {
  const { pack: p, problems } = parsePack(pack('pack: x', '**Level:** toString'), 'content/x.md');
  expect(p.questions).toEqual([]);
  expect(problems.map((x) => `${x.line}: ${x.message}`)).toEqual(['8: question "Q?" has no level']);
});

test('content:check says file:line: unknown level "constructor"', () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'x.md');
  fs.writeFileSync(file, pack('level: constructor'));
  let out = '';
  const code = runContentCheck([file], { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  expect(code).toBe(1);
  expect(out).toContain(`${file}:3: unknown level "constructor"`);
});
