import { chooseQuestion } from '../../src/interview/choose';

const pool = ['a', 'b', 'c', 'd'];

test('unseen questions come first, whatever was met before', () => {
  const seen = new Map([
    ['a', 1],
    ['b', 2],
  ]);
  for (let i = 0; i < 50; i++) expect(['c', 'd']).toContain(chooseQuestion(pool, new Set(), seen));
  expect(chooseQuestion(pool, new Set(['c']), seen)).toBe('d');
});

test('once every question was met, the one met longest ago comes back; never one already asked', () => {
  const seen = new Map([
    ['a', 30],
    ['b', 10],
    ['c', 20],
    ['d', 40],
  ]);
  expect(chooseQuestion(pool, new Set(), seen)).toBe('b');
  expect(chooseQuestion(pool, new Set(['b']), seen)).toBe('c');
  expect(chooseQuestion(pool, new Set(['b', 'c', 'a']), seen)).toBe('d');
  expect(chooseQuestion(pool, new Set(pool), seen)).toBeNull();
  expect(chooseQuestion([], new Set(), new Map())).toBeNull();
});

test('the pick among unseen questions is random (and injectable)', () => {
  expect(chooseQuestion(pool, new Set(), new Map(), () => 0)).toBe('a');
  expect(chooseQuestion(pool, new Set(), new Map(), () => 0.99)).toBe('d');
});
