import type { SlackPort } from '../slack/port';
import { answerMessage } from '../views/answer-message';
import type { QuizDeps } from './deps';

/** Redraws the answer message's tally from Redis: one update however many votes came in. */
export async function refreshTally(deps: QuizDeps, slack: SlackPort, data: { team: string; channel: string; postTs: string }): Promise<'updated' | 'gone'> {
  const post = await deps.posts.get(data.team, data.channel, data.postTs);
  const question = post ? deps.questions.get(post.questionId) : undefined;
  if (!post?.answerTs || !question) return 'gone';
  await slack.updateMessage(data.channel, post.answerTs, answerMessage(question, data.postTs, post.tally));
  return 'updated';
}
