/**
 * The week's questions as the recap lists them, and which was hardest. Pure: from post records and the bank.
 * Only counts per level are read here, never who answered what, so the recap cannot name who did not know.
 */
import type { Question } from '../model/question';
import type { RecapHardest, RecapQuestion } from '../model/recaps';
import type { PostRecord } from '../store/posts';
import { relativeTo } from '../review/scheduler';
import type { LevelScore } from '../model/levels';

/** The posts of the week that the bank still has, oldest first, each with its level mix. */
export function recapQuestions(posts: ReadonlyArray<PostRecord & { ts: string }>, questions: ReadonlyMap<string, Question>): RecapQuestion[] {
  const out: RecapQuestion[] = [];
  for (const post of posts) {
    const q = questions.get(post.questionId);
    if (!q) continue;
    out.push({ questionId: q.id, title: q.title, level: q.level, tally: [...post.tally] as RecapQuestion['tally'], ts: post.ts, answerTs: post.answerTs });
  }
  return out;
}

/** Answers below the question's own level (Not yet is below every level), and all answers. */
export function belowLevel(q: Pick<RecapQuestion, 'tally' | 'level'>): { below: number; answers: number } {
  let below = 0;
  let answers = 0;
  q.tally.forEach((n, score) => {
    answers += n;
    if (relativeTo(score as LevelScore, q.level) === 'below') below += n;
  });
  return { below, answers };
}

/**
 * The question with the largest share of answers below its level; on equal shares the one more people answered,
 * then the earlier. None when no answer of the week was below its question's level.
 */
export function hardestQuestion(list: readonly RecapQuestion[]): Omit<RecapHardest, 'permalink'> | null {
  let best: Omit<RecapHardest, 'permalink'> | null = null;
  for (const question of list) {
    const { below, answers } = belowLevel(question);
    if (below === 0) continue;
    // Compare below/answers without dividing: a·d against c·b.
    const better = !best || below * best.answers > best.below * answers || (below * best.answers === best.below * answers && answers > best.answers);
    if (better) best = { question, below, answers };
  }
  return best;
}
