import { summarize, summaryRows } from '../../src/interview/summary';
import { makeInterview, makeQuestion } from './fixtures';

const q = (n: number, category: string, pack = 'drills') => makeQuestion(n, { category, pack, id: `${pack}/q${n}` });

test('overall level is the rounded average of rated answers; skips and unrated ones do not count', () => {
  const s = summarize([
    { index: 0, question: q(1, 'A'), rating: 3 },
    { index: 1, question: q(2, 'B'), rating: 'skip' },
    { index: 2, question: q(3, 'C'), rating: 1 },
    { index: 3, question: q(4, 'D'), rating: 2 },
    { index: 4, question: q(5, 'E'), rating: null },
  ]);
  expect(s.rated).toBe(3);
  expect(s.skipped).toBe(1);
  expect(s.average).toBe(2);
  expect(s.overall).toBe(2);
  expect(summarize([{ index: 0, question: q(1, 'A'), rating: 'skip' }]).overall).toBeNull();
  expect(summarize([{ index: 0, question: q(1, 'A'), rating: 0 }, { index: 1, question: q(2, 'A'), rating: 1 }]).overall).toBe(1); // 0.5 rounds up
});

test('study next: the lowest-rated topics below Advanced, lowest first, at most three', () => {
  const s = summarize([
    { index: 0, question: q(1, 'Networking'), rating: 1 },
    { index: 1, question: q(2, 'Networking'), rating: 2 },
    { index: 2, question: q(3, 'Containers'), rating: 0 },
    { index: 3, question: q(4, 'Pipelines'), rating: 3 },
    { index: 4, question: q(5, 'Security'), rating: 2 },
    { index: 5, question: q(6, 'Git'), rating: 2 },
    { index: 6, question: q(7, 'Containers', 'other'), rating: 2 },
  ]);
  expect(s.studyNext.map((t) => `${t.pack}/${t.category}`)).toEqual(['drills/Containers', 'drills/Networking', 'other/Containers'] /* ties by name */);
  expect(s.studyNext[1].average).toBe(1.5);
  expect(summarize([{ index: 0, question: q(1, 'A'), rating: 3 }]).studyNext).toEqual([]);
});

test('rows are the questions actually posted, in order, resolved against the bank', () => {
  const bank = new Map([1, 2, 3].map((n) => [`drills/q${n}`, makeQuestion(n)]));
  const iv = makeInterview({
    slots: [
      { index: 0, questionId: 'drills/q1', ts: '1.1', claimedAt: 0, rating: 2 },
      { index: 1, questionId: 'drills/gone', ts: '1.2', claimedAt: 0, rating: 1 },
      { index: 2, questionId: 'drills/q3', ts: null, claimedAt: 0, rating: null },
    ],
  });
  expect(summaryRows(iv, bank).map((r) => r.question.id)).toEqual(['drills/q1']);
});

test('study next: topics with skipped or Not yet questions come first, whatever else they scored', () => {
  const s = summarize([
    { index: 0, question: q(1, 'Networking'), rating: 1 },
    { index: 1, question: q(2, 'Security'), rating: 'skip' },
    { index: 2, question: q(3, 'Containers'), rating: 3 },
    { index: 3, question: q(4, 'Containers'), rating: 0 },
    { index: 4, question: q(5, 'Git'), rating: null }, // ended before a rating: says nothing
  ]);
  expect(s.studyNext.map((t) => t.category)).toEqual(['Security', 'Containers', 'Networking']);
  expect(s.studyNext[0]).toEqual({ category: 'Security', pack: 'drills', average: null, answers: 0, skipped: 1, notYet: 0 });
  expect(s.studyNext[1]).toMatchObject({ average: 1.5, answers: 2, notYet: 1 });
  // Nothing rated, one skip: the skip still sends its topic to the list.
  expect(summarize([{ index: 0, question: q(1, 'A'), rating: 'skip' }]).studyNext.map((t) => t.category)).toEqual(['A']);
});
