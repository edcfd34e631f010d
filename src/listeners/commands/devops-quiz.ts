import type { App } from '@slack/bolt';
import type { QuizDeps } from '../../quiz/deps';
import type { InterviewService } from '../../interview/service';
import { parseCommand } from '../../quiz/command';
import { askForQuestion } from '../../quiz/ask';
import { forgetPerson } from '../../quiz/forget';
import { getLeaderboard, getStats } from '../../quiz/leaderboard';
import { setSchedule, showSchedule, turnScheduleOff } from '../../quiz/schedule';
import { responseUrlRespond } from '../../slack/respond';
import type { SlackMessage } from '../../views/blocks';
import { helpMessage } from '../../views/help';
import { leaderboardMessage } from '../../views/leaderboard';
import { statsMessage } from '../../views/stats';
import { scheduleMessage } from '../../views/schedule';
import { forgetNotice, isScheduleAnnouncement, NO_QUESTION_FOR_FILTER, scheduleChangeMessage } from '../../views/notices/quiz';
import { commandProblemMessage } from '../../views/notices/command';
import { interviewNotice } from '../../views/notices/interview';
import { reviewCommand } from '../../review/settings';
import { reviewOutcomeMessage } from '../../views/notices/review';
import { setRecap } from '../../recap/settings';
import { isRecapAnnouncement, recapChangeMessage } from '../../views/notices/recap';
import { commandContext } from '../context';
import { replyEphemeral, withFailureReply } from '../reply';

export const COMMAND = '/devops-quiz';

/** `/devops-quiz …`: acknowledged at once, then one domain call per sub-command. */
export function registerDevopsQuizCommand(app: App, deps: QuizDeps, interviews: InterviewService): void {
  app.command(COMMAND, async ({ command, ack, respond: boltRespond, client, context }) => {
    await ack();
    const respond = command.response_url ? responseUrlRespond(command.response_url) : boltRespond;
    const { team, channel, user, slack } = commandContext(deps, command, context, client);
    const reply = (message: SlackMessage) => replyEphemeral(respond, message, deps.logger);
    // Everyone in the channel should see when questions will come (or stop); fall back to the caller alone.
    const announce = async (message: SlackMessage) => {
      try {
        await slack.postMessage(channel, message);
      } catch {
        await reply(message);
      }
    };

    await withFailureReply(respond, deps, async () => {
      // A replay or a redelivery of a command already taken (same trigger_id): acknowledged, nothing more.
      if (!(await deps.deliveries.firstDelivery(team, command.trigger_id))) return;
      const parsed = parseCommand(command.text ?? '', { knownTopic: (word) => deps.index.unknownTopics([word]).length === 0 });
      switch (parsed.kind) {
        case 'help':
          return reply(parsed.problem ? commandProblemMessage(parsed.problem, deps.index.topicNames()) : helpMessage(deps.index.topicNames()));
        case 'question': {
          // Posted by a job, as questions of the day are: Slack's 429s wait for Retry-After, a crash posts once.
          const result = await askForQuestion(deps, {
            team,
            channel,
            user,
            level: parsed.level,
            topics: parsed.topics,
            trigger: command.trigger_id,
            askedAt: deps.now().getTime(),
            replyTo: command.response_url || null,
          });
          if (result.status === 'no-questions') return reply(NO_QUESTION_FOR_FILTER);
          return;
        }
        case 'schedule-show': {
          const { settings, next, recap } = await showSchedule(deps, { team, channel });
          return reply(scheduleMessage(settings, next, { recap }));
        }
        case 'schedule-set': {
          const change = await setSchedule(deps, slack, { team, channel, user, request: parsed.schedule });
          return isScheduleAnnouncement(change) ? announce(scheduleChangeMessage(change)) : reply(scheduleChangeMessage(change));
        }
        case 'schedule-off': {
          const change = await turnScheduleOff(deps, slack, { team, channel, user });
          return isScheduleAnnouncement(change) ? announce(scheduleChangeMessage(change)) : reply(scheduleChangeMessage(change));
        }
        case 'recap-set': {
          const change = await setRecap(deps, slack, { team, channel, user, on: parsed.on });
          return isRecapAnnouncement(change) ? announce(recapChangeMessage(change)) : reply(recapChangeMessage(change));
        }
        case 'leaderboard': {
          const { board, label } = await getLeaderboard(deps, { team, channel, period: parsed.period, caller: user });
          return reply(leaderboardMessage(board, parsed.period, label));
        }
        case 'stats': {
          const target = parsed.user ?? user;
          const stats = await getStats(deps, { team, channel, user: target });
          stats.interviews = await interviews.interviewCounts(team, target);
          return reply(statsMessage(stats, target === user));
        }
        case 'forget':
          return reply(forgetNotice(await forgetPerson(deps, slack, { team, caller: user, target: parsed.user })));
        case 'mock': {
          const refused = await interviews.open({ team, channel, user, command: parsed, slack });
          if (refused) return reply(interviewNotice(refused));
          return;
        }
        case 'review':
          return reply(reviewOutcomeMessage(await reviewCommand(deps.review, slack, { team, user, action: parsed.action }), deps.now().getTime()));
      }
    });
  });
}
