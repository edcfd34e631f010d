/**
 * The seed (a real pack saved as mojibake) copied unchanged into a temp folder must parse into exactly its 20
 * questions. The seed lives outside the project; without it these checks are skipped with a message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBank } from '../../src/content/bank';
import { MOJIBAKE_MARKERS } from '../../src/content/repair';
import { makeTempDir, removeTempDirs, SEED_EXPECTED, SEED_FILE } from './helpers';

const haveSeed = fs.existsSync(SEED_FILE);
if (!haveSeed) console.log(`skipping the seed checks: ${SEED_FILE} is not there`);
const seedTest = haveSeed ? test : test.skip;

afterAll(removeTempDirs);

/** Load a transformed copy of the seed from a temp folder. */
function loadSeedVariant(transform: (text: string) => string) {
  const dir = makeTempDir();
  fs.writeFileSync(path.join(dir, path.basename(SEED_FILE)), transform(fs.readFileSync(SEED_FILE, 'utf8')), 'utf8');
  return loadBank(dir);
}

describe('the seed pack', () => {
  seedTest('parses into exactly its 20 questions, with the categories and levels counted by hand', () => {
    const dir = makeTempDir();
    const target = path.join(dir, path.basename(SEED_FILE));
    fs.copyFileSync(SEED_FILE, target);
    expect(fs.readFileSync(target).equals(fs.readFileSync(SEED_FILE))).toBe(true);

    const bank = loadBank(dir);
    expect(bank.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(bank.problems).toEqual([expect.objectContaining({ file: target, line: 1, severity: 'warning', message: expect.stringContaining('mojibake') })]);
    expect(bank.packs).toHaveLength(1);
    expect(bank.packs[0]).toMatchObject({ id: 'aws-devops-interview-questions', date: '2024-07-01', wasRepaired: true });

    const qs = bank.questions;
    expect(qs).toHaveLength(20);
    expect(qs.map((q) => q.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(qs.map((q) => ({ category: q.category, level: q.level }))).toEqual(SEED_EXPECTED);
    const count = (level: string) => qs.filter((q) => q.level === level).length;
    expect([count('beginner'), count('intermediate'), count('advanced')]).toEqual([3, 9, 8]);

    for (const q of qs) {
      expect(q.title).not.toBe('');
      expect(q.prompt).toMatch(/\.\.\.$/);
      expect(q.answer.trim()).not.toBe('');
      expect(q.parts.length).toBeGreaterThan(0);
      expect(bank.byId.get(q.id)).toBe(q);
      // Emoji repaired: no mojibake left anywhere, no level or prompt lines left in the answer.
      const all = [q.title, q.prompt ?? '', q.answer, ...q.parts.map((p) => `${p.label} ${p.markdown}`)].join('\n');
      for (const marker of MOJIBAKE_MARKERS) expect(all).not.toContain(marker);
      expect(all).not.toMatch(/[\u0080-\u009F\uFFFD]/);
      expect(q.answer).not.toMatch(/🧠|🟢|🟡|🔴/u);
    }
    // Labels come out clean, and the repaired ✔ and 💡 stay in the answer text.
    expect(qs[1].parts.map((p) => p.label)).toEqual([null, 'Why it matters']);
    expect(qs[1].answer).toContain('✔ **Why it matters:**');
    expect(qs[4].parts.map((p) => p.label)).toEqual([null, 'Interview Tip']);
    expect(qs[4].answer).toContain('💡 **Interview Tip:**');
    expect(qs[9].category).toBe('Intermediate/Advanced');
  });

  seedTest('gives the same questions when its no-break spaces became plain spaces, or with CRLF', () => {
    const reference = loadSeedVariant((t) => t).questions.map(({ source, ...q }) => q);
    for (const transform of [(t: string) => t.replace(/\u00A0/g, ' '), (t: string) => t.replace(/\n/g, '\r\n')]) {
      const bank = loadSeedVariant(transform);
      expect(bank.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(bank.questions.map(({ source, ...q }) => q)).toEqual(reference);
    }
  });
});
