import { context, section, type SlackMessage } from './blocks';
import { topicList } from './notices/command';

const COMMANDS = [
  ['`/devops-quiz`', 'a random question in this channel now'],
  ['`/devops-quiz advanced kubernetes`', 'filter by level (`beginner`, `intermediate`, `advanced`) and topics'],
  ['`/devops-quiz schedule 09:30 Europe/Berlin weekdays`', 'post a question of the day (days: `weekdays`, `weekends`, `daily` or `mon,wed,fri`; add a level, topics, `reveal 4h`)'],
  ['`/devops-quiz schedule`', "show this channel's schedule and the next post time"],
  ['`/devops-quiz schedule off`', 'stop the question of the day'],
  ['`/devops-quiz schedule recap off` / `on`', 'stop or bring back the weekly recap (at the schedule\'s time on its first day of the week)'],
  ['`/devops-quiz leaderboard [week|month|all]`', "this channel's board"],
  ['`/devops-quiz stats [@someone]`', 'points, answers, level mix and streak'],
  ['`/devops-quiz mock @teammate [count] [level] [topics]`', 'run a mock interview in a thread'],
  ['`/devops-quiz review [on|off|pause 2w|time 10:00|max 2|interview 2026-12-20|reset]`', 'your review cards: what is due and what comes next; reviews by DM'],
  ['`/devops-quiz forget me`', 'remove your answers, points, streaks, mock-interview history and review cards everywhere'],
  ['`/devops-quiz help`', 'this message'],
];

/** The whole help, for `/devops-quiz help` (a command that could not be read gets commandProblemMessage). */
export function helpMessage(topics: readonly string[]): SlackMessage {
  const lines = COMMANDS.map(([cmd, what]) => `${cmd}  ${what}`);
  const blocks = [section(`*DevOps Quiz: practise interview questions together*\n${lines.join('\n')}`)];
  if (topics.length) blocks.push(context(topicList(topics)));
  return { text: 'DevOps Quiz commands', blocks };
}
