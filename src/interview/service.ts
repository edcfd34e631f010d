import type { LevelScore } from '../model/levels';
import type { QuizCommand } from '../model/commands';
import type { InterviewNotice } from '../model/interviews';
import type { SlackPort } from '../slack/port';
import type { InterviewRef } from '../views/actions';
import type { Click, InterviewDeps } from './deps';
import { advance, answerKey, cancel, end, expire, start, type Reply, type TimeoutOutcome } from './flow';
import { limitNotice, openInterview } from './open';
import { swapRoles } from './swap';

/** `/devops-quiz mock @teammate [count] [level] [topics]`, as the slash command hands it over. */
export interface MockRequest {
  team: string;
  channel: string;
  user: string;
  command: Extract<QuizCommand, { kind: 'mock' }>;
  slack: SlackPort;
}

/**
 * Mock interviews between teammates, in a Slack thread: the one entry point the slash command,
 * the button listeners and the time-out job call. Each method is one domain operation; what it
 * returns (if anything) is shown privately to the person who acted.
 */
export class InterviewService {
  constructor(readonly deps: InterviewDeps) {}

  now(): number {
    return this.deps.quiz.now().getTime();
  }

  /** Checks the request and posts the interview's parent message (null: it is in the channel). */
  async open({ team, channel, user, command, slack }: MockRequest): Promise<Reply> {
    const refusal = await this.refusal({ channel, user, candidate: command.candidate, topics: command.topics, slack });
    if (refusal) return refusal;
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
    if (opened.status === 'no-questions') return { kind: 'no-questions' };
    if (opened.status === 'unrecorded') return { kind: 'posted-unrecorded', what: 'interview' };
    const overLimit = limitNotice(opened, user, true);
    if (overLimit) return overLimit;
    if (opened.status === 'busy') {
      return { kind: 'busy', candidate: command.candidate, otherChannel: opened.other?.channel ?? null, otherPending: opened.other?.status === 'pending' };
    }
    return null;
  }

  private async refusal(req: { channel: string; user: string; candidate: string; topics: string[]; slack: SlackPort }): Promise<InterviewNotice | null> {
    if (req.candidate === req.user) return { kind: 'refused', reason: 'self' };
    if (req.channel.startsWith('D')) return { kind: 'refused', reason: 'dm' };
    const unknown = this.deps.quiz.index.unknownTopics(req.topics);
    if (unknown.length) return { kind: 'unknown-topics', unknown, topics: this.deps.quiz.index.topicNames() };
    const person = await req.slack.userInfo(req.candidate);
    if (!person) return { kind: 'refused', reason: 'unknown-person' };
    if (person.isBot) return { kind: 'refused', reason: 'bot', candidate: req.candidate };
    if (person.deleted) return { kind: 'refused', reason: 'deleted', candidate: req.candidate };
    // The parent mentions the candidate: someone outside the channel would get a ping for a thread they cannot follow.
    if (!(await req.slack.isChannelMember(req.channel, req.candidate))) return { kind: 'refused', reason: 'not-member', candidate: req.candidate };
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
