import type { Level } from '../model/levels';
import type { Question } from '../model/question';

/** What a person or a schedule asked for: a level and topic words, both optional. */
export interface QuestionFilter {
  level: Level | null;
  topics: string[];
}

/** Short names people type for the packs' topics. */
const ALIASES: Record<string, string> = {
  k8s: 'kubernetes',
  kube: 'kubernetes',
  tf: 'terraform',
  iac: 'terraform',
  opentofu: 'terraform',
  ci: 'ci/cd',
  cd: 'ci/cd',
  cicd: 'ci/cd',
  gitops: 'gitops',
  sre: 'sre',
  o11y: 'observability',
  monitoring: 'observability',
  containers: 'docker',
  container: 'docker',
  sec: 'security',
  devsecops: 'security',
  linux: 'linux',
  network: 'networking',
  design: 'system design',
};

export function normalizeTopic(word: string): string {
  const w = word.toLowerCase().trim();
  return Object.hasOwn(ALIASES, w) ? ALIASES[w] : w;
}

/** The text a topic word is matched against: pack id and title, category and tags. */
function haystack(q: Question, tags: readonly string[]): string {
  return [q.pack, q.packTitle, q.category, ...tags].join(' ').toLowerCase().replace(/[-_]/g, ' ');
}

/**
 * An index of the bank for filtering: built once at start, so a filter costs one pass over
 * the bank's questions (no Redis, no I/O).
 */
export class QuestionIndex {
  private readonly texts: Map<string, string>;

  constructor(
    readonly questions: readonly Question[],
    packTags: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.texts = new Map(questions.map((q) => [q.id, haystack(q, packTags.get(q.pack) ?? [])]));
  }

  /** Topic words that match no question, so the caller can say which word was not understood. */
  unknownTopics(topics: readonly string[]): string[] {
    const all = [...this.texts.values()];
    return topics.filter((t) => !all.some((text) => matchesWord(text, normalizeTopic(t))));
  }

  /** Ids of the questions a filter allows, in bank order. */
  select(filter: QuestionFilter): string[] {
    const topics = filter.topics.map(normalizeTopic);
    return this.questions
      .filter((q) => !filter.level || q.level === filter.level)
      .filter((q) => topics.length === 0 || topics.some((t) => matchesWord(this.texts.get(q.id)!, t)))
      .map((q) => q.id);
  }

  /** All categories, for help messages. */
  topicNames(): string[] {
    return [...new Set(this.questions.map((q) => q.pack))].sort();
  }
}

function matchesWord(text: string, topic: string): boolean {
  return topic.length >= 2 && text.includes(topic.replace(/[-_]/g, ' '));
}

/** A stable name for a filter, used to keep one deck per filter. */
export function filterKey(filter: QuestionFilter): string {
  const topics = [...new Set(filter.topics.map(normalizeTopic))].sort().join('+');
  return `${filter.level ?? 'any'}.${topics || 'all'}`.replace(/[^a-z0-9+.\-/ ]/g, '').replace(/[ /]/g, '_');
}
