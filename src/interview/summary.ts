import type { Question } from '../model/question';
import type { LevelScore } from '../model/levels';
import type { Interview, InterviewSummary, SummaryRow, StudyTopic } from '../model/interviews';

const MAX_STUDY_TOPICS = 3;

/** The questions an interview asked, with their ratings, resolved against the bank. */
export function summaryRows(iv: Interview, questions: ReadonlyMap<string, Question>): SummaryRow[] {
  return iv.slots
    .filter((s) => s.ts !== null)
    .map((s) => ({ index: s.index, question: questions.get(s.questionId), rating: s.rating }))
    .filter((r): r is SummaryRow => r.question !== undefined);
}

/**
 * The candidate's picture after an interview: an overall level (the average of rated answers,
 * rounded), and the topics to study next. Skips are shown but not scored (a skipped question says
 * nothing about how well the candidate knows it), yet they are what most needs study: topics with
 * skipped or 📚 Not yet questions come first (the most such questions first), then the lowest-rated
 * topics below Advanced. Questions the interview ended on before a rating say nothing either way.
 */
export function summarize(rows: readonly SummaryRow[]): InterviewSummary {
  const scored = rows.filter((r): r is SummaryRow & { rating: LevelScore } => typeof r.rating === 'number');
  const average = scored.length ? scored.reduce((a, r) => a + r.rating, 0) / scored.length : null;
  const overall = average === null ? null : (Math.min(3, Math.max(0, Math.round(average))) as LevelScore);

  const topics = new Map<string, StudyTopic & { total: number }>();
  for (const r of rows) {
    if (r.rating === null) continue;
    const key = `${r.question.pack}\u0000${r.question.category}`;
    const t = topics.get(key) ?? { category: r.question.category, pack: r.question.pack, average: null, answers: 0, skipped: 0, notYet: 0, total: 0 };
    if (r.rating === 'skip') {
      t.skipped += 1;
    } else {
      if (r.rating === 0) t.notYet += 1;
      t.answers += 1;
      t.total += r.rating;
      t.average = t.total / t.answers;
    }
    topics.set(key, t);
  }
  const misses = (t: StudyTopic) => t.skipped + t.notYet;
  const studyNext = [...topics.values()]
    .filter((t) => misses(t) > 0 || (t.average !== null && t.average < 3))
    .sort((a, b) => misses(b) - misses(a) || (a.average ?? -1) - (b.average ?? -1) || a.category.localeCompare(b.category))
    .slice(0, MAX_STUDY_TOPICS)
    .map(({ total: _total, ...topic }) => topic);

  return {
    rows: [...rows],
    rated: scored.length,
    skipped: rows.filter((r) => r.rating === 'skip').length,
    overall,
    average,
    studyNext,
  };
}
