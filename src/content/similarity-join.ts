/**
 * Exact similarity joins behind near-duplicate detection: every pair of records that reaches a threshold, found
 * without scoring all n² pairs. All three use prefix filtering (Bayardo et al. 2007, Xiao et al. 2008): words get
 * one global order, rarest first; a record's *prefix* is its first words in that order, long enough that the
 * words after it could not reach the threshold on their own. Two records that reach the threshold then share a
 * word inside both prefixes (the first word they share can be outside neither prefix, or everything they share
 * would lie in a suffix too light to matter), so only pairs found through an index of prefixes are scored.
 * Rare words lead, and a rare word's posting list is short, which is what keeps the joins near-linear.
 *
 * - {@link similarPairs}: Jaccard of word sets (titles);
 * - {@link weightedJaccardPairs}: Jaccard with a weight per word (whole questions, weighted by rarity);
 * - {@link cosinePairs}: cosine of weighted word vectors (passages), reporting the shared weight as well.
 */

/** Tolerance for comparing computed ratios with a threshold (0.3 · 10 is 3.0000000000000004 in floating point). */
const EPS = 1e-9;

/** Work counters a caller may pass in, to see that a join stays near-linear without timing it. */
export interface JoinStats {
  /** Posting-list entries visited while probing. */
  probed: number;
  /** Candidate pairs scored exactly (what the filters let through). */
  scored: number;
}

/** Size of the intersection of two ascending arrays of word ranks. */
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

function checkThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`similarity threshold must be in (0, 1] (got ${threshold})`);
}

/**
 * Words ranked by `key` ascending (ties in order of first appearance, any fixed order will do), and each record
 * as its ascending ranks without repeats. Plain numbers are sorted, not strings: this runs on every word of the
 * bank.
 */
function rankRecords(records: ReadonlyArray<readonly string[]>, key: (word: string) => number): { vocabulary: string[]; sets: Int32Array[] } {
  const index = new Map<string, number>();
  const words: string[] = [];
  for (const r of records) {
    for (const w of r) {
      if (!index.has(w)) {
        index.set(w, words.length);
        words.push(w);
      }
    }
  }
  const keys = Float64Array.from(words, key);
  const byKey = Int32Array.from(words, (_, k) => k).sort((a, b) => keys[a] - keys[b] || a - b);
  const rankOf = new Int32Array(words.length);
  byKey.forEach((word, rank) => (rankOf[word] = rank));
  const vocabulary = Array.from(byKey, (k) => words[k]);
  const sets = records.map((r) => {
    const ranks = Int32Array.from(r, (w) => rankOf[index.get(w)!]).sort();
    let n = 0;
    for (let k = 0; k < ranks.length; k++) if (k === 0 || ranks[k] !== ranks[k - 1]) ranks[n++] = ranks[k];
    return ranks.slice(0, n);
  });
  return { vocabulary, sets };
}

/**
 * Pairs of records whose Jaccard index is at least `threshold`; the result equals comparing every pair. Records
 * are processed from smallest to largest; besides the prefix filter, a length filter (J(x, y) ≤ |y| / |x|) and a
 * position filter (the words after the current positions bound the overlap still possible) drop candidates before
 * they are scored.
 *
 * Returns [i, j, score] with i < j (indexes into `records`), ordered by j then i.
 */
export function similarPairs(records: ReadonlyArray<readonly string[]>, threshold: number): Array<[number, number, number]> {
  checkThreshold(threshold);
  const t = threshold;
  const df = new Map<string, number>();
  for (const words of records) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const { vocabulary, sets } = rankRecords(records, (w) => df.get(w)!);
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

/** Sum of `weight` over the ranks two ascending arrays share, and how many they share. */
function sharedWeight(a: Int32Array, b: Int32Array, weight: Float64Array, squared: boolean): { sum: number; count: number } {
  let i = 0;
  let j = 0;
  let sum = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      const w = weight[a[i]];
      sum += squared ? w * w : w;
      count++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return { sum, count };
}

/**
 * Length of the prefix of `ranks` (heaviest words first) that must be indexed: the suffix after it weighs less
 * than `limit` (its sum of `weight`, or of squared weights when `squared`). The cut errs towards a longer prefix.
 */
function prefixLength(ranks: Int32Array, weight: Float64Array, limit: number, squared: boolean): number {
  let suffix = 0;
  let k = ranks.length;
  while (k > 0) {
    const w = weight[ranks[k - 1]];
    const next = suffix + (squared ? w * w : w);
    if (next >= limit * (1 - EPS)) break;
    suffix = next;
    k--;
  }
  return k;
}

/** suffix[k] = the sum of `weight` (squared when `squared`) over ranks[k..]; suffix[n] = 0. */
function suffixSums(ranks: Int32Array, weight: Float64Array, squared: boolean): Float64Array {
  const suffix = new Float64Array(ranks.length + 1);
  for (let k = ranks.length - 1; k >= 0; k--) {
    const w = weight[ranks[k]];
    suffix[k] = suffix[k + 1] + (squared ? w * w : w);
  }
  return suffix;
}

/**
 * Pairs of records whose weighted Jaccard index (shared weight / weight of all their distinct words) is at least
 * `threshold`, where `weight(word)` > 0. Since J ≥ t needs a shared weight of at least t times the heavier record,
 * the words of x after its prefix weigh less than t·|x|. Records are processed from lightest to heaviest, with a
 * length filter (a record lighter than t·|x| cannot reach t with x) and a position filter: the shared weight found
 * so far plus what is left after the current word in either record must still reach t/(1+t)·(|x|+|y|). Equals
 * comparing every pair.
 *
 * Returns [i, j, score] with i < j, ordered by j then i.
 */
export function weightedJaccardPairs(
  records: ReadonlyArray<readonly string[]>,
  weight: (word: string) => number,
  threshold: number,
  stats?: JoinStats,
): Array<[number, number, number]> {
  checkThreshold(threshold);
  const t = threshold;
  const { vocabulary, sets } = rankRecords(records, (w) => -weight(w));
  const w = Float64Array.from(vocabulary, weight);
  const suffix = sets.map((s) => suffixSums(s, w, false));
  const mass = suffix.map((s) => s[0]);
  const order = sets.map((_, k) => k).sort((a, b) => mass[a] - mass[b] || a - b);
  // Posting lists: for each word rank, the records that index it and the weight of their words after it (kept
  // here rather than looked up per record, which costs a cache miss per entry).
  const postRecord: number[][] = vocabulary.map(() => []);
  const postRest: number[][] = vocabulary.map(() => []);
  const postStart = new Int32Array(vocabulary.length);
  const pairs: Array<[number, number, number]> = [];
  // Per candidate y of the current x: shared weight found so far, or -1 once ruled out (valid when stamp = x).
  const found = new Float64Array(records.length);
  const stamp = new Int32Array(records.length).fill(-1);

  for (const x of order) {
    const X = sets[x];
    if (X.length === 0) continue;
    const prefix = prefixLength(X, w, t * mass[x], false);
    const candidates: number[] = [];
    for (let i = 0; i < prefix; i++) {
      const r = X[i];
      const recs = postRecord[r];
      const rests = postRest[r];
      let s = postStart[r];
      while (s < recs.length && mass[recs[s]] < t * mass[x] * (1 - EPS)) s++; // lighter than t·|x|: never again
      postStart[r] = s;
      if (stats) stats.probed += recs.length - s;
      for (let k = s; k < recs.length; k++) {
        const y = recs[k];
        if (stamp[y] !== x) {
          stamp[y] = x;
          found[y] = 0;
          candidates.push(y);
        } else if (found[y] < 0) continue;
        const needed = (t / (1 + t)) * (mass[x] + mass[y]);
        const bound = found[y] + w[r] + Math.min(suffix[x][i + 1], rests[k]);
        found[y] = bound >= needed * (1 - EPS) ? found[y] + w[r] : -1;
      }
    }
    for (const y of candidates) {
      if (found[y] < 0) continue;
      if (stats) stats.scored++;
      const shared = sharedWeight(X, sets[y], w, false).sum;
      const score = shared / (mass[x] + mass[y] - shared);
      // Rounding can put identical records a hair above 1.
      if (score >= t - EPS) pairs.push([Math.min(x, y), Math.max(x, y), Math.min(1, score)]);
    }
    // Every later record is at least as heavy, so J ≥ t with it needs a shared weight of 2t/(1+t)·|x|: a shorter
    // prefix of x is enough in the index.
    const indexed = prefixLength(X, w, ((2 * t) / (1 + t)) * mass[x], false);
    for (let i = 0; i < indexed; i++) {
      postRecord[X[i]].push(x);
      postRest[X[i]].push(suffix[x][i + 1]);
    }
  }
  return pairs.sort((p, q) => p[1] - q[1] || p[0] - q[0]);
}

export interface CosinePair {
  /** Record indexes, a < b. */
  a: number;
  b: number;
  /** Cosine of the two records' weighted word vectors. */
  cosine: number;
  /** Sum of the weights of the words they share. */
  shared: number;
  /** How many words they share. */
  count: number;
}

/**
 * Pairs of records whose cosine similarity is at least `threshold`, each record a vector with `weight(word)` for
 * each of its words. Records are processed from the smallest norm up. A probing record x looks up the words of its
 * prefix, cut where the rest of x has a norm below threshold × |x| (by Cauchy–Schwarz, words after it could not
 * reach the threshold alone); an earlier, smaller record y needs to be indexed only up to where its rest has a
 * squared norm below threshold × |y|², since the shared words' part of the dot product is at most the rest's
 * squared norm, and cos ≥ t with a larger x needs a dot product of t·|x|·|y| ≥ t·|y|². A position filter drops a
 * candidate once what it has shared so far plus the smaller of the two rests cannot reach t·|x|·|y|. Records of
 * the same `group` (the passages of one question) are not paired, nor pairs sharing fewer than `minShared` words.
 * Equals comparing every pair.
 *
 * Returns pairs (a < b, indexes into `records`) ordered by b then a.
 */
export function cosinePairs(
  records: ReadonlyArray<readonly string[]>,
  weight: (word: string) => number,
  threshold: number,
  options: { group?: ArrayLike<number>; minShared?: number; stats?: JoinStats } = {},
): CosinePair[] {
  checkThreshold(threshold);
  const t = threshold;
  const minShared = Math.max(1, options.minShared ?? 1);
  const group = options.group;
  const stats = options.stats;
  const { vocabulary, sets } = rankRecords(records, (word) => -weight(word));
  const w = Float64Array.from(vocabulary, weight);
  const suffix = sets.map((s) => suffixSums(s, w, true));
  const norm = suffix.map((s) => Math.sqrt(s[0]));
  const order = sets.map((_, k) => k).sort((a, b) => norm[a] - norm[b] || a - b);
  const postRecord: number[][] = vocabulary.map(() => []);
  const postRest: number[][] = vocabulary.map(() => []); // squared norm of the record's words after this one
  const pairs: CosinePair[] = [];
  const found = new Float64Array(records.length); // dot product so far, or -1 once ruled out
  const stamp = new Int32Array(records.length).fill(-1);

  for (const x of order) {
    const X = sets[x];
    if (X.length < minShared) continue;
    const prefix = prefixLength(X, w, (t * norm[x]) ** 2, true);
    const candidates: number[] = [];
    for (let i = 0; i < prefix; i++) {
      const r = X[i];
      const recs = postRecord[r];
      const rests = postRest[r];
      if (stats) stats.probed += recs.length;
      for (let k = 0; k < recs.length; k++) {
        const y = recs[k];
        if (stamp[y] !== x) {
          stamp[y] = x;
          if (group !== undefined && group[y] === group[x]) {
            found[y] = -1;
            continue;
          }
          found[y] = 0;
          candidates.push(y);
        } else if (found[y] < 0) continue;
        const bound = found[y] + w[r] * w[r] + Math.min(suffix[x][i + 1], rests[k]);
        found[y] = bound >= t * norm[x] * norm[y] * (1 - EPS) ? found[y] + w[r] * w[r] : -1;
      }
    }
    for (const y of candidates) {
      if (found[y] < 0) continue;
      if (stats) stats.scored++;
      const dot = sharedWeight(X, sets[y], w, true);
      if (dot.count < minShared) continue;
      const cosine = dot.sum / (norm[x] * norm[y]);
      if (cosine >= t - EPS) {
        const shared = sharedWeight(X, sets[y], w, false).sum;
        pairs.push({ a: Math.min(x, y), b: Math.max(x, y), cosine: Math.min(1, cosine), shared, count: dot.count });
      }
    }
    const indexed = prefixLength(X, w, t * norm[x] ** 2, true);
    for (let i = 0; i < indexed; i++) {
      postRecord[X[i]].push(x);
      postRest[X[i]].push(suffix[x][i + 1]);
    }
  }
  return pairs.sort((p, q) => p.b - q.b || p.a - q.a);
}
