/**
 * Item 11, in a fresh process (so memory figures are the bank's alone): parse and index the packs in argv[2]
 * exactly as the bot does at start (loadBank, the id map, QuestionIndex), then print one JSON line.
 * Run with `node --expose-gc -r ts-node/register/transpile-only scripts/bench/bank-child.ts DIR`.
 */
import { loadBank } from '../../src/content/bank';
import { QuestionIndex } from '../../src/quiz/topics';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: bank-child.ts DIR');
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const bank = loadBank(dir);
  const t1 = performance.now();
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const index = new QuestionIndex(bank.questions, new Map(bank.packs.map((p) => [p.id, p.tags])));
  const t2 = performance.now();
  gc();
  const after = process.memoryUsage();

  // What a post costs against this bank: a filtered selection (the next question's candidates) and a topic check (schedule command).
  const selects: number[] = [];
  let selected = 0;
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    selected = index.select({ level: 'advanced', topics: ['kubernetes'] }).length;
    selects.push(performance.now() - s);
  }
  const unknown: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    index.unknownTopics(['terraform', 'nosuchtopic']);
    unknown.push(performance.now() - s);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const out = {
    packs: bank.packs.length,
    questions: bank.questions.length,
    ids: byId.size,
    errors: bank.problems.filter((p) => p.severity === 'error').length,
    warnings: bank.problems.filter((p) => p.severity === 'warning').length,
    parseMs: t1 - t0,
    indexMs: t2 - t1,
    heapBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss - before.rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    selectMs: mean(selects),
    selected,
    unknownTopicsMs: mean(unknown),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
