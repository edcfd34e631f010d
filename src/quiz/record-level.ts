import type { LevelScore } from '../model/levels';
import type { RecordResult } from '../model/boards';
import type { QuizDeps } from './deps';
import { periodIds } from './periods';
import type { ReviewNote } from '../model/reviews';
import { noteVote } from '../review/hooks';

/**
 * Board period ids (week, month) of an instant in a zone, computed once per zone and minute.
 * `periodIds` formats with date-fns in the zone, which costs about a millisecond of CPU: done
 * on every vote it was a third of the bot's time per click (see docs/benchmarks.md). A local
 * date can only change on a whole UTC minute (every zone's offset is whole minutes), so the
 * ids of one minute are exact for every instant in it.
 */
const periodCache = new Map<string, { minute: number; ids: { week: string; month: string } }>();

export function votePeriods(at: Date, tz: string): { week: string; month: string } {
  const minute = Math.floor(at.getTime() / 60_000);
  const hit = periodCache.get(tz);
  if (hit && hit.minute === minute) return hit.ids;
  const { week, month } = periodIds(at, tz);
  const ids = { week, month };
  periodCache.set(tz, { minute, ids });
  return ids;
}

/**
 * Records "how well did you know this?" for one person and one revealed question. One answer
 * per person per question in the channel, however often it is posted; a changed answer (or a
 * new one on a later post of the question) moves its points. The tally on the answer message
 * is refreshed by a coalesced job, not once per vote.
 */
export async function recordLevel(
  deps: QuizDeps,
  req: { team: string; channel: string; postTs: string; fromTs: string; user: string; score: LevelScore; actionTs?: string },
): Promise<RecordResult & { review: ReviewNote | null }> {
  const tz = await deps.zones.get(req.team, req.channel);
  const now = deps.now();
  const { week, month } = votePeriods(now, tz);
  const result = await deps.boards.recordLevel({ ...req, level: req.score, week, month, now });
  if (result.status === 'new' || result.status === 'changed') deps.metrics.levelRecorded(String(req.score));
  // Also for the same answer as last time on a question that came back: it now counts on this post.
  if (result.tallyChanged) await deps.jobs.scheduleTallyUpdate(req.team, req.channel, req.postTs);
  // The voter's review card for the question (made when the answer is below its level), and whether to offer DMs.
  const review = await noteVote(deps.review, deps.posts, req, result, now);
  return { ...result, review };
}
