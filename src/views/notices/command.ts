/** What the bot says when it could not read a `/devops-quiz` command. */
import { MOCK_MAX_QUESTIONS, type CommandProblem } from '../../model/commands';
import { quoteInput } from '../help';

const MOCK_USAGE = `Start a mock interview like \`/devops-quiz mock @teammate 5 intermediate kubernetes\` (count 1–${MOCK_MAX_QUESTIONS}, level and topics optional).`;
const SCHEDULE_USAGE =
  'Set it like `/devops-quiz schedule 09:30 Europe/Berlin weekdays` (days: `weekdays`, `daily` or `mon,wed,fri`; optional level, topics and `reveal 4h`), or `schedule off`.';

/** The problem as one mrkdwn line: anything the person typed is quoted inert. */
export function commandProblemText(p: CommandProblem): string {
  switch (p.code) {
    case 'two-levels':
      return `Pick one level, not both "${p.first}" and "${p.second}".`;
    case 'not-understood': {
      const usage = p.usage === 'mock' ? ` ${MOCK_USAGE}` : p.usage === 'schedule' ? ` ${SCHEDULE_USAGE}` : '';
      return `I did not understand ${quoteInput(p.word)}.${usage}`;
    }
    case 'leaderboard-usage':
      return 'The leaderboard takes `week`, `month` or `all`, like `/devops-quiz leaderboard week`.';
    case 'stats-usage':
      return '`stats` takes nothing or one @mention, like `/devops-quiz stats @alex`.';
    case 'mock-needs-mention':
      return `Mention the teammate to interview. ${MOCK_USAGE}`;
    case 'mock-count':
      return `A mock interview has 1 to ${MOCK_MAX_QUESTIONS} questions. ${MOCK_USAGE}`;
    case 'bad-time':
      return `I could not read the time ${quoteInput(p.word)}. ${SCHEDULE_USAGE}`;
    case 'reveal-usage':
      return `\`reveal\` takes a delay up to 24h, like \`reveal 4h\` or \`reveal 90m\`. ${SCHEDULE_USAGE}`;
  }
}
