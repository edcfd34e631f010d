/**
 * `npm run content:check [-- files-or-folders…] [--json] [--strict]`
 *
 * Checks every pack in content/ (or the given files; a folder means its *.md files), prints one line per problem
 * (`file:line: message`, warnings marked `warning: `) and a summary, and exits 1 when there is an error.
 * Besides each pack's own problems it checks bank quality: warnings for packs below the floors (15 questions, 4 at
 * each level), near-duplicate questions and missing or year-old `reviewed:` dates; errors for the authoring rules
 * of rules.ts (sections named like levels, boilerplate prompts, answers opening with a label). `--strict` (what CI
 * runs on the shipped bank) makes every warning an error.
 * `--json` prints the parsed questions as a JSON array on stdout instead; problems and summary go to stderr.
 * `--review-lines` prints, for each near-duplicate pair it would report, a line for reviewed-neighbours.txt with
 * its ids and scores and `TODO` for the reason: read both questions, and keep a line (with the reason) only for
 * pairs that are different questions on one topic; fix the others.
 */
import * as fs from 'fs';
import { listPackFiles, loadBank } from './bank';
import { checkBank, questionToJson } from './check';
import { DEFAULT_THRESHOLDS, findNearDuplicates } from './similarity';
import { applyReview, REVIEWED_NEIGHBOURS_FILE, reviewLine } from './similarity-review';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = 'usage: content:check [--json] [--strict] [--review-lines] [file.md | folder]...';

export interface CliOptions {
  /** The day review dates are measured from (YYYY-MM-DD); today by default. */
  today?: string;
}

/** Run the command; returns the exit code (0 ok, 1 content errors, 2 usage or read errors). */
export function runContentCheck(argv: readonly string[], io: CliIo, defaultDir = 'content', options: CliOptions = {}): number {
  let json = false;
  let strict = false;
  let reviewLines = false;
  const targets: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--strict') strict = true;
    else if (arg === '--review-lines') reviewLines = true;
    else if (arg === '-h' || arg === '--help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-')) {
      io.stderr(`content:check: unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else targets.push(arg);
  }

  let bank;
  try {
    if (targets.length === 0) {
      bank = loadBank(defaultDir);
    } else {
      const files = targets.flatMap((t) => (fs.statSync(t).isDirectory() ? listPackFiles(t) : [t]));
      bank = loadBank(defaultDir, files);
    }
  } catch (e) {
    io.stderr(`content:check: ${(e as Error).message}\n`);
    return 2;
  }

  if (reviewLines) {
    const review = applyReview(
      findNearDuplicates(bank.questions, DEFAULT_THRESHOLDS),
      bank.reviewed,
      new Set(bank.questions.map((q) => q.id)),
      new Set(bank.packs.map((p) => p.id)),
    );
    io.stdout(`# ${review.reported.length} pair(s) to read; keep only topic neighbours, in ${REVIEWED_NEIGHBOURS_FILE}\n`);
    for (const { pair } of review.reported) io.stdout(`${reviewLine(pair, 'TODO')}\n`);
    return 0;
  }

  const result = checkBank(bank, targets.length === 0 ? defaultDir : targets.join(' '), { quality: true, strict, today: options.today });
  const report = [...result.lines, result.summary].map((l) => `${l}\n`).join('');
  if (json) {
    io.stdout(`${JSON.stringify(bank.questions.map(questionToJson), null, 2)}\n`);
    io.stderr(report);
  } else {
    io.stdout(report);
  }
  return result.ok ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = runContentCheck(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
