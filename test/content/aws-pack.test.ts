/** content/aws-devops.md: the re-cut AWS pack (our own selection, order, categories and levels). */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { levelFromWord } from '../../src/content/levels';
import { LEVELS } from '../../src/content/types';
import { PROJECT_ROOT } from './helpers';

const FILE = path.join(PROJECT_ROOT, 'content', 'aws-devops.md');
const bank = loadBank(path.join(PROJECT_ROOT, 'content'), [FILE]);
const questions = bank.questions;

test('is proper UTF-8 without problems', () => {
  const bytes = fs.readFileSync(FILE);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
  expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  expect(bytes.includes('\r')).toBe(false);
  expect(bank.problems).toEqual([]);
  expect(bank.packs[0]).toMatchObject({ id: 'aws-devops', wasRepaired: false, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
});

test('has at least 25 questions, numbered 1 to N in file order', () => {
  expect(questions.length).toBeGreaterThanOrEqual(25);
  expect(questions.map((q) => q.number)).toEqual(Array.from({ length: questions.length }, (_, i) => i + 1));
});

test('has at least 4 questions of each level', () => {
  for (const level of LEVELS) {
    expect(questions.filter((q) => q.level === level).length).toBeGreaterThanOrEqual(4);
  }
});

test('no section is named like a level (such as "Intermediate/Advanced")', () => {
  const categories = [...new Set(questions.map((q) => q.category))];
  for (const category of categories) {
    const words = category.split(/[^A-Za-z]+/).filter(Boolean);
    expect({ category, levelName: words.length > 0 && words.every((w) => levelFromWord(w) !== null) }).toEqual({
      category,
      levelName: false,
    });
  }
});

test('drops the retired OpsWorks', () => {
  expect(fs.readFileSync(FILE, 'utf8')).not.toMatch(/opsworks/i);
});

test('every question has a prompt, an answer and at least one labelled part', () => {
  for (const q of questions) {
    expect(q.prompt).toBeTruthy();
    expect(q.answer.length).toBeGreaterThan(100);
    expect(q.parts.some((p) => p.label !== null)).toBe(true);
  }
});
