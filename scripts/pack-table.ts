/**
 * `npm run content:table [-- --write]`
 *
 * Prints the Markdown table of question packs (title, id, questions, and questions per level, plus a total row).
 * With `--write`, replaces the table in README.md between `<!-- packs:start -->` and `<!-- packs:end -->` instead.
 * test/content/bank-floors.test.ts fails when README's table differs from what this prints, so it cannot drift.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank, type Bank } from '../src/content/bank';
import { countByLevel, formatProblem } from '../src/content/check';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const PACKS_START = '<!-- packs:start -->';
export const PACKS_END = '<!-- packs:end -->';

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Path of a pack file relative to `root`, with forward slashes, for a README link. */
function linkPath(file: string, root: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

/** The Markdown table of `bank`'s packs, in bank (file-name) order, ending with a total row; no trailing newline. */
export function packTable(bank: Pick<Bank, 'packs' | 'questions'>, root = PROJECT_ROOT): string {
  const rows = [
    '| Pack | Id | Questions | 🟢 Beginner | 🟡 Intermediate | 🔴 Advanced |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const pack of bank.packs) {
    const c = countByLevel(pack.questions);
    rows.push(
      `| [${cell(pack.title)}](${linkPath(pack.file, root)}) | \`${pack.id}\` | ${pack.questions.length} | ` +
        `${c.beginner} | ${c.intermediate} | ${c.advanced} |`,
    );
  }
  const t = countByLevel(bank.questions);
  const packs = `${bank.packs.length} pack${bank.packs.length === 1 ? '' : 's'}`;
  rows.push(
    `| **Total** (${packs}) | | **${bank.questions.length}** | **${t.beginner}** | **${t.intermediate}** | **${t.advanced}** |`,
  );
  return rows.join('\n');
}

/** The text between the markers (without the newlines next to them), or null when the markers are missing. */
export function tableInReadme(readme: string): string | null {
  const start = readme.indexOf(PACKS_START);
  const end = readme.indexOf(PACKS_END, start + PACKS_START.length);
  if (start < 0 || end < 0) return null;
  return readme.slice(start + PACKS_START.length, end).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** README text with `table` between the markers; throws when the markers are missing. */
export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(PACKS_START);
  const end = readme.indexOf(PACKS_END, start + PACKS_START.length);
  if (start < 0 || end < 0) throw new Error(`README has no ${PACKS_START} … ${PACKS_END} markers`);
  return `${readme.slice(0, start + PACKS_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** Run the command; returns the exit code (0 ok, 1 bank errors, 2 usage or README errors). */
export function runPackTable(
  argv: readonly string[],
  io: { stdout: (t: string) => void; stderr: (t: string) => void },
  root = PROJECT_ROOT,
): number {
  const write = argv.includes('--write');
  const unknown = argv.filter((a) => a !== '--write');
  if (unknown.length > 0) {
    io.stderr(`content:table: unknown argument ${unknown[0]}\nusage: content:table [--write]\n`);
    return 2;
  }
  const bank = loadBank(path.join(root, 'content'));
  const errors = bank.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    io.stderr(`${errors.map((p) => `${formatProblem(p)}\n`).join('')}content:table: fix the errors above first\n`);
    return 1;
  }
  const table = packTable(bank, root);
  if (!write) {
    io.stdout(`${table}\n`);
    return 0;
  }
  const readmePath = path.join(root, 'README.md');
  try {
    const readme = fs.readFileSync(readmePath, 'utf8');
    const updated = replaceTable(readme, table);
    if (updated !== readme) fs.writeFileSync(readmePath, updated);
    const packs = `${bank.packs.length} pack${bank.packs.length === 1 ? '' : 's'}`;
    io.stdout(`${updated === readme ? 'README.md is up to date' : 'README.md updated'} (${packs})\n`);
    return 0;
  } catch (e) {
    io.stderr(`content:table: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = runPackTable(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
