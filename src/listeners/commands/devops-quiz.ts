import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import { parseCommand } from '../../quiz/command';
import { postQuestion } from '../../quiz/post-question';
import { getLeaderboard, getStats } from '../../quiz/leaderboard';
import { setSchedule, showSchedule, turnScheduleOff } from '../../quiz/schedule';
import { webClientPort } from '../../slack/port';
import { responseUrlRespond } from '../../slack/respond';
import { helpMessage } from '../../views/help';
import { leaderboardMessage } from '../../views/leaderboard';
import { statsMessage } from '../../views/stats';
import { notice } from '../../views/notice';
import { escapeMrkdwn } from '../../content/mrkdwn';
import { replyEphemeral, withFailureReply } from '../reply';
import type { MockCommandHandler } from './mock-handler';

export const COMMAND = '/devops-quiz';

/** `/devops-quiz …`: acknowledged at once, then one domain call per sub-command. */
export function registerDevopsQuizCommand(app: App, deps: QuizDeps, mock?: MockCommandHandler): void {
  app.command(COMMAND, async ({ command, ack, respond: boltRespond, client, context }) => {
    await ack();
    const respond = command.response_url ? responseUrlRespond(command.response_url) : boltRespond;
    const team = context.teamId ?? command.team_id;
    const channel = command.channel_id;
    const user = command.user_id;
    const slack = webClientPort(client, deps.metrics.slackError.bind(deps.metrics));
    const reply = (message: Parameters<typeof replyEphemeral>[1]) => replyEphemeral(respond, message, deps.logger);

    await withFailureReply(respond, deps.logger, async () => {
      const parsed = parseCommand(command.text ?? '');
      switch (parsed.kind) {
        case 'help':
          return reply(helpMessage(deps.index.topicNames(), parsed.problem));
        case 'question': {
          const unknown = deps.index.unknownTopics(parsed.topics);
          if (unknown.length) {
            return reply(helpMessage(deps.index.topicNames(), `No questions match ${unknown.map((t) => `\`${escapeMrkdwn(t.slice(0, 40))}\``).join(', ')}.`));
          }
          const result = await postQuestion(deps, slack, { team, channel, filter: { level: parsed.level, topics: parsed.topics }, kind: 'adhoc', requestedBy: user });
          if (result.status === 'no-questions') return reply(notice('No question has that level and topic together. Try fewer filters, like `/devops-quiz kubernetes`.'));
          return;
        }
        case 'schedule-show':
          return reply(await showSchedule(deps, { team, channel }));
        case 'schedule-set': {
          const change = await setSchedule(deps, slack, { team, channel, user, request: parsed.schedule });
          if (!change.ok) return reply(change.message);
          // Everyone in the channel should see when questions will come; fall back to the caller alone.
          try {
            await slack.postMessage(channel, change.message);
          } catch {
            await reply(change.message);
          }
          return;
        }
        case 'schedule-off': {
          const change = await turnScheduleOff(deps, slack, { team, channel, user });
          return reply(change.message);
        }
        case 'leaderboard': {
          const { board, label } = await getLeaderboard(deps, { team, channel, period: parsed.period, caller: user });
          return reply(leaderboardMessage(board, parsed.period, label));
        }
        case 'stats': {
          const target = parsed.user ?? user;
          const stats = await getStats(deps, { team, channel, user: target });
          if (mock) stats.interviews = await mock.interviewCounts(team, target);
          return reply(statsMessage(stats, target === user));
        }
        case 'mock':
          if (!mock) return reply(notice('Mock interviews are not available on this bot yet.'));
          return mock.start({ team, channel, user, command: parsed, slack, reply });
      }
    });
  });
}
