import type { Question } from '../model/question';
import { POSTED_EVENT } from '../model/posts';
import { questionMessage } from '../views/question-message';
import type { SlackPort } from '../slack/port';
import type { QuizDeps } from './deps';
import { chooseQuestion } from '../interview/choose';
import type { QuestionFilter } from './topics';

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
 * Posts the channel's next question for the filter (see nextQuestion), then records the post: a question that did
 * not go out leaves nothing behind. Used by the slash command and the scheduler alike.
 */
export async function postQuestion(deps: QuizDeps, slack: SlackPort, req: PostQuestionRequest): Promise<PostQuestionResult> {
  const id = await nextQuestion(deps, req.team, req.channel, deps.index.select(req.filter));
  const question = id ? deps.questions.get(id) : undefined;
  if (!question) return { status: 'no-questions' };

  const message = questionMessage(question, { kind: req.kind, requestedBy: req.requestedBy ?? null });
  const metadata = req.occurrence ? { event_type: POSTED_EVENT[req.kind], event_payload: { occurrence: req.occurrence, question: question.id } } : undefined;
  const { ts } = await slack.postMessage(req.channel, message, { metadata });
  await deps.posts.create(req.team, req.channel, ts, { questionId: question.id, kind: req.kind, seq: req.seq ?? null, postedAt: deps.now().getTime(), requestedBy: req.requestedBy ?? null });
  deps.metrics.questionPosted(req.kind);
  return { status: 'posted', ts, question };
}

/** How many candidates the first look-up asks about: almost surely one is new to the channel unless few are. */
export const FIRST_LOOK = 64;

/**
 * The channel's next question among a filter's candidates: one the channel has never had (whatever filter or kind
 * of post brought the others), at random, while any is left; else the one it had longest ago. The first look-up asks
 * Redis about a random sample of the candidates; only when all of those were posted before (the filter is nearly or
 * wholly used up) does a second ask about the rest. O(FIRST_LOOK · log n) for most posts, O(candidates · log n) at
 * worst, and one or two round trips.
 */
export async function nextQuestion(
  deps: Pick<QuizDeps, 'posts'>,
  team: string,
  channel: string,
  candidates: readonly string[],
  random: () => number = Math.random,
): Promise<string | null> {
  if (candidates.length === 0) return null;
  const order = candidates.slice();
  // Partial Fisher–Yates: the first FIRST_LOOK places are a uniform random sample.
  for (let i = 0; i < Math.min(FIRST_LOOK, order.length - 1); i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const sample = order.slice(0, FIRST_LOOK);
  const seen = await deps.posts.lastPosted(team, channel, sample);
  if (seen.size < sample.length || order.length === sample.length) return chooseQuestion(sample, new Set(), seen, random);
  for (const [id, at] of await deps.posts.lastPosted(team, channel, order.slice(FIRST_LOOK))) seen.set(id, at);
  return chooseQuestion(order, new Set(), seen, random);
}
