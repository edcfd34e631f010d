import type { Level } from '../model/levels';
import type { Question } from '../model/question';

/** What a person or a schedule asked for: a level and topic words, both optional. */
export interface QuestionFilter {
  level: Level | null;
  topics: string[];
}

/**
 * Short names people type for the bank's topics, each to a word or slug of the vocabulary. An alias whose target
 * the bank does not have matches nothing.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['k8s', 'kubernetes'],
  ['k8', 'kubernetes'],
  ['kube', 'kubernetes'],
  ['tf', 'terraform'],
  ['tofu', 'terraform'],
  ['ci', 'cicd'],
  ['cd', 'cicd'],
  ['ci-cd', 'cicd'],
  ['o11y', 'observability'],
  ['monitoring', 'observability'],
  ['container', 'containers'],
  ['sec', 'security'],
  ['network', 'networking'],
  ['postgres', 'postgresql'],
  ['google', 'gcp'],
]);

/** Joining words of category names ("Backups & Recovery", "Databases on Kubernetes"): no topic on their own. */
const STOP_WORDS = new Set(['and', 'or', 'the', 'of', 'on', 'in', 'for', 'to', 'with', 'a', 'an', 'at', 'by', 'vs', 'as']);

/** A word or name as a slug: lower case, every run of other characters one `-` ("CI/CD" → `ci-cd`). */
export function topicSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The topic terms a name gives: its whole slug, its words, and pairs of adjacent words (`control-plane` from
 * "Architecture & Control Plane").
 */
function termsOf(name: string): string[] {
  const slug = topicSlug(name);
  const words = slug.split('-').filter((w) => w && !STOP_WORDS.has(w));
  const pairs = words.slice(1).map((w, i) => `${words[i]}-${w}`);
  return slug ? [slug, ...words, ...pairs] : [];
}

/**
 * An index of the bank for filtering, built once at start. Topic words are looked up in a finite vocabulary: the
 * pack ids, tags and categories (whole, by word, and adjacent word pairs) and the aliases above, case-insensitive;
 * a piece of a word matches nothing. A filter costs one pass over the questions its terms name (no Redis, no I/O).
 */
export class QuestionIndex {
  /** Vocabulary term → positions (in bank order) of the questions it names. */
  private readonly terms = new Map<string, number[]>();

  constructor(
    readonly questions: readonly Question[],
    packTags: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    questions.forEach((q, i) => {
      const names = [q.pack, q.category, ...(packTags.get(q.pack) ?? [])];
      for (const term of new Set(names.flatMap(termsOf))) {
        const list = this.terms.get(term);
        if (list) list.push(i);
        else this.terms.set(term, [i]);
      }
    });
  }

  /** The vocabulary terms a typed word stands for (itself and its alias), those the bank has. */
  private termsFor(word: string): string[] {
    const slug = topicSlug(word);
    const alias = ALIASES.get(slug);
    return [slug, ...(alias ? [alias] : [])].filter((t) => this.terms.has(t));
  }

  /** Whether a typed topic word names any question. */
  knowsTopic(word: string): boolean {
    return this.termsFor(word).length > 0;
  }

  /** Topic words that match no question, so the caller can say which word was not understood. */
  unknownTopics(topics: readonly string[]): string[] {
    return topics.filter((t) => !this.knowsTopic(t));
  }

  /** Ids of the questions a filter allows (its level, and any of its topics), in bank order. */
  select(filter: QuestionFilter): string[] {
    let positions: Iterable<number>;
    if (filter.topics.length === 0) {
      positions = this.questions.keys();
    } else {
      const hit = new Set(filter.topics.flatMap((t) => this.termsFor(t)).flatMap((t) => this.terms.get(t)!));
      positions = [...hit].sort((a, b) => a - b);
    }
    const ids: string[] = [];
    for (const i of positions) {
      const q = this.questions[i];
      if (!filter.level || q.level === filter.level) ids.push(q.id);
    }
    return ids;
  }

  /** All pack ids, for help messages. */
  topicNames(): string[] {
    return [...new Set(this.questions.map((q) => q.pack))].sort();
  }
}
