/**
 * A pack as an older editor saved it, copied unchanged into a temp folder, must parse into exactly its 8 questions.
 * The fixture (test/fixtures/mojibake/, written for this test) has the features real legacy packs have: UTF-8 read
 * as Windows-1252 (🧠 arrives as "ðŸ§" plus a no-break space), front matter without a pack id, an HTML comment,
 * a section named like a level, bold labels inside and outside the answer, lines of trailing spaces, and a footer
 * after the last question that mentions levels.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { MOJIBAKE_MARKERS } from '../../src/content/repair';
import type { Level } from '../../src/model/levels';
import { makeTempDir, removeTempDirs } from './helpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/mojibake/on-call-interview-questions.md');

/** Categories and levels of the fixture's questions, in order (question N at index N-1). */
const EXPECTED: ReadonlyArray<{ category: string; level: Level; labels: Array<string | null> }> = [
  { category: 'Detection & Alerting', level: 'beginner', labels: [null] },
  { category: 'Detection & Alerting', level: 'intermediate', labels: [null, 'Why it matters'] },
  { category: 'Detection & Alerting', level: 'intermediate', labels: [null, 'Implementation'] },
  { category: 'During an Incident', level: 'advanced', labels: [null, 'Best Practice'] },
  { category: 'During an Incident', level: 'intermediate', labels: [null, 'Interview Tip'] },
  { category: 'Intermediate/Advanced', level: 'advanced', labels: [null] },
  { category: 'Intermediate/Advanced', level: 'beginner', labels: [null, 'Interview Tip'] },
  { category: 'Intermediate/Advanced', level: 'advanced', labels: [null] },
];

afterAll(removeTempDirs);

/** Load a transformed copy of the fixture from a temp folder. */
function loadVariant(transform: (text: string) => string) {
  const dir = makeTempDir();
  fs.writeFileSync(path.join(dir, path.basename(FIXTURE)), transform(fs.readFileSync(FIXTURE, 'utf8')), 'utf8');
  return loadBank(dir);
}

describe('a legacy pack saved as mojibake', () => {
  test('the fixture is still mojibake on disk (the test would prove nothing otherwise)', () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    expect(text).toContain('ðŸ§\u00A0 Think before expanding...');
    expect(text).toContain('ðŸŸ¢ **Beginner**');
    expect(text).not.toMatch(/🧠|🟢/u);
  });

  test('parses into exactly its 8 questions, with their categories, levels and labels', () => {
    const dir = makeTempDir();
    const target = path.join(dir, path.basename(FIXTURE));
    fs.copyFileSync(FIXTURE, target);

    const bank = loadBank(dir);
    expect(bank.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(bank.problems).toEqual([expect.objectContaining({ file: target, line: 1, severity: 'warning', message: expect.stringContaining('mojibake') })]);
    expect(bank.packs).toHaveLength(1);
    expect(bank.packs[0]).toMatchObject({ id: 'on-call-interview-questions', date: '2025-03-14', wasRepaired: true });

    const qs = bank.questions;
    expect(qs.map((q) => q.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(qs.map((q) => ({ category: q.category, level: q.level, labels: q.parts.map((p) => p.label) }))).toEqual(EXPECTED);
    expect(qs[2].title).toBe("What is a 'dead man's switch' alert?");
    expect(qs[2].prompt).toBe('Picture the monitoring system itself going down...');

    for (const q of qs) {
      expect(q.prompt).toMatch(/\.\.\.$/);
      expect(q.answer.trim()).not.toBe('');
      expect(bank.byId.get(q.id)).toBe(q);
      // Emoji repaired: no mojibake left anywhere, no level or prompt lines left in the answer.
      const all = [q.title, q.prompt ?? '', q.answer, ...q.parts.map((p) => `${p.label} ${p.markdown}`)].join('\n');
      for (const marker of MOJIBAKE_MARKERS) expect(all).not.toContain(marker);
      expect(all).not.toMatch(/[\u0080-\u009F\uFFFD]/);
      expect(q.answer).not.toMatch(/🧠|🟢|🟡|🔴/u);
    }
    // The repaired ✔ and 💡 stay in the answer text; the footer after the last question is no part of it.
    expect(qs[1].answer).toContain('✔ **Why it matters:**');
    expect(qs[4].answer).toContain('💡 **Interview Tip:**');
    expect(qs[7].answer).not.toMatch(/Ready to test|Beginner \/ Intermediate/);
  });

  test('gives the same questions when its no-break spaces became plain spaces, or with CRLF', () => {
    const reference = loadVariant((t) => t).questions.map(({ source, ...q }) => q);
    expect(reference).toHaveLength(EXPECTED.length);
    for (const transform of [(t: string) => t.replace(/\u00A0/g, ' '), (t: string) => t.replace(/\n/g, '\r\n')]) {
      const bank = loadVariant(transform);
      expect(bank.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(bank.questions.map(({ source, ...q }) => q)).toEqual(reference);
    }
  });
});
