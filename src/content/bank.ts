/** Loading every pack of the question bank from a folder, with cross-pack checks. */
import * as fs from 'fs';
import * as path from 'path';
import type { ContentProblem, Pack, Question } from './types';
import { parsePack, type ParseOptions, type ParseResult } from './parse';
import { readReviewedNeighbours, type ReviewedNeighbours } from './similarity-review';

export interface Bank {
  /** Packs in file-name order. */
  packs: Pack[];
  /** Every valid question, pack by pack, in file order. */
  questions: Question[];
  byId: Map<string, Question>;
  /** Parse problems of every pack plus cross-pack errors (duplicate ids), by file then line. */
  problems: ContentProblem[];
  /**
   * Pairs recorded as topic neighbours in the packs' folders (similarity-review.ts), for the bank-quality
   * checks; their problems are not among `problems`, which the bot checks at start.
   */
  reviewed?: ReviewedNeighbours;
}

export interface SourceFile {
  /** Path used in messages. */
  file: string;
  text: string;
}

/**
 * Read a file as UTF-8. Bytes that are not valid UTF-8 are an error on the line of the first bad byte (a file
 * saved as Windows-1252, say); the rest of the file is still parsed.
 */
export function readPackFile(file: string): { text: string; problem: ContentProblem | null } {
  const bytes = fs.readFileSync(file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, problem: null };
  } catch {
    const index = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, index)).split('\n').length;
    return { text, problem: { file, line, severity: 'error', message: 'the file is not valid UTF-8' } };
  }
}

/** The `*.md` files of a folder (not hidden ones, not subfolders), sorted by name. */
export function listPackFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.md$/i.test(e.name) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(dir, name));
}

/**
 * Load the bank. Without `files`, every `*.md` file in `dir` is read in name order; with `files`, exactly those
 * paths (relative to the working directory, not to `dir`) are read, in the order given. Throws only when the
 * folder or a file cannot be read; content problems are returned in `problems`. The reviewed topic neighbours
 * are read from the same folder (or the folders of `files`).
 */
export function loadBank(dir = 'content', files?: readonly string[], options: ParseOptions = {}): Bank {
  const paths = files ? [...files] : listPackFiles(dir);
  const readProblems: ContentProblem[] = [];
  const sources: SourceFile[] = paths.map((file) => {
    const { text, problem } = readPackFile(file);
    if (problem) readProblems.push(problem);
    return { file, text };
  });
  const bank = buildBank(sources.map((s) => parsePack(s.text, s.file, options)));
  bank.problems = sortProblems([...readProblems, ...bank.problems]);
  bank.reviewed = readReviewedNeighbours(files ? files.map((f) => path.dirname(f)) : [dir]);
  return bank;
}

/** Combine parsed packs into a bank: duplicate pack ids and duplicate question ids across packs are errors. */
export function buildBank(results: readonly ParseResult[]): Bank {
  const problems: ContentProblem[] = results.flatMap((r) => r.problems);
  const packs: Pack[] = [];
  const questions: Question[] = [];
  const byId = new Map<string, Question>();
  const packFiles = new Map<string, string>();
  for (const { pack } of results) {
    const firstFile = packFiles.get(pack.id);
    if (firstFile !== undefined) {
      problems.push({ file: pack.file, line: 1, severity: 'error', message: `duplicate pack id "${pack.id}" (also used by ${firstFile})` });
    } else {
      packFiles.set(pack.id, pack.file);
    }
    const kept: Question[] = [];
    for (const q of pack.questions) {
      const first = byId.get(q.id);
      if (first) {
        problems.push({
          file: q.source.file,
          line: q.source.line,
          severity: 'error',
          message: `duplicate question id "${q.id}" (first defined at ${first.source.file}:${first.source.line})`,
        });
        continue;
      }
      byId.set(q.id, q);
      kept.push(q);
    }
    packs.push({ ...pack, questions: kept });
    questions.push(...kept);
  }
  return { packs, questions, byId, problems: sortProblems(problems) };
}

/** Stable sort by file, then line. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return problems
    .map((p, order) => ({ p, order }))
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : a.p.line - b.p.line || a.order - b.order))
    .map(({ p }) => p);
}
