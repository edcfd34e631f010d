/**
 * The words near-duplicate detection compares: content words of a text, the passages of an answer, and how rare
 * each word is in a bank.
 */
import { matchLabelLine } from './labels';

/** A fenced code block, from its opening to its closing fence. */
const FENCED_CODE = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm;

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
export function plainText(markdown: string, dropCode: boolean): string {
  let text = markdown;
  if (dropCode) text = text.replace(FENCED_CODE, ' ');
  return text
    .split('\n')
    .map((line) => matchLabelLine(line.trim())?.rest ?? line)
    .join('\n')
    .replace(/\]\([^)]*\)/g, ']') // [text](url) → [text]
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#[0-9]+;/gi, ' ');
}

/**
 * The stemmed content words of a text, in order of first appearance, without repeats. An acronym glued to a word
 * is split ("OOMKilled" → "oom", "killed"), so that "OOMKilled" and "OOM kill" meet; "StatefulSet" stays whole.
 */
export function contentWords(text: string, options: { dropCode?: boolean } = {}): string[] {
  const words = plainText(text, options.dropCode ?? false)
    .replace(/([A-Z]{2,})(?=[A-Z][a-z]{2,})/g, '$1 ')
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

const LIST_ITEM = /^\s*(?:[*+-]|\d+[.)])\s+/;

/**
 * An answer cut into passages, the units in which one answer can restate another: each paragraph, each list item
 * and each table row; a labelled line ("✔ **Why it matters:** …") starts a passage. Fenced code is left out, as
 * in the other measures. Returns the passages' Markdown, without list markers, in order.
 */
export function answerPassages(answer: string): string[] {
  const passages: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join(' ').trim();
    if (text !== '') passages.push(text);
    current = [];
  };
  for (const raw of answer.replace(FENCED_CODE, '\n').split('\n')) {
    const line = raw.trim();
    const label = matchLabelLine(line);
    if (line === '' || /^#{1,6}\s/.test(line)) flush();
    else if (label) {
      flush();
      if (label.rest) current.push(label.rest);
    } else if (LIST_ITEM.test(line)) {
      flush();
      current.push(line.replace(LIST_ITEM, ''));
    } else if (line.startsWith('|')) {
      flush();
      current.push(line);
      flush();
    } else current.push(line);
  }
  flush();
  return passages;
}

/**
 * How much sharing a word says, from how many of `documents` contain it (its document frequency df among N):
 * ln(1 + N/df) / ln(1 + N). A word in one document weighs 1, a word in every document ln 2 / ln(1 + N) (0.11 in a
 * bank of 500). The 1 + keeps every weight above zero, so that a bank of two identical questions still compares;
 * dividing by ln(1 + N) keeps weights between 0 and 1 whatever the bank's size, so sums of weights can be compared
 * with one threshold.
 */
export function rarityWeights(documents: ReadonlyArray<readonly string[]>): (word: string) => number {
  const df = new Map<string, number>();
  for (const doc of documents) for (const w of new Set(doc)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = documents.length;
  const scale = Math.log(1 + n);
  return (word) => Math.log(1 + n / (df.get(word) ?? 1)) / scale;
}
