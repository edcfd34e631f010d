import type { QuizCommand } from '../../quiz/command';
import type { SlackPort } from '../../slack/port';
import type { SlackMessage } from '../../views/blocks';

/** How the slash command hands `mock …` to the mock-interview feature. */
export interface MockCommandHandler {
  start(args: {
    team: string;
    channel: string;
    user: string;
    command: Extract<QuizCommand, { kind: 'mock' }>;
    slack: SlackPort;
    reply: (message: SlackMessage) => Promise<void>;
  }): Promise<void>;
  interviewCounts(team: string, user: string): Promise<{ given: number; taken: number }>;
}
