import * as fs from 'fs';
import * as path from 'path';
import { buildBank, listPackFiles, loadBank } from '../../src/content/bank';
import { parsePack } from '../../src/content/parse';
import { lines, makeTempDir, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

const packText = (id: string, ...titles: string[]) =>
  lines('---', `title: Pack ${id}`, `pack: ${id}`, '---', '', '## Things', '', ...titles.flatMap((t) => [`??? question "${t}"`, '    🟢 Beginner', '', `    Answer to ${t}.`, '']));

describe('loadBank', () => {
  test('reads *.md files in name order, skips other and hidden files, indexes ids', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'b.md'), packText('bravo', 'B one'));
    fs.writeFileSync(path.join(dir, 'a.md'), packText('alpha', 'A one', 'A two'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a pack');
    fs.writeFileSync(path.join(dir, '.draft.md'), packText('draft', 'Hidden'));
    fs.mkdirSync(path.join(dir, 'sub.md'));

    expect(listPackFiles(dir)).toEqual([path.join(dir, 'a.md'), path.join(dir, 'b.md')]);
    const bank = loadBank(dir);
    expect(bank.problems).toEqual([]);
    expect(bank.packs.map((p) => p.id)).toEqual(['alpha', 'bravo']);
    expect(bank.questions.map((q) => q.id)).toEqual(['alpha/a-one', 'alpha/a-two', 'bravo/b-one']);
    expect(bank.byId.get('bravo/b-one')?.source).toEqual({ file: path.join(dir, 'b.md'), line: 8 });
  });

  test('reads only the given files when asked', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'a.md'), packText('alpha', 'A'));
    fs.writeFileSync(path.join(dir, 'b.md'), packText('bravo', 'B'));
    const bank = loadBank('does-not-matter', [path.join(dir, 'b.md')]);
    expect(bank.packs.map((p) => p.id)).toEqual(['bravo']);
  });

  test('duplicate pack ids and question ids across files are errors', () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'one.md'), packText('same', 'Shared title', 'Only here'));
    fs.writeFileSync(path.join(dir, 'two.md'), packText('same', 'Shared title', 'Only there'));
    const bank = loadBank(dir);
    const one = path.join(dir, 'one.md');
    const two = path.join(dir, 'two.md');
    expect(bank.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      `${two}:1: duplicate pack id "same" (also used by ${one})`,
      `${two}:8: duplicate question id "same/shared-title" (first defined at ${one}:8)`,
    ]);
    expect(bank.questions.map((q) => q.id)).toEqual(['same/shared-title', 'same/only-here', 'same/only-there']);
    expect(bank.byId.get('same/shared-title')?.source.file).toBe(one);
  });

  test('a file that is not valid UTF-8 is an error on the line of the first bad byte', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'latin1.md');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(packText('latin', 'Fine'), 'utf8'), Buffer.from('\ncaf\xe9\n', 'latin1')]));
    const bank = loadBank(dir);
    const lineCount = packText('latin', 'Fine').split('\n').length;
    expect(bank.problems).toEqual([{ file, line: lineCount + 1, severity: 'error', message: 'the file is not valid UTF-8' }]);
    expect(bank.questions).toHaveLength(1);
  });

  test('a missing folder throws', () => {
    expect(() => loadBank(path.join(makeTempDir(), 'nope'))).toThrow(/ENOENT/);
  });

  test('buildBank works on packs parsed in memory', () => {
    const bank = buildBank([parsePack(packText('x', 'Q'), 'x.md'), parsePack(packText('y', 'Q'), 'y.md')]);
    expect(bank.questions.map((q) => q.id)).toEqual(['x/q', 'y/q']);
    expect(bank.problems).toEqual([]);
  });
});
