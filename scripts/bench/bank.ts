/**
 * Item 11: a bank of 10,000 questions. The packs are generated from the shipped ones (same Markdown, same
 * sections, levels and labelled parts; titles made unique), 500 questions a pack, in a temporary folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { listPackFiles } from '../../src/content/bank';
import { ROOT } from './lib';

interface Block {
  section: string;
  title: string;
  body: string[];
}

interface Source {
  id: string;
  title: string;
  tags: string;
  blocks: Block[];
}

function readSource(file: string): Source {
  const text = fs.readFileSync(file, 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const meta = front?.[1] ?? '';
  const id = /^pack:\s*(.+)$/m.exec(meta)?.[1].trim() ?? path.basename(file, '.md');
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(meta)?.[1] ?? id;
  const tags = /^tags:\s*(.+)$/m.exec(meta)?.[1].trim() ?? '[]';
  const blocks: Block[] = [];
  let section = 'General';
  let current: Block | null = null;
  for (const line of text.slice(front?.[0].length ?? 0).split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    const question = /^\?\?\? question "(?:\d+\.\s*)?(.*)"\s*$/.exec(line);
    if (heading) {
      section = heading[1].trim();
      current = null;
    } else if (question) {
      current = { section, title: question[1], body: [] };
      blocks.push(current);
    } else if (current) {
      current.body.push(line);
    }
  }
  return { id, title, tags, blocks };
}

/** Writes `total` questions in packs of `perPack` into `dir`; returns the number of files. */
export function generatePacks(dir: string, total: number, perPack = 500): number {
  const sources = listPackFiles(path.join(ROOT, 'content')).map(readSource).filter((s) => s.blocks.length > 0);
  fs.mkdirSync(dir, { recursive: true });
  let written = 0;
  let file = 0;
  while (written < total) {
    const src = sources[file % sources.length];
    const count = Math.min(perPack, total - written);
    const id = `${src.id}-gen${String(file).padStart(3, '0')}`;
    const out: string[] = ['---', `title: "${src.title} (generated set ${file})"`, `pack: ${id}`, `tags: ${src.tags}`, '---', '', `# ${src.title} (generated set ${file})`, ''];
    let section = '';
    for (let i = 0; i < count; i++) {
      const b = src.blocks[i % src.blocks.length];
      if (b.section !== section) {
        section = b.section;
        out.push(`## ${section}`, '');
      }
      // The variant number leads the title: ids are slugs of titles, cut at 80 characters.
      out.push(`??? question "${i + 1}. Variant ${i + 1}: ${b.title}"`, ...b.body);
      if (out[out.length - 1] !== '') out.push('');
    }
    fs.writeFileSync(path.join(dir, `${id}.md`), out.join('\n'));
    written += count;
    file++;
  }
  return file;
}

export interface BankResult {
  packs: number;
  questions: number;
  ids: number;
  errors: number;
  warnings: number;
  parseMs: number;
  indexMs: number;
  heapBytes: number;
  rssBytes: number;
  maxRssBytes: number;
  selectMs: number;
  selected: number;
  unknownTopicsMs: number;
}

/** Parses and indexes a folder in a fresh Node process. */
export function measureBank(dir: string): BankResult {
  const res = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'bank-child.ts'), dir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('{'));
  if (res.status !== 0 || !line) throw new Error(`bank-child failed (${res.status}): ${res.stderr || res.stdout}`);
  return JSON.parse(line) as BankResult;
}
