/**
 * The layer rules of src/, checked by reading every import. A new import that runs back up the
 * layers (a view reading the store, a rule importing a listener) fails here with the file and line.
 */
import * as fs from 'fs';
import * as path from 'path';
const SRC = path.resolve(__dirname, '../src');

interface Import {
  file: string;
  line: number;
  from: string;
  /** The imported module, relative to src/ ("store/keys"), or the package name ("@slack/bolt"). */
  target: string;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string, source = fs.readFileSync(file, 'utf8')): Import[] {
  const rel = path.relative(SRC, file).replace(/\\/g, '/');
  const found: Import[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const line = source.slice(0, m.index).split('\n').length;
    const target = spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\\/g, '/') : spec;
    found.push({ file: rel, line, from: spec, target });
  }
  return found;
}

/** The layer of a file or import target under src/: its first folder, or the file's name at the top. */
const layerOf = (rel: string) => (rel.includes('/') ? rel.split('/')[0] : rel.replace(/\.ts$/, ''));
const isBolt = (target: string) => target.startsWith('@slack/bolt');

/** Each rule: which files it governs and what they may not import (a reason for the failure message). */
const RULES: Array<{ files: (layer: string) => boolean; forbid: (imp: Import) => string | null }> = [
  {
    files: (l) => l === 'model',
    forbid: (i) => (i.from.startsWith('.') && layerOf(i.target) !== 'model' ? 'model imports nothing above it' : null),
  },
  {
    files: (l) => l === 'content',
    forbid: (i) => (i.from.startsWith('.') && !['content', 'model'].includes(layerOf(i.target)) ? 'content imports only model' : isBolt(i.target) || i.target === 'ioredis' ? 'content knows nothing of Slack or Redis' : null),
  },
  {
    files: (l) => l === 'store',
    forbid: (i) =>
      i.from.startsWith('.') && !['store', 'model', 'logger'].includes(layerOf(i.target)) && !(layerOf(i.target) === 'content' && i.target.endsWith('/types'))
        ? 'store imports only model, content types, the logger and itself'
        : null,
  },
  {
    files: (l) => l === 'views',
    forbid: (i) =>
      i.from.startsWith('.') && !['views', 'model'].includes(layerOf(i.target)) && !i.target.startsWith('content/mrkdwn')
        ? "views import only model, content's mrkdwn and themselves"
        : null,
  },
  {
    files: (l) => l === 'quiz' || l === 'interview' || l === 'review' || l === 'recap' || l === 'home',
    forbid: (i) => (layerOf(i.target) === 'listeners' || isBolt(i.target) ? 'rules never import listeners or Bolt' : null),
  },
  {
    files: (l) => l === 'listeners',
    forbid: (i) => (i.from.startsWith('.') && layerOf(i.target) === 'store' ? 'listeners never import the store' : null),
  },
  {
    files: (l) => ['views', 'store', 'slack', 'content', 'model'].includes(l),
    forbid: (i) => (i.from.startsWith('.') && ['quiz', 'interview', 'review', 'recap', 'home', 'listeners', 'jobs'].includes(layerOf(i.target)) ? 'nothing below the rules imports the rules' : null),
  },
  {
    files: () => true,
    forbid: (i) => (/(^|\/)dev(\/|$)/.test(i.target) && !i.from.startsWith('@') ? 'production code never imports dev/ statically' : null),
  },
];

/** Every import of src/ that breaks a rule, as `file:line: import "x" (reason)`. */
export function violations(files: string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const out: string[] = [];
  for (const file of files) {
    const layer = layerOf(path.relative(SRC, file).replace(/\\/g, '/'));
    for (const imp of importsOf(file, read(file))) {
      for (const rule of RULES) {
        const why = rule.files(layer) ? rule.forbid(imp) : null;
        if (why) out.push(`src/${imp.file}:${imp.line}: import "${imp.from}" (${why})`);
      }
    }
  }
  return out;
}

test('no import in src/ breaks the layer rules', () => {
  expect(violations(listFiles(SRC))).toEqual([]);
});

test('the check fails on a forbidden import', () => {
  const fake = (name: string) => path.join(SRC, name);
  const sources: Record<string, string> = {
    [fake('views/x.ts')]: "import { Keys } from '../store/keys';\n",
    [fake('store/y.ts')]: "import { postQuestion } from '../quiz/post-question';\n",
    [fake('quiz/z.ts')]: "import type { App } from '@slack/bolt';\n",
    [fake('listeners/w.ts')]: "import { PostStore } from '../store/posts';\n",
    [fake('model/v.ts')]: "import { escapeMrkdwn } from '../content/mrkdwn';\n",
    [fake('views/ok.ts')]: "import type { Level } from '../model/levels';\nimport { escapeMrkdwn } from '../content/mrkdwn';\n",
  };
  const found = violations(Object.keys(sources), (f) => sources[f]);
  expect(found).toEqual([
    'src/views/x.ts:1: import "../store/keys" (views import only model, content\'s mrkdwn and themselves)',
    'src/store/y.ts:1: import "../quiz/post-question" (store imports only model, content types, the logger and itself)',
    'src/store/y.ts:1: import "../quiz/post-question" (nothing below the rules imports the rules)',
    'src/quiz/z.ts:1: import "@slack/bolt" (rules never import listeners or Bolt)',
    'src/listeners/w.ts:1: import "../store/posts" (listeners never import the store)',
    'src/model/v.ts:1: import "../content/mrkdwn" (model imports nothing above it)',
  ]);
});
