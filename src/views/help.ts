import { escapeMrkdwn } from '../content/mrkdwn';
import type { CommandProblem } from '../model/commands';
import { context, section, truncate, type SlackMessage } from './blocks';
import { commandProblemText } from './notices/command';

const COMMANDS = [
  ['`/devops-quiz`', 'a random question in this channel now'],
  ['`/devops-quiz advanced kubernetes`', 'filter by level (`beginner`, `intermediate`, `advanced`) and topics'],
  ['`/devops-quiz schedule 09:30 Europe/Berlin weekdays`', 'post a question of the day (days: `weekdays`, `daily` or `mon,wed,fri`; add a level, topics, `reveal 4h`)'],
  ['`/devops-quiz schedule`', "show this channel's schedule and the next post time"],
  ['`/devops-quiz schedule off`', 'stop the question of the day'],
  ['`/devops-quiz leaderboard [week|month|all]`', "this channel's board"],
  ['`/devops-quiz stats [@someone]`', 'points, answers, level mix and streak'],
  ['`/devops-quiz mock @teammate [count] [level] [topics]`', 'run a mock interview in a thread'],
  ['`/devops-quiz help`', 'this message'],
];

/** Help, optionally opening with a problem: one the parser found, or a line (mrkdwn, user text quoted). */
export function helpMessage(topics: readonly string[], found?: CommandProblem | string): SlackMessage {
  const problem = typeof found === 'object' ? commandProblemText(found) : found;
  const lines = COMMANDS.map(([cmd, what]) => `${cmd}  ${what}`);
  const blocks = [];
  if (problem) blocks.push(section(`⚠️ ${problem}`));
  blocks.push(section(`*DevOps Quiz: practise interview questions together*\n${lines.join('\n')}`));
  if (topics.length) blocks.push(context(`Topics: ${topics.map((t) => `\`${escapeMrkdwn(t)}\``).join(' ')}`));
  return { text: problem ? `${problem} Type /devops-quiz help for the commands.` : 'DevOps Quiz commands', blocks };
}

/** Quotes a piece of what the user typed, safely, for "I did not understand …". */
export function quoteInput(text: string): string {
  return `\`${escapeMrkdwn(truncate(text.replace(/[`\u0000-\u001f\u007f]/g, ' '), 80))}\``;
}
