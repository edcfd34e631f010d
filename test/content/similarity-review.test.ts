/**
 * Reviewed topic neighbours (src/content/similarity-review.ts): the record's format, which recorded pairs are
 * reported again, and the review of the bank of December 2026 (test/fixtures/bank-9707a5f) that the record holds.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { checkBank } from '../../src/content/check';
import { runContentCheck } from '../../src/content/cli';
import { DEFAULT_THRESHOLDS, findNearDuplicates, type NearDuplicate } from '../../src/content/similarity';
import { applyReview, parseReviewedNeighbours, REVIEW_MARGIN, REVIEWED_NEIGHBOURS_FILE } from '../../src/content/similarity-review';
import { DECEMBER_DUPLICATES } from '../fixtures/near-duplicates';
import { makeTempDir, PROJECT_ROOT, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

/** A pack file in the bank's format; returns its path. */
function writePack(dir: string, id: string, questions: ReadonlyArray<{ title: string; answer: string }>): string {
  const body = questions.flatMap((q, k) => [`??? question "${k + 1}. ${q.title}"`, '    🟡 **Intermediate**', '', `    ${q.answer}`, '']);
  const file = path.join(dir, `${id}.md`);
  fs.writeFileSync(file, ['---', `title: "${id}"`, `pack: ${id}`, 'reviewed: 2026-12-01', '---', '', `# ${id}`, '', '## Questions', '', ...body].join('\n'));
  return file;
}

const REPEAT = {
  title: 'How does git pull differ from git fetch?',
  answer: 'Fetch downloads commits and moves remote-tracking branches; pull fetches and then merges or rebases.',
};
const LATER = 'beta/how-does-git-pull-differ-from-git-fetch';
const EARLIER = 'alpha/how-does-git-pull-differ-from-git-fetch';

/** Two packs holding the same question (title and answer similarity 1.00), and a record file with `records`. */
function bankWith(...records: string[]) {
  const dir = makeTempDir();
  const a = writePack(dir, 'alpha', [REPEAT, { title: 'What is a detached HEAD?', answer: 'HEAD names a commit, not a branch.' }]);
  const b = writePack(dir, 'beta', [REPEAT]);
  fs.writeFileSync(path.join(dir, REVIEWED_NEIGHBOURS_FILE), ['# reviewed', '', ...records].join('\n'));
  return { dir, a, b, record: path.join(dir, REVIEWED_NEIGHBOURS_FILE) };
}

const run = (...argv: string[]) => {
  let out = '';
  const code = runContentCheck(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t) }, 'content', { today: '2026-12-01' });
  return { code, lines: out.trimEnd().split('\n') };
};
/** content:check's near-duplicate lines (the small test packs also get level-balance warnings). */
const nearDuplicates = (...argv: string[]) => run(...argv).lines.filter((l) => l.includes('near-duplicate'));

describe('the record', () => {
  test('one pair a line: ids, the scores printed, the reason; comments and blank lines are skipped', () => {
    const text = ['# comment', '', 'a/x | b/y | answer 0.23, passage 1.98 | different questions', 'c/x | d/y | title 0.75 | both name it'].join('\n');
    expect(parseReviewedNeighbours(text, 'r.txt')).toEqual({
      pairs: [
        { ids: ['a/x', 'b/y'], scores: { answer: 0.23, passage: 1.98 }, why: 'different questions', file: 'r.txt', line: 3 },
        { ids: ['c/x', 'd/y'], scores: { title: 0.75 }, why: 'both name it', file: 'r.txt', line: 4 },
      ],
      problems: [],
    });
  });

  test('lines that are not a record are errors at their line; a pair recorded twice is a warning', () => {
    const text = [
      'a/x | b/y | passage 1.2',
      'a/x | b/y | passage high | why',
      'a/x | a/x | passage 1.2 | why',
      'x | b/y | passage 1.2 | why',
      'a/x | b/y | passage 1.2 | TODO',
      'a/x | b/y | passage 1.2 | why',
      'b/y | a/x | passage 1.3 | again',
    ].join('\n');
    const { pairs, problems } = parseReviewedNeighbours(text, 'r.txt');
    expect(pairs.map((p) => p.line)).toEqual([6]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [7, 'warning'],
    ]);
    expect(problems[1].message).toMatch(/unreadable score "passage high"/);
    expect(problems[4].message).toMatch(/needs the reason/);
    expect(problems[5].message).toBe('the same pair is already recorded at line 6');
  });
});

describe('which recorded pairs are reported', () => {
  const dup = `near-duplicate of`;

  test('a recorded pair is not reported; without the record it is', () => {
    const { dir, b } = bankWith(`${LATER} | ${EARLIER} | title 1.00, answer 1.00, passage 6.29 | the same words, kept on purpose in this test`);
    expect(nearDuplicates(dir)).toEqual([]);
    fs.rmSync(path.join(dir, REVIEWED_NEIGHBOURS_FILE));
    expect(nearDuplicates(dir)).toEqual([`${b}:11: warning: ${dup} ${path.join(dir, 'alpha.md')}:11 "${REPEAT.title}" (title similarity 1.00, answer similarity 1.00)`]);
  });

  test(`a pair more than ${REVIEW_MARGIN * 100}% closer than recorded, or found by a view the record lacks, is reported again and says so`, () => {
    for (const scores of ['title 0.80, answer 1.00, passage 6.29', 'title 1.00, passage 6.29']) {
      const { dir, b, record } = bankWith(`${LATER} | ${EARLIER} | ${scores} | neighbours once`);
      expect(nearDuplicates(dir)).toEqual([
        `${b}:11: warning: ${dup} ${path.join(dir, 'alpha.md')}:11 "${REPEAT.title}" (title similarity 1.00, answer similarity 1.00); closer than when recorded as topic neighbours (${scores} at ${record}:3)`,
      ]);
    }
    const within = bankWith(`${LATER} | ${EARLIER} | title 0.90, answer 0.90, passage 6.00 | neighbours once`); // within 15%
    expect(nearDuplicates(within.dir)).toEqual([]);
  });

  test('a record naming a question that a checked pack no longer has is a warning; other packs are left alone', () => {
    const { dir, record } = bankWith(
      `${LATER} | ${EARLIER} | title 1.00, answer 1.00, passage 6.29 | kept`,
      `beta/a-renamed-question | ${EARLIER} | passage 1.30 | stale`,
      `gamma/not-checked-here | ${EARLIER} | passage 1.30 | another folder's pack`,
    );
    expect(run(dir).lines.filter((l) => l.startsWith(record))).toEqual([
      `${record}:4: warning: no question "beta/a-renamed-question" (renamed or removed?): update or remove this pair`,
    ]);
  });

  test('checking some files reads the record beside them, and --review-lines prints the lines still to review', () => {
    const { dir, a, b } = bankWith();
    expect(run('--review-lines', a, b).lines).toEqual([
      '# 1 pair(s) to read; keep only topic neighbours, in reviewed-neighbours.txt',
      `${LATER} | ${EARLIER} | title 1.00, answer 1.00, passage 6.29 | TODO`,
    ]);
    fs.writeFileSync(path.join(dir, REVIEWED_NEIGHBOURS_FILE), `${LATER} | ${EARLIER} | title 1.00, answer 1.00, passage 6.29 | read: kept\n`);
    expect(nearDuplicates(a, b)).toEqual([]);
    expect(run('--review-lines', a, b).lines).toEqual(['# 0 pair(s) to read; keep only topic neighbours, in reviewed-neighbours.txt']);
    // The bot's own check at start ignores the record: a broken record file is a content:check error only.
    fs.writeFileSync(path.join(dir, REVIEWED_NEIGHBOURS_FILE), 'not a record\n');
    expect(checkBank(loadBank(dir), dir).ok).toBe(true);
    expect(run(dir).code).toBe(1);
  });
});

describe('the review of the bank of December 2026', () => {
  const DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'bank-9707a5f');
  const bank = loadBank(DIR);
  const ref = (d: NearDuplicate) => [d.first, d.second].map((q) => `${path.basename(q.source.file)}:${q.source.line}`).sort().join(' ');
  const found = findNearDuplicates(bank.questions);
  const review = applyReview(found, bank.reviewed, new Set(bank.questions.map((q) => q.id)), new Set(bank.packs.map((p) => p.id)));
  const real = new Set(DECEMBER_DUPLICATES.map((p) => [p.a, p.b].sort().join(' ')));

  test('the measures found 180 pairs; 164 are recorded as topic neighbours, and what remains is the 16 real ones', () => {
    expect(bank.questions).toHaveLength(564);
    expect(found).toHaveLength(180);
    expect(bank.reviewed!.pairs).toHaveLength(164);
    expect(review.problems).toEqual([]);
    expect(review.reported.map(({ pair }) => ref(pair)).sort()).toEqual([...real].sort());
    // Every record is one of the pairs found, and none of the real ones is recorded.
    const foundIds = new Set(found.map((d) => [d.first.id, d.second.id].sort().join(' ')));
    expect(bank.reviewed!.pairs.filter((r) => !foundIds.has([...r.ids].sort().join(' ')))).toEqual([]);
  });

  test('no threshold separates them: real pairs score among the neighbours, not above them', () => {
    const strength = (d: NearDuplicate) =>
      Math.max((d.title ?? 0) / DEFAULT_THRESHOLDS.title, (d.answer ?? 0) / DEFAULT_THRESHOLDS.answer, (d.passage ?? 0) / DEFAULT_THRESHOLDS.passage);
    const reals = found.filter((d) => real.has(ref(d))).map(strength);
    const neighbours = found.filter((d) => !real.has(ref(d))).map(strength);
    expect(reals).toHaveLength(16);
    // Raising the thresholds to the weakest real pair would keep nine neighbours in ten; some neighbours score
    // above the strongest real pair.
    expect(neighbours.filter((s) => s > Math.min(...reals)).length).toBeGreaterThan(0.9 * neighbours.length);
    expect(Math.max(...neighbours)).toBeGreaterThan(Math.max(...reals));
  });
});
