/**
 * Reviewed topic neighbours: pairs of questions that near-duplicate detection reports, that a reviewer read and
 * found to be different questions on one topic. They are recorded in a file beside the packs
 * ({@link REVIEWED_NEIGHBOURS_FILE}), one pair a line, as `content:check --review-lines` prints them:
 *
 *     later question id | earlier question id | passage 1.36 | why they are different questions
 *
 * The scores are every view's score when the pair was read. A recorded pair is not reported again unless it
 * comes closer: a score more than {@link REVIEW_MARGIN} above the recorded one, or a view that had not found the
 * pair at all.
 *
 * Why a record rather than another threshold: the measures compare words, and a passage that one answer shares
 * with another looks the same to them whether it gives the other question away (a near-duplicate) or is a fact
 * both questions need (topic neighbours). In the 564-question bank of December 2026 the measures reported 180
 * pairs; of the 16 a reviewer found real, the weakest was outscored by nine neighbours in ten and the strongest
 * by five (test/content/similarity-review.test.ts). Variants tried on that bank (passage overlap over answer
 * weight, rarity within a pack's topic, requiring the restated passage to match the other question's title or
 * opening, squaring the cosine, a higher cosine floor) either lost pairs of the calibration bank or still
 * reported 140 pairs and more. So the detector keeps the sensitivity the calibration needs, each pair is read
 * once, and CI reports only the pairs nobody has read, or that have come closer since.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ContentProblem } from './types';
import type { NearDuplicate } from './similarity';

/** The file, in the folder of the packs, that lists reviewed topic neighbours. */
export const REVIEWED_NEIGHBOURS_FILE = 'reviewed-neighbours.txt';

/** How much closer than recorded (as a share of the recorded score) a pair may come before it is reported again. */
export const REVIEW_MARGIN = 0.15;

const VIEWS = ['title', 'answer', 'passage'] as const;
type View = (typeof VIEWS)[number];

export interface ReviewedPair {
  /** The two question ids, as written (the later question first). */
  ids: [string, string];
  /** The scores recorded at review, per view that found the pair. */
  scores: Partial<Record<View, number>>;
  why: string;
  file: string;
  line: number;
}

export interface ReviewedNeighbours {
  pairs: ReviewedPair[];
  /** Lines that are not a record. */
  problems: ContentProblem[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** The records of one file's text; `file` is used in problems. Blank lines and `#` comments are skipped. */
export function parseReviewedNeighbours(text: string, file: string): ReviewedNeighbours {
  const pairs: ReviewedPair[] = [];
  const problems: ContentProblem[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const error = (message: string) => problems.push({ file, line, severity: 'error', message });
    const fields = content.split(' | ').map((f) => f.trim());
    if (fields.length !== 4 || fields.slice(0, 3).some((f) => f === '')) {
      error('a reviewed pair is "later id | earlier id | scores | why" (four fields separated by " | ")');
      return;
    }
    const [later, earlier, scoreText, why] = fields;
    if (!later.includes('/') || !earlier.includes('/') || later === earlier) {
      error(`a reviewed pair names two different question ids such as "docker/what-is-a-layer" (got "${later}", "${earlier}")`);
      return;
    }
    const scores: Partial<Record<View, number>> = {};
    for (const item of scoreText.split(',').map((s) => s.trim())) {
      const m = /^(title|answer|passage) (\d+(?:\.\d+)?)$/.exec(item);
      if (!m) {
        error(`unreadable score "${item}" (write the views content:check printed, such as "passage 1.36")`);
        return;
      }
      scores[m[1] as View] = Number(m[2]);
    }
    if (why === '' || /^(?:todo|tbd|\?+)$/i.test(why)) {
      error('a reviewed pair needs the reason the two are different questions');
      return;
    }
    const key = pairKey(later, earlier);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ file, line, severity: 'warning', message: `the same pair is already recorded at line ${first}` });
      return;
    }
    seen.set(key, line);
    pairs.push({ ids: [later, earlier], scores, why, file, line });
  });
  return { pairs, problems };
}

/** The records in {@link REVIEWED_NEIGHBOURS_FILE} of each folder that has one. */
export function readReviewedNeighbours(dirs: readonly string[]): ReviewedNeighbours {
  const all: ReviewedNeighbours = { pairs: [], problems: [] };
  for (const dir of new Set(dirs)) {
    const file = path.join(dir, REVIEWED_NEIGHBOURS_FILE);
    if (!fs.existsSync(file)) continue;
    const one = parseReviewedNeighbours(fs.readFileSync(file, 'utf8'), file);
    all.pairs.push(...one.pairs);
    all.problems.push(...one.problems);
  }
  return all;
}

/** The views of `d` that found it, with their scores. */
function viewScores(d: NearDuplicate): Array<[View, number]> {
  return VIEWS.flatMap((v) => (d[v] === null ? [] : [[v, d[v] as number] as [View, number]]));
}

/** `passage 1.36` or `answer 0.23, passage 1.98`: the scores of a pair as a record writes them. */
export function formatScores(scores: Partial<Record<View, number>>): string {
  return VIEWS.filter((v) => scores[v] !== undefined)
    .map((v) => `${v} ${scores[v]!.toFixed(2)}`)
    .join(', ');
}

/** A record line for `d`, to be completed with the reason the two are different questions. */
export function reviewLine(d: NearDuplicate, why: string): string {
  return [d.second.id, d.first.id, formatScores(Object.fromEntries(viewScores(d))), why].join(' | ');
}

export interface ReviewResult {
  /** The pairs still to report, each with its record when it was reviewed but has come closer since. */
  reported: Array<{ pair: NearDuplicate; record: ReviewedPair | null }>;
  /** Problems of the records: unreadable lines, and records naming a question of a loaded pack that is gone. */
  problems: ContentProblem[];
}

/**
 * Drop the pairs recorded as topic neighbours that have not come closer since. `packs` are the ids of the packs
 * checked: a record naming a question of another pack is left alone (a check of a few files), one naming a
 * question missing from a checked pack is reported, since that question was renamed or removed.
 */
export function applyReview(
  pairs: readonly NearDuplicate[],
  reviewed: ReviewedNeighbours | undefined,
  questionIds: ReadonlySet<string>,
  packs: ReadonlySet<string>,
): ReviewResult {
  if (!reviewed) return { reported: pairs.map((pair) => ({ pair, record: null })), problems: [] };
  const problems = [...reviewed.problems];
  const records = new Map<string, ReviewedPair>();
  for (const r of reviewed.pairs) {
    records.set(pairKey(r.ids[0], r.ids[1]), r);
    for (const id of r.ids) {
      if (packs.has(id.slice(0, id.indexOf('/'))) && !questionIds.has(id)) {
        const message = `no question "${id}" (renamed or removed?): update or remove this pair`;
        problems.push({ file: r.file, line: r.line, severity: 'warning', message });
      }
    }
  }
  const reported: ReviewResult['reported'] = [];
  for (const pair of pairs) {
    const record = records.get(pairKey(pair.first.id, pair.second.id));
    if (!record) {
      reported.push({ pair, record: null });
      continue;
    }
    const closer = viewScores(pair).some(([view, score]) => {
      const then = record.scores[view];
      return then === undefined || score > then * (1 + REVIEW_MARGIN) + 1e-9;
    });
    if (closer) reported.push({ pair, record });
  }
  return { reported, problems };
}
