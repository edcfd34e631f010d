/**
 * Readiness and calibration from the review counters: the numbers Home shows are the answers counted, summed over
 * channel answers, review ratings and mock ratings; calibration compares only cells (category and level) that have
 * both self-reports and interviewers' ratings.
 */
import type { ReadinessRow, ReviewSource } from '../../src/model/reviews';
import type { Level } from '../../src/model/levels';
import { calibration, readinessByPack } from '../../src/home/readiness';
import { levelGap } from '../../src/views/home-parts';

const row = (source: ReviewSource, level: Level, category: string, total: number, atLevel: number, points: number, pack = 'k8s'): ReadinessRow => ({
  source,
  level,
  pack,
  category,
  total,
  atLevel,
  points,
});
const titles = new Map([
  ['k8s', 'Kubernetes'],
  ['tf', 'Terraform'],
]);

test('readiness sums every source per category and level, levels in the bank order, busiest first', () => {
  const packs = readinessByPack(
    [
      row('channel', 'intermediate', 'Workloads', 3, 2, 6),
      row('review', 'intermediate', 'Workloads', 1, 1, 2),
      row('mock', 'intermediate', 'Workloads', 2, 0, 1),
      row('channel', 'beginner', 'Workloads', 1, 1, 1),
      row('channel', 'advanced', 'Networking', 1, 0, 2),
      row('channel', 'beginner', 'State', 1, 1, 3, 'tf'),
      row('mock', 'beginner', 'Empty', 0, 0, 0, 'tf'),
    ],
    titles,
  );
  expect(packs.map((p) => [p.title, p.atLevel, p.total])).toEqual([
    ['Kubernetes', 4, 8],
    ['Terraform', 1, 1],
  ]);
  expect(packs[0].categories).toEqual([
    {
      category: 'Workloads',
      total: 7,
      atLevel: 4,
      cells: [
        { level: 'beginner', total: 1, atLevel: 1 },
        { level: 'intermediate', total: 6, atLevel: 3 },
      ],
    },
    { category: 'Networking', total: 1, atLevel: 0, cells: [{ level: 'advanced', total: 1, atLevel: 0 }] },
  ]);
  // A pack the bank no longer has shows its id.
  expect(readinessByPack([row('channel', 'beginner', 'X', 1, 0, 0, 'gone')], titles)[0].title).toBe('gone');
});

test('calibration: mean self-report less mean rating, in cells with both, weighted by the smaller side', () => {
  const lines = calibration(
    [
      // Workloads, intermediate: self 2.5 on average (channel and review together), interviewers 2.0: +0.5 over 2.
      row('channel', 'intermediate', 'Workloads', 3, 3, 8),
      row('review', 'intermediate', 'Workloads', 1, 1, 2),
      row('mock', 'intermediate', 'Workloads', 2, 2, 4),
      // Networking, advanced: self 3, interviewers 1: +2 over 1.
      row('channel', 'advanced', 'Networking', 1, 1, 3),
      row('mock', 'advanced', 'Networking', 1, 0, 1),
      // Only self-reports, or only ratings: not compared.
      row('channel', 'beginner', 'Workloads', 5, 5, 15),
      row('mock', 'beginner', 'Storage', 4, 0, 0),
      // Terraform: interviewers rate higher.
      row('channel', 'beginner', 'State', 2, 1, 1, 'tf'),
      row('mock', 'beginner', 'State', 2, 2, 4, 'tf'),
    ],
    titles,
  );
  expect(lines).toEqual([
    { pack: 'k8s', title: 'Kubernetes', difference: (0.5 * 2 + 2 * 1) / 3, answers: 3 },
    { pack: 'tf', title: 'Terraform', difference: -1.5, answers: 2 },
  ]);
  expect(calibration([row('channel', 'beginner', 'X', 3, 3, 3)], titles)).toEqual([]);
});

test('the gap in words, to the nearest half level', () => {
  expect(levelGap(0.1)).toBe('about the same as your interviewers do');
  expect(levelGap(0.5)).toBe('about half a level above your interviewers');
  expect(levelGap(0.6)).toBe('about half a level above your interviewers');
  expect(levelGap(-1)).toBe('about a level below your interviewers');
  expect(levelGap(1.4)).toBe('about a level and a half above your interviewers');
  expect(levelGap(-2.6)).toBe('about 2 and a half levels below your interviewers');
  expect(levelGap(3)).toBe('about 3 levels above your interviewers');
});
