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
  const id = await nextQuestion(deps, req.team, req.channel, deps.index.select(req.filter), filterName(req.team, req.channel, req.filter));
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
 * Filters found used up in a channel (every candidate posted there), with when the channel's record began then.
 * While the record is the same one, no question leaves it, so the filter stays used up and its next question is
 * simply the candidate given longest ago. Kept per post store (so per bot and its bank), bounded, and only a
 * shortcut: a forgotten entry costs one full look-up.
 */
const usedUpByStore = new WeakMap<object, Map<string, number>>();
const USED_UP_MAX = 10_000;

function usedUpOf(posts: object): Map<string, number> {
  let found = usedUpByStore.get(posts);
  if (!found) usedUpByStore.set(posts, (found = new Map()));
  return found;
}

/** A stable name for a filter in a channel, for `usedUpByStore`. */
export function filterName(team: string, channel: string, filter: QuestionFilter): string {
  const topics = [...new Set(filter.topics.map((t) => t.toLowerCase()))].sort();
  return JSON.stringify([team, channel, filter.level, topics]);
}

/**
 * The channel's next question among a filter's candidates: one the channel has never had (whatever filter or kind
 * of post brought the others), at random, while any is left; else the one it had longest ago.
 *
 * The first look-up asks Redis about a random sample of the candidates; only when all of those were posted before
 * (the filter is nearly or wholly used up) does a second ask about the rest. A filter found used up is remembered,
 * and from then on its question is the first candidate among the channel's oldest posts: one look-up of the oldest
 * FIRST_LOOK. So O(FIRST_LOOK · log n) and one round trip for nearly every post; O(candidates · log n) and three at
 * most.
 */
export async function nextQuestion(
  deps: Pick<QuizDeps, 'posts'>,
  team: string,
  channel: string,
  candidates: readonly string[],
  name: string | null = null,
  random: () => number = Math.random,
): Promise<string | null> {
  if (candidates.length === 0) return null;
  const usedUp = usedUpOf(deps.posts);
  const since = name === null ? undefined : usedUp.get(name);
  if (since !== undefined) {
    const oldest = await deps.posts.oldestPosted(team, channel, FIRST_LOOK);
    const allowed = new Set(candidates);
    const id = oldest.since === since ? oldest.ids.find((i) => allowed.has(i)) : undefined;
    if (id) return id;
    usedUp.delete(name!);
  }

  const order = candidates.slice();
  // Partial Fisher–Yates: the first FIRST_LOOK places are a uniform random sample.
  for (let i = 0; i < Math.min(FIRST_LOOK, order.length - 1); i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const sample = order.slice(0, FIRST_LOOK);
  const first = await deps.posts.lastPosted(team, channel, sample);
  if (first.at.size < sample.length || order.length === sample.length) return chooseQuestion(sample, new Set(), first.at, random);
  const rest = await deps.posts.lastPosted(team, channel, order.slice(FIRST_LOOK));
  const seen = new Map([...first.at, ...rest.at]);
  if (name !== null && seen.size === order.length && rest.since !== null) {
    if (usedUp.size >= USED_UP_MAX) usedUp.delete(usedUp.keys().next().value!);
    usedUp.set(name, rest.since);
  }
  return chooseQuestion(order, new Set(), seen, random);
}
