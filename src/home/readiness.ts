/**
 * Readiness and calibration from the review store's counters (one row per source, level, pack and category):
 * pure, so the numbers Home shows are exactly the answers counted.
 */
import { LEVELS } from '../model/levels';
import type { Question } from '../model/question';
import type { ReadinessRow } from '../model/reviews';
import type { CalibrationLine, ReadinessCategory, ReadinessPack } from '../model/home';

/** Pack id → its title, from the bank (a pack no longer in the bank shows its id). */
export function packTitles(questions: ReadonlyMap<string, Question>): Map<string, string> {
  const titles = new Map<string, string>();
  for (const q of questions.values()) if (!titles.has(q.pack)) titles.set(q.pack, q.packTitle);
  return titles;
}

/**
 * Per pack and category, per level: every report received (channel answers, review ratings, mock ratings), and
 * those at or above the question's level. Packs with the most answers first, then by title; categories likewise.
 */
export function readinessByPack(rows: readonly ReadinessRow[], titles: ReadonlyMap<string, string>): ReadinessPack[] {
  const packs = new Map<string, Map<string, ReadinessCategory>>();
  for (const row of rows) {
    if (row.total <= 0) continue;
    const categories = packs.get(row.pack) ?? new Map<string, ReadinessCategory>();
    packs.set(row.pack, categories);
    const category = categories.get(row.category) ?? { category: row.category, cells: [], total: 0, atLevel: 0 };
    categories.set(row.category, category);
    const cell = category.cells.find((c) => c.level === row.level);
    if (cell) {
      cell.total += row.total;
      cell.atLevel += row.atLevel;
    } else category.cells.push({ level: row.level, total: row.total, atLevel: row.atLevel });
    category.total += row.total;
    category.atLevel += row.atLevel;
  }
  const byAnswers = <T extends { total: number }>(name: (t: T) => string) => (a: T, b: T) => b.total - a.total || name(a).localeCompare(name(b));
  return [...packs.entries()]
    .map(([pack, categories]) => {
      const list = [...categories.values()].sort(byAnswers((c) => c.category));
      for (const c of list) c.cells.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
      return {
        pack,
        title: titles.get(pack) ?? pack,
        categories: list,
        total: list.reduce((n, c) => n + c.total, 0),
        atLevel: list.reduce((n, c) => n + c.atLevel, 0),
      };
    })
    .sort(byAnswers((p) => p.title));
}

/**
 * Self-reports (channel answers, reviews) against interviewers' ratings (mock), per pack: in each category and
 * level that has both, the mean self-reported score less the mean rating, weighted by the smaller of the two
 * counts; packs with the most answers behind them first.
 */
export function calibration(rows: readonly ReadinessRow[], titles: ReadonlyMap<string, string>): CalibrationLine[] {
  const cells = new Map<string, { pack: string; self: { n: number; points: number }; mock: { n: number; points: number } }>();
  for (const row of rows) {
    if (row.total <= 0) continue;
    const id = `${row.pack}\u0000${row.category}\u0000${row.level}`;
    const cell = cells.get(id) ?? { pack: row.pack, self: { n: 0, points: 0 }, mock: { n: 0, points: 0 } };
    cells.set(id, cell);
    const side = row.source === 'mock' ? cell.mock : cell.self;
    side.n += row.total;
    side.points += row.points;
  }
  const packs = new Map<string, { weighted: number; answers: number }>();
  for (const cell of cells.values()) {
    if (!cell.self.n || !cell.mock.n) continue;
    const weight = Math.min(cell.self.n, cell.mock.n);
    const difference = cell.self.points / cell.self.n - cell.mock.points / cell.mock.n;
    const pack = packs.get(cell.pack) ?? { weighted: 0, answers: 0 };
    pack.weighted += difference * weight;
    pack.answers += weight;
    packs.set(cell.pack, pack);
  }
  return [...packs.entries()]
    .map(([pack, p]) => ({ pack, title: titles.get(pack) ?? pack, difference: p.weighted / p.answers, answers: p.answers }))
    .sort((a, b) => b.answers - a.answers || a.title.localeCompare(b.title));
}
