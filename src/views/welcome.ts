import { context, section, type SlackMessage } from './blocks';

/** What the bot says when it is added to a channel: what it does and the first three commands. */
export function welcomeMessage(): SlackMessage {
  return {
    text: 'Thanks for adding DevOps Quiz! Try /devops-quiz for a question now.',
    blocks: [
      section(
        [
          '👋 *Thanks for adding DevOps Quiz!* Practise DevOps interview questions together: think first, reveal the answer in the thread, and say honestly how well you knew it.',
          '• `/devops-quiz` a question now (add a level or topic: `/devops-quiz intermediate kubernetes`)',
          '• `/devops-quiz schedule 09:30 Europe/Berlin weekdays` a question of the day (admins)',
          '• `/devops-quiz mock @teammate` a mock interview in a thread',
        ].join('\n'),
      ),
      context('`/devops-quiz help` lists every command.'),
    ],
  };
}
