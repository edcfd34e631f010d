/** content/aws-devops.md: the seed's questions rewritten, plus four more. */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { LEVELS } from '../../src/content/types';
import { PROJECT_ROOT, SEED_EXPECTED } from './helpers';

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

test('keeps the seed’s 20 questions in the same sections with the same levels, numbered 1–24', () => {
  expect(questions).toHaveLength(24);
  expect(questions.map((q) => q.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  expect(questions.slice(0, 20).map((q) => ({ category: q.category, level: q.level }))).toEqual(SEED_EXPECTED);
});

test('every level is at least a fifth of the pack', () => {
  for (const level of LEVELS) {
    expect(questions.filter((q) => q.level === level).length * 5).toBeGreaterThanOrEqual(questions.length);
  }
});

test('every question has a prompt, an answer and at least one labelled part', () => {
  for (const q of questions) {
    expect(q.prompt).toBeTruthy();
    expect(q.answer.length).toBeGreaterThan(100);
    expect(q.parts.some((p) => p.label !== null)).toBe(true);
  }
});
