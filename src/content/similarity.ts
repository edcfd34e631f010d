/**
 * Near-duplicate questions: two questions that ask the same thing, or that explain the same point twice.
 *
 * Texts become sets of **content words** (similarity-words.ts: lower-cased, stop words and question framing
 * dropped, lightly stemmed, fenced code left out) and each word gets a **rarity weight** from how many questions of
 * the bank use it (1 for a word only one question uses, about 0.1 for a word every question uses). Three views of a
 * pair, each with a threshold in {@link DEFAULT_THRESHOLDS}; reaching any one makes the pair a near-duplicate:
 *
 * 1. **title**: Jaccard of the title words (shared / distinct). Catches the same question asked twice.
 * 2. **answer**: weighted Jaccard of the answer words: the weight of the words both answers use over the weight of
 *    all their words. Catches two answers that cover the same ground, in other words.
 * 3. **passage**: the questions are cut into passages (the title, each paragraph, list item and table row of the
 *    answer) and passages of one are compared with passages of the other by cosine of their weighted words. Pairs
 *    of passages at a cosine of at least {@link PASSAGE_COSINE}, sharing two words or more, are matched one to one,
 *    closest first, and the score adds up cosine × weight of the shared words over the matched pairs. Catches a
 *    point made in both questions ("exit code 137 is an OOM kill", "tags are mutable") inside otherwise different
 *    answers, which the whole-answer view dilutes. Title against title is left to view 1.
 *
 * Each view is an exact join (similarity-join.ts), not a scoring of all n² pairs. Whether a restated passage
 * gives the other question away or is a fact both need is left to a reviewer: pairs read and found to be topic
 * neighbours are recorded beside the packs and not reported again unless they come closer (similarity-review.ts).
 */
import type { ContentProblem, Question } from './types';
import { cosinePairs, similarPairs, weightedJaccardPairs } from './similarity-join';
import { answerPassages, contentWords, rarityWeights } from './similarity-words';

export { contentWords, jaccard, stem, answerPassages, rarityWeights } from './similarity-words';
export { cosinePairs, similarPairs, weightedJaccardPairs } from './similarity-join';

export interface SimilarityThresholds {
  /** Jaccard of title words at or above which two questions are near-duplicates. */
  title: number;
  /** Weighted Jaccard of the answer words at or above which two questions are near-duplicates. */
  answer: number;
  /** Passage overlap (sum of cosine × shared weight over matched passages) at or above which they are. */
  passage: number;
}

/** Passages closer than this (cosine of weighted words) are not counted as saying the same thing. */
export const PASSAGE_COSINE = 0.3;

/**
 * Calibrated on the bank as of commit a0acfd3 (test/fixtures/bank-a0acfd3: 213 questions in 10 packs), on pairs a
 * reviewer found there that say the same thing and on pairs of different questions on one topic
 * (test/fixtures/near-duplicates.ts; test/content/similarity-calibration.test.ts holds the scores):
 *
 * - title: unchanged. The closest distinct titles score 0.50; at 0.7, titles of four or five words that differ by
 *   one word each stay apart, and adding one word to a title of three or more is still caught.
 * - passage: the listed pairs that restate a point score 1.27 and up (exit code 137 explained in the
 *   CrashLoopBackOff answer 1.37, the OIDC role per branch 1.27); different questions on one topic at most 1.17.
 *   The threshold sits between the two, about 4% from each.
 * - answer: reworded copies of a bank question score 0.28 to 0.50; the bank's closest distinct pairs 0.21–0.24,
 *   all of them listed duplicates; the listed topic neighbours at most 0.12. It cannot go much lower: the listed
 *   pairs that share no restated passage score 0.09–0.13, and at 0.10 this view flagged about 650 pairs in the
 *   564-question bank of December 2026, nearly all of them different questions on one topic.
 */
export const DEFAULT_THRESHOLDS: Readonly<SimilarityThresholds> = { title: 0.7, answer: 0.2, passage: 1.22 };

/** The words of a question that the title and answer measures compare. */
export interface QuestionWords {
  title: string[];
  answer: string[];
}

export function questionWords(q: Pick<Question, 'title' | 'answer'>): QuestionWords {
  return { title: contentWords(q.title), answer: contentWords(q.answer, { dropCode: true }) };
}

export interface NearDuplicate {
  /** The earlier question in bank order. */
  first: Question;
  /** The later question, where the warning is reported. */
  second: Question;
  /** Scores that reached their threshold (at least one is set). */
  title: number | null;
  answer: number | null;
  passage: number | null;
  /** With `passage`: the later question's passage that restates the earlier one most (its Markdown). */
  restated: string | null;
}

interface Passage {
  question: number;
  isTitle: boolean;
  text: string;
}

/**
 * Passage overlap of every pair of questions that reaches `threshold`: [i, j, score, the later question's
 * passage with the largest share of the score].
 */
function passageOverlaps(
  questions: readonly Question[],
  weight: (word: string) => number,
  threshold: number,
): Array<[number, number, number, string]> {
  const passages: Passage[] = [];
  questions.forEach((q, k) => {
    passages.push({ question: k, isTitle: true, text: q.title });
    for (const text of answerPassages(q.answer)) passages.push({ question: k, isTitle: false, text });
  });
  const found = cosinePairs(
    passages.map((p) => contentWords(p.text)),
    weight,
    PASSAGE_COSINE,
    { group: passages.map((p) => p.question), minShared: 2 },
  );
  // Group the passage pairs by question pair (passages are numbered in question order, so a < b means qa ≤ qb).
  const byPair = new Map<number, typeof found>();
  for (const p of found) {
    if (passages[p.a].isTitle && passages[p.b].isTitle) continue;
    const key = passages[p.a].question * questions.length + passages[p.b].question;
    const list = byPair.get(key) ?? [];
    list.push(p);
    byPair.set(key, list);
  }
  const result: Array<[number, number, number, string]> = [];
  for (const [key, list] of byPair) {
    // One to one, closest first: a passage restates at most one passage of the other question.
    list.sort((x, y) => y.cosine - x.cosine || x.a - y.a || x.b - y.b);
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    let score = 0;
    let best = { part: 0, text: '' };
    for (const p of list) {
      if (usedA.has(p.a) || usedB.has(p.b)) continue;
      usedA.add(p.a);
      usedB.add(p.b);
      const part = p.cosine * p.shared;
      score += part;
      if (part > best.part) best = { part, text: passages[p.b].text };
    }
    if (score >= threshold - 1e-9) result.push([Math.floor(key / questions.length), key % questions.length, score, best.text]);
  }
  return result;
}

/** Every near-duplicate pair in `questions` (across packs and within one), in the order of the later question. */
export function findNearDuplicates(
  questions: readonly Question[],
  thresholds: Readonly<SimilarityThresholds> = DEFAULT_THRESHOLDS,
): NearDuplicate[] {
  const words = questions.map(questionWords);
  const whole = words.map((w) => [...new Set([...w.title, ...w.answer])]);
  const weight = rarityWeights(whole);
  const found = new Map<number, { i: number; j: number; d: NearDuplicate }>();
  const entry = (i: number, j: number) => {
    const key = i * questions.length + j;
    let e = found.get(key);
    if (!e) {
      e = { i, j, d: { first: questions[i], second: questions[j], title: null, answer: null, passage: null, restated: null } };
      found.set(key, e);
    }
    return e.d;
  };
  for (const [i, j, s] of similarPairs(words.map((w) => w.title), thresholds.title)) entry(i, j).title = s;
  for (const [i, j, s] of weightedJaccardPairs(words.map((w) => w.answer), weight, thresholds.answer)) entry(i, j).answer = s;
  for (const [i, j, s, text] of passageOverlaps(questions, weight, thresholds.passage)) {
    const d = entry(i, j);
    d.passage = s;
    d.restated = text;
  }
  return [...found.values()].sort((x, y) => x.j - y.j || x.i - y.i).map((e) => e.d);
}

/** Shorten a text for a message. */
function quote(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}"`;
}

/**
 * `near-duplicate of content/kubernetes.md:40 "…" (title similarity 0.82)`, reported at the later question. The
 * passage view names the later question's passage that restates the earlier one; it is left out when the answer
 * view already says the two cover the same ground. `reviewedAt` (the recorded scores and where) says that the
 * pair was recorded as topic neighbours and has come closer since.
 */
export function nearDuplicateProblem(d: NearDuplicate, severity: ContentProblem['severity'] = 'warning', reviewedAt?: string): ContentProblem {
  const scores = [
    d.title !== null ? `title similarity ${d.title.toFixed(2)}` : null,
    d.answer !== null ? `answer similarity ${d.answer.toFixed(2)}` : null,
    d.passage !== null && d.answer === null ? `passage overlap ${d.passage.toFixed(2)}, restated in ${quote(d.restated ?? '', 60)}` : null,
  ].filter((s): s is string => s !== null);
  return {
    file: d.second.source.file,
    line: d.second.source.line,
    severity,
    message:
      `near-duplicate of ${d.first.source.file}:${d.first.source.line} ${quote(d.first.title)} (${scores.join(', ')})` +
      (reviewedAt ? `; closer than when recorded as topic neighbours (${reviewedAt})` : ''),
  };
}
