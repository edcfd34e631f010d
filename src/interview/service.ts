import { escapeMrkdwn } from '../content/mrkdwn';
import type { MockCommandHandler } from '../listeners/commands/mock-handler';
import type { LevelScore } from '../model/levels';
import type { SlackPort } from '../slack/port';
import { mention } from '../views/blocks';
import { notice } from '../views/notice';
import type { InterviewRef } from '../views/interview-actions';
import type { Click, InterviewDeps } from './deps';
import { advance, answerKey, cancel, end, expire, start, type Reply, type TimeoutOutcome } from './flow';
import { openInterview } from './open';
import { swapRoles } from './swap';

type MockStart = Parameters<MockCommandHandler['start']>[0];

/**
 * Mock interviews between teammates, in a Slack thread: the one entry point the slash command,
 * the button listeners and the time-out job call. Each method is one domain operation; what it
 * returns (if anything) is shown privately to the person who clicked.
 */
export class InterviewService implements MockCommandHandler {
  constructor(readonly deps: InterviewDeps) {}

  now(): number {
    return this.deps.quiz.now().getTime();
  }

  /** `/devops-quiz mock @teammate [count] [level] [topics]`: checks the request, posts the parent. */
  async start({ team, channel, user, command, slack, reply }: MockStart): Promise<void> {
    const refusal = await this.refusal({ channel, user, candidate: command.candidate, topics: command.topics, slack });
    if (refusal) return reply(notice(refusal));
    const opened = await openInterview(this.deps, slack, {
      team,
      channel,
      interviewer: user,
      candidate: command.candidate,
      requested: command.count,
      level: command.level,
      topics: command.topics,
      by: user,
    });
    if (opened.status === 'no-questions') {
      return reply(notice('No question has that level and those topics together. Try fewer filters, like `/devops-quiz mock @teammate kubernetes`.'));
    }
    if (opened.status === 'busy') {
      const where = opened.other?.channel ? ` in <#${opened.other.channel}>` : '';
      const what = opened.other?.status === 'pending' ? 'start or cancel it' : 'finish it (or let it close)';
      return reply(notice(`You and ${mention(command.candidate)} already have a mock interview open${where}: ${what} before starting another.`));
    }
  }

  private async refusal(req: { channel: string; user: string; candidate: string; topics: string[]; slack: SlackPort }): Promise<string | null> {
    if (req.candidate === req.user) return 'You cannot interview yourself. Mention a teammate: `/devops-quiz mock @teammate`.';
    if (req.channel.startsWith('D')) return 'Mock interviews run in a channel you both are in, so both of you see the thread. Try the command there.';
    const unknown = this.deps.quiz.index.unknownTopics(req.topics);
    if (unknown.length) {
      const topics = this.deps.quiz.index.topicNames().map((t) => `\`${escapeMrkdwn(t)}\``).join(' ');
      return `No questions match ${unknown.map((t) => `\`${escapeMrkdwn(t.slice(0, 40))}\``).join(', ')}. Topics: ${topics}`;
    }
    const person = await req.slack.userInfo(req.candidate);
    if (!person) return 'I could not find that person in this workspace. Mention a teammate: `/devops-quiz mock @teammate`.';
    if (person.isBot) return `${mention(req.candidate)} is a bot, and bots make poor candidates. Interview a teammate instead.`;
    if (person.deleted) return `${mention(req.candidate)} has left this workspace. Interview a current teammate instead.`;
    return null;
  }

  async interviewCounts(team: string, user: string): Promise<{ given: number; taken: number }> {
    return this.deps.store.counts(team, user);
  }

  begin(click: Click, id: string): Promise<Reply> {
    return start(this.deps, click, id);
  }

  cancel(click: Click, id: string): Promise<Reply> {
    return cancel(this.deps, click, id);
  }

  answerKey(click: Click, ref: InterviewRef): Promise<Reply> {
    return answerKey(this.deps, click, ref);
  }

  rate(click: Click, ref: InterviewRef, score: LevelScore): Promise<Reply> {
    return advance(this.deps, click, ref, score);
  }

  skip(click: Click, ref: InterviewRef): Promise<Reply> {
    return advance(this.deps, click, ref, 'skip');
  }

  end(click: Click, ref: InterviewRef): Promise<Reply> {
    return end(this.deps, click, ref);
  }

  swap(click: Click, id: string): Promise<Reply> {
    return swapRoles(this.deps, click, id);
  }

  /** The time-out job's check (see `expire`). */
  timeout(slack: SlackPort, team: string, id: string): Promise<TimeoutOutcome> {
    return expire(this.deps, slack, team, id);
  }
}
