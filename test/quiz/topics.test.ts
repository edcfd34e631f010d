/** The topic vocabulary: pack ids, tags and categories (whole, by word, adjacent pairs) and aliases; never substrings. */
import { QuestionIndex, topicSlug } from '../../src/quiz/topics';
import type { Question } from '../../src/model/question';
import type { Level } from '../../src/model/levels';

function q(pack: string, category: string, level: Level, n: number): Question {
  return { id: `${pack}/q${n}`, pack, packTitle: `${pack} Interview Questions`, category, number: n, title: `Q${n}`, level, prompt: null, answer: 'A.', parts: [], source: { file: `${pack}.md`, line: n } };
}

const bank = [
  q('kubernetes', 'Workloads & Scheduling', 'beginner', 1),
  q('kubernetes', 'Architecture & Control Plane', 'advanced', 2),
  q('cicd-gitops', 'GitOps with Argo CD & Flux', 'intermediate', 3),
  q('terraform', 'State & Refactoring', 'advanced', 4),
  q('databases-stateful-ops', 'Databases on Kubernetes', 'intermediate', 5),
];
const tags = new Map([
  ['kubernetes', ['kubernetes', 'containers']],
  ['cicd-gitops', ['cicd', 'gitops', 'gitlab-ci']],
  ['terraform', ['terraform', 'iac']],
  ['databases-stateful-ops', ['postgresql']],
]);
const index = new QuestionIndex(bank, tags);
const ids = (level: Level | null, ...topics: string[]) => index.select({ level, topics }).map((id) => id.split('/q')[1]).join(',');

test('slugs: lower case, other characters one dash', () => {
  expect(topicSlug('CI/CD')).toBe('ci-cd');
  expect(topicSlug(' Workloads & Scheduling ')).toBe('workloads-scheduling');
  expect(topicSlug('gitlab_ci')).toBe('gitlab-ci');
  expect(topicSlug('c++')).toBe('c++');
});

test('pack ids, tags and categories: whole, by word and by adjacent words, in any case', () => {
  expect(ids(null, 'kubernetes')).toBe('1,2,5'); // pack id, tag, and a word of "Databases on Kubernetes"
  expect(ids(null, 'KUBERNETES')).toBe('1,2,5');
  expect(ids(null, 'containers')).toBe('1,2');
  expect(ids(null, 'cicd-gitops')).toBe('3');
  expect(ids(null, 'gitops')).toBe('3');
  expect(ids(null, 'gitlab-ci')).toBe('3');
  expect(ids(null, 'gitlab_ci')).toBe('3');
  expect(ids(null, 'scheduling')).toBe('1');
  expect(ids(null, 'control-plane')).toBe('2');
  expect(ids(null, 'argo-cd')).toBe('3');
  expect(ids(null, 'state')).toBe('4');
  expect(ids(null, 'stateful')).toBe('5');
});

test('aliases name a term of the vocabulary', () => {
  expect(ids(null, 'k8s')).toBe('1,2,5');
  expect(ids(null, 'tf')).toBe('4');
  expect(ids(null, 'ci/cd')).toBe('3');
  expect(ids(null, 'cd')).toBe('3'); // a word of "Argo CD", and the alias of cicd
  expect(ids(null, 'postgres')).toBe('5');
  // An alias whose term the bank does not have matches nothing.
  expect(index.knowsTopic('o11y')).toBe(false);
});

test('a piece of a word, a joining word or an inherited property is no topic', () => {
  expect(index.unknownTopics(['kub', 'ku', 'te', 'erra', 'and', 'on', 'with', 'interview', 'questions', '__proto__', 'constructor', 'toString'])).toEqual([
    'kub', 'ku', 'te', 'erra', 'and', 'on', 'with', 'interview', 'questions', '__proto__', 'constructor', 'toString',
  ]);
  expect(ids(null, 'kub')).toBe('');
});

test('a filter is its level and any of its topics, in bank order', () => {
  expect(ids('advanced', 'kubernetes', 'terraform')).toBe('2,4');
  expect(ids(null, 'terraform', 'kubernetes')).toBe('1,2,4,5');
  expect(ids('intermediate')).toBe('3,5');
  expect(ids(null)).toBe('1,2,3,4,5');
  expect(ids('beginner', 'terraform')).toBe('');
  expect(index.unknownTopics(['k8s', 'nope'])).toEqual(['nope']);
});

test('help lists the pack ids', () => {
  expect(index.topicNames()).toEqual(['cicd-gitops', 'databases-stateful-ops', 'kubernetes', 'terraform']);
});
