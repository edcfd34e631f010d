/**
 * Near-duplicate questions: two questions whose titles, or whose answers, say the same thing.
 *
 * The measure is deliberately simple, so a warning can be explained in one sentence:
 *
 * 1. A text becomes a set of **content words**: lower-cased; punctuation, link targets, part labels ("Why it
 *    matters") and, in answers, fenced code blocks dropped; English stop words and question framing ("what is the
 *    difference between", "how do you", "explain") removed; each word lightly stemmed ("policies" → "policy",
 *    "deploying"/"deployment" → "deploy", "cached"/"cache" → "cach").
 * 2. Two sets are compared with the **Jaccard index**: shared words / distinct words of both.
 * 3. A pair is a near-duplicate when its titles reach {@link DEFAULT_THRESHOLDS}.title or its answers reach
 *    {@link DEFAULT_THRESHOLDS}.answer. Answers get the lower number because they are long: two answers written
 *    separately to the same question share about a third to a half of their words, while answers to different
 *    questions on one topic share under a quarter.
 *
 * Pairs are found with an exact set-similarity join ({@link similarPairs}), not by scoring all n² pairs.
 */
import { matchLabelLine } from './parse';
import type { ContentProblem, Question } from './types';

/** Question framing and ordinary English words that carry no topic. */
const STOP_WORDS = new Set(
  (
    // articles, pronouns, auxiliaries, prepositions, conjunctions
    'a an the this that these those it its it\'s they them their there here we us our you your yours i me my he she ' +
    'his her one ones someone something anything everything nothing each every either neither both all any some ' +
    'no not nor none only own same such so than too very just also even still yet again ever already ' +
    'is am are was were be been being do does did doing done have has had having can could may might must shall ' +
    'should will would need needs let lets get gets got make makes made ' +
    'of in on at by for with from to into onto out over under up down off about above below across after before ' +
    'between through during without within against among per via upon along around behind beyond toward towards ' +
    'and or but if then else when while where whereas whether because since until unless though although as ' +
    // question framing
    'what which who whom whose why how whats what\'s how\'s ' +
    'difference differences differ differs different compare compared comparison versus vs ' +
    'explain describe tell walk mean means meaning define definition work works working ' +
    'use uses used using way ways thing things kind kinds type types example eg ie etc ' +
    'good better best bad worse new old many much more most less least few lot lots really actually ' +
    'instead rather other another'
  ).split(/\s+/),
);

/**
 * A light suffix-stripping stemmer: enough that "pods"/"pod", "policies"/"policy", "deploying"/"deployed"/
 * "deployment"/"deploy" and "caching"/"cache" meet, while staying predictable. It is applied to words of at least
 * four letters; numbers and short words are kept as they are.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length < 4 || /^[0-9]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ment', 'ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/**
 * Remove what is not prose: fenced code blocks (when `dropCode`), part labels such as "✔ **Why it matters:**"
 * (every answer has them, so they say nothing about its topic), link targets, HTML tags and entities.
 */
function plainText(markdown: string, dropCode: boolean): string {
  let text = markdown;
  if (dropCode) text = text.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, ' ');
  return text
    .split('\n')
    .map((line) => matchLabelLine(line.trim())?.rest ?? line)
    .join('\n')
    .replace(/\]\([^)]*\)/g, ']') // [text](url) → [text]
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#[0-9]+;/gi, ' ');
}

/** The stemmed content words of a text, in order of first appearance, without repeats. */
export function contentWords(text: string, options: { dropCode?: boolean } = {}): string[] {
  const words = plainText(text, options.dropCode ?? false)
    .toLowerCase()
    .replace(/[’']/g, '') // "don't" → "dont", "pod's" → "pods"
    .split(/[^a-z0-9]+/);
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const stemmed = stem(word);
    if (stemmed.length < 2 || STOP_WORDS.has(stemmed)) continue;
    seen.add(stemmed);
  }
  return [...seen];
}

/** Jaccard index of two sets: |a ∩ b| / |a ∪ b|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface SimilarityThresholds {
  /** Jaccard of title words at or above which two questions are near-duplicates. */
  title: number;
  /** Jaccard of answer words at or above which two questions are near-duplicates. */
  answer: number;
}

/**
 * Calibrated on the shipped bank (213 questions in 10 packs) and on reworded copies of bank questions
 * (test/content/similarity.test.ts):
 *
 * - titles: the closest distinct titles in the bank score 0.50 ("How do you keep container images small?" /
 *   "What is the difference between an image and a container?"); a copy that reuses the words scores 1.00. At
 *   0.7, titles of four or five words that differ by one word each ("debug a Pod stuck in Pending" /
 *   "… in CrashLoopBackOff", 0.60) stay apart; adding one word to a title of three or more is still caught.
 * - answers: the closest distinct answers in the bank score 0.26 (GitHub Actions OIDC to AWS / restricting an
 *   OIDC trust); reworded copies of bank answers score 0.31–0.52.
 */
export const DEFAULT_THRESHOLDS: Readonly<SimilarityThresholds> = { title: 0.7, answer: 0.3 };

/** The words of a question that the measures compare. */
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
}

/** Tolerance for comparing computed ratios with the threshold (0.3 · 10 is 3.0000000000000004 in floating point). */
const EPS = 1e-9;

/** Size of the intersection of two ascending arrays of token ranks. */
function overlapOfSorted(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/**
 * Pairs of records whose Jaccard index is at least `threshold`; the result equals comparing every pair, but only
 * pairs that can reach the threshold are scored (the prefix, length and position filters of PPJoin, Xiao et al.
 * 2008). Records are processed from smallest to largest, each record's words sorted rarest first:
 *
 * - **length**: J(x, y) ≤ |y| / |x|, so a smaller y needs |y| ≥ t·|x|;
 * - **prefix**: J ≥ t needs an overlap of α = ⌈t/(1+t)·(|x|+|y|)⌉, so x and y must share a word among the first
 *   |x| − ⌈t·|x|⌉ + 1 words of x (probing) and the first |y| − ⌈2t/(1+t)·|y|⌉ + 1 words of y (indexed);
 * - **position**: words after the current positions bound the overlap still possible, so a candidate that
 *   cannot reach α is dropped before it is scored.
 *
 * Returns [i, j, score] with i < j (indexes into `records`), ordered by j then i.
 */
export function similarPairs(records: ReadonlyArray<readonly string[]>, threshold: number): Array<[number, number, number]> {
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`similarity threshold must be in (0, 1] (got ${threshold})`);
  const t = threshold;
  const df = new Map<string, number>();
  for (const words of records) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  // Rarest first; ties broken by the word so the order is total.
  const vocabulary = [...df.keys()].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(vocabulary.map((w, r) => [w, r]));
  const sets = records.map((words) => Int32Array.from(new Set(words), (w) => rank.get(w)!).sort());
  const order = sets.map((_, k) => k).sort((a, b) => sets[a].length - sets[b].length || a - b);

  // Posting lists: for each word rank, the records (and the word's position in them) that index it, by size.
  const postRecord: number[][] = vocabulary.map(() => []);
  const postPosition: number[][] = vocabulary.map(() => []);
  const postStart = new Int32Array(vocabulary.length);
  const pairs: Array<[number, number, number]> = [];
  const overlap = new Map<number, number>();

  for (const x of order) {
    const X = sets[x];
    const n = X.length;
    if (n === 0) continue;
    const minSize = Math.ceil(t * n - EPS);
    const probe = n - minSize + 1;
    overlap.clear();
    for (let i = 0; i < probe; i++) {
      const w = X[i];
      const recs = postRecord[w];
      const poss = postPosition[w];
      let s = postStart[w];
      while (s < recs.length && sets[recs[s]].length < minSize) s++; // sizes only grow: skip them for good
      postStart[w] = s;
      for (let k = s; k < recs.length; k++) {
        const y = recs[k];
        const seen = overlap.get(y) ?? 0;
        if (seen < 0) continue; // already ruled out
        const m = sets[y].length;
        const alpha = Math.ceil((t / (1 + t)) * (n + m) - EPS);
        const bound = seen + 1 + Math.min(n - i - 1, m - poss[k] - 1);
        overlap.set(y, bound >= alpha ? seen + 1 : -1);
      }
    }
    for (const [y, seen] of overlap) {
      if (seen <= 0) continue;
      const shared = overlapOfSorted(X, sets[y]);
      const score = shared / (n + sets[y].length - shared);
      if (score >= t - EPS) pairs.push(y < x ? [y, x, score] : [x, y, score]);
    }
    const indexed = n - Math.ceil(((2 * t) / (1 + t)) * n - EPS) + 1;
    for (let i = 0; i < indexed; i++) {
      postRecord[X[i]].push(x);
      postPosition[X[i]].push(i);
    }
  }
  return pairs.sort((p, q) => p[1] - q[1] || p[0] - q[0]);
}

/** Every near-duplicate pair in `questions` (across packs and within one), in the order of the later question. */
export function findNearDuplicates(
  questions: readonly Question[],
  thresholds: Readonly<SimilarityThresholds> = DEFAULT_THRESHOLDS,
): NearDuplicate[] {
  const words = questions.map(questionWords);
  const found = new Map<string, { i: number; j: number; d: NearDuplicate }>();
  const note = (i: number, j: number, kind: 'title' | 'answer', score: number) => {
    const key = `${i}:${j}`;
    const entry = found.get(key) ?? { i, j, d: { first: questions[i], second: questions[j], title: null, answer: null } };
    entry.d[kind] = score;
    found.set(key, entry);
  };
  for (const [i, j, s] of similarPairs(words.map((w) => w.title), thresholds.title)) note(i, j, 'title', s);
  for (const [i, j, s] of similarPairs(words.map((w) => w.answer), thresholds.answer)) note(i, j, 'answer', s);
  return [...found.values()].sort((x, y) => x.j - y.j || x.i - y.i).map((e) => e.d);
}

/** Shorten a title for a message. */
function quote(title: string, max = 80): string {
  const t = title.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}"`;
}

/** `near-duplicate of content/kubernetes.md:40 "…" (title similarity 0.82)`, reported at the later question. */
export function nearDuplicateProblem(d: NearDuplicate, severity: ContentProblem['severity'] = 'warning'): ContentProblem {
  const scores = [
    d.title !== null ? `title similarity ${d.title.toFixed(2)}` : null,
    d.answer !== null ? `answer similarity ${d.answer.toFixed(2)}` : null,
  ].filter((s): s is string => s !== null);
  return {
    file: d.second.source.file,
    line: d.second.source.line,
    severity,
    message: `near-duplicate of ${d.first.source.file}:${d.first.source.line} ${quote(d.first.title)} (${scores.join(', ')})`,
  };
}
