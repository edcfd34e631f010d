import type { Question } from '../model/question';
import { POSTED_EVENT } from '../model/posts';
import { questionMessage } from '../views/question-message';
import type { SlackPort } from '../slack/port';
import type { QuizDeps } from './deps';
import { filterKey, type QuestionFilter } from './topics';

export interface PostQuestionRequest {
  team: string;
  channel: string;
  filter: QuestionFilter;
  kind: 'qotd' | 'adhoc';
  requestedBy?: string | null;
  /** Sequence number of a question of the day (streaks). */
  seq?: number | null;
  /** Marks the Slack message so a retried job can find a post that already went out. */
  occurrence?: string;
}

export type PostQuestionResult = { status: 'posted'; ts: string; question: Question } | { status: 'no-questions' };

/**
 * Draws the channel's next question for the filter (no repeats until the deck is used up),
 * posts it and records the post. Used by the slash command and the scheduler alike.
 */
export async function postQuestion(deps: QuizDeps, slack: SlackPort, req: PostQuestionRequest): Promise<PostQuestionResult> {
  const candidates = deps.index.select(req.filter);
  const id = await deps.decks.draw(req.team, req.channel, filterKey(req.filter), candidates);
  const question = id ? deps.questions.get(id) : undefined;
  if (!question) return { status: 'no-questions' };

  const message = questionMessage(question, { kind: req.kind, requestedBy: req.requestedBy ?? null });
  const metadata = req.occurrence ? { event_type: POSTED_EVENT[req.kind], event_payload: { occurrence: req.occurrence, question: question.id } } : undefined;
  const { ts } = await slack.postMessage(req.channel, message, { metadata });
  await deps.posts.create(req.team, req.channel, ts, { questionId: question.id, kind: req.kind, seq: req.seq ?? null, postedAt: deps.now().getTime(), requestedBy: req.requestedBy ?? null });
  deps.metrics.questionPosted(req.kind);
  return { status: 'posted', ts, question };
}
