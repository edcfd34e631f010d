/**
 * What the bot says when it could not read a `/devops-quiz` command: one line that names every word it did not
 * understand and says what to type, one example of the right command, and a pointer to `help`.
 */
import { MOCK_MAX_QUESTIONS, type CommandProblem, type CommandUsage } from '../../model/commands';
import { context, quoteInput, section, type SlackMessage } from '../blocks';
import { reviewExample, reviewProblemText } from './review';

/** What to type for each command, as the end of the problem line, and one example of it. */
const USAGE: Record<CommandUsage, { how: string; example: string }> = {
  question: { how: 'Ask for a question with a level (`beginner`, `intermediate`, `advanced`) and topics, or nothing for any question.', example: '/devops-quiz advanced kubernetes' },
  schedule: {
    how: 'Give a time, an IANA time zone, the days (`weekdays`, `weekends`, `daily` or `mon,wed,fri`) and, if you like, a level, topics and `reveal 4h`.',
    example: '/devops-quiz schedule 09:30 Europe/Berlin weekdays',
  },
  leaderboard: { how: '`leaderboard` takes `week`, `month` or `all`.', example: '/devops-quiz leaderboard week' },
  stats: { how: '`stats` takes nothing (your own) or one @mention.', example: '/devops-quiz stats @alex' },
  mock: { how: `Mention the teammate to interview, then a count (1–${MOCK_MAX_QUESTIONS}), a level and topics if you like.`, example: '/devops-quiz mock @alex 5 intermediate kubernetes' },
  forget: { how: '`forget me` removes your answers, points and streaks from every channel (admins: `forget @person`).', example: '/devops-quiz forget me' },
  review: { how: '`review` shows your review cards; `review on`, `off`, `pause 2w`, `time 10:00`, `max 2`, `interview 2026-12-20` or `reset` change them.', example: '/devops-quiz review' },
};

const MENTION_HOW = 'To mention someone, type @ and pick them from the list Slack offers.';

/** `a`, `a and b`, `a, b and c`, with at most five named. */
function listed(items: readonly string[], max = 40): string {
  const shown = items.slice(0, 5).map((w) => quoteInput(w, max));
  if (items.length > 5) shown.push(`${items.length - 5} more`);
  return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function usageOf(p: CommandProblem): CommandUsage {
  switch (p.code) {
    case 'two-levels':
    case 'not-understood':
    case 'too-many-topics':
    case 'not-a-member':
      return p.usage;
    case 'mock-needs-mention':
    case 'mock-count':
      return 'mock';
    case 'review-usage':
      return 'review';
    default:
      return 'schedule';
  }
}

/** The problem as one mrkdwn line, ending in what to type: anything the person typed is quoted inert. */
export function commandProblemText(p: CommandProblem): string {
  const how = USAGE[usageOf(p)].how;
  switch (p.code) {
    case 'two-levels':
      return `Pick one level, not both \`${p.first}\` and \`${p.second}\`. ${how}`;
    case 'not-understood': {
      const parts: string[] = [];
      if (p.words.length) parts.push(`I did not understand ${listed(p.words)}`);
      if (p.topics.length) parts.push(`${parts.length ? 'and no' : 'No'} questions match ${listed(p.topics)}`);
      return `${parts.join(', ') || 'I did not understand that'}. ${how}`;
    }
    case 'too-many-topics':
      return `Name up to ${p.max} topics at a time. ${how}`;
    case 'not-a-member':
      return `${quoteInput(p.word, 40)} is not a member of this workspace. ${MENTION_HOW}`;
    case 'mock-needs-mention':
      return `${p.word === null ? 'Say who to interview with an @mention.' : `${quoteInput(p.word, 40)} is not a teammate I can interview.`} ${MENTION_HOW}`;
    case 'mock-count':
      return `A mock interview has 1 to ${MOCK_MAX_QUESTIONS} questions, not ${quoteInput(p.word, 20)}. ${how}`;
    case 'bad-time':
      return `I could not read the time ${quoteInput(p.word, 40)}: use \`09:30\` (24-hour) or \`9:30am\`. ${how}`;
    case 'reveal-usage':
      return `\`reveal\` takes a delay from 1 minute to 24h, like \`reveal 4h\` or \`reveal 90m\`${p.word === null ? '' : `, not ${quoteInput(p.word, 20)}`}.`;
    case 'review-usage':
      return reviewProblemText(p.sub, p.word);
    case 'recap-usage':
      return `\`schedule recap\` takes \`on\` or \`off\`${p.word === null ? '' : `, not ${quoteInput(p.word, 20)}`}: the weekly recap comes at the schedule's time on its first day of the week.`;
    case 'zone-abbreviation':
      return `${quoteInput(p.word, 20)} is ambiguous (several zones use it, and it changes in summer), so I cannot schedule in it. Use an IANA name: ${zoneList(p.zones)}.`;
    case 'zone-offset':
      return `${quoteInput(p.word, 20)} is a fixed offset, which does not follow summer time. Use the IANA name of your city's zone, like ${zoneList(p.zones)}.`;
    case 'unknown-zone':
      return `I do not know the time zone ${quoteInput(p.word, 60)}. Use an IANA name like ${zoneList(p.zones)}.`;
  }
}

const zoneList = (zones: readonly string[]) => {
  const names = zones.slice(0, 3).map((z) => quoteInput(z, 60));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
};

/** `Topics: \`a\` \`b\` …`, kept well inside a context element's 3000 characters. */
export function topicList(topics: readonly string[]): string {
  let out = 'Topics:';
  for (const [i, t] of topics.entries()) {
    const next = ` ${quoteInput(t, 40)}`;
    if (out.length + next.length > 2800) return `${out} and ${topics.length - i} more`;
    out += next;
  }
  return out;
}

/** The example to show: for a time zone, the person's own command with a zone to use. */
function exampleOf(p: CommandProblem): string {
  if ((p.code === 'zone-abbreviation' || p.code === 'zone-offset' || p.code === 'unknown-zone') && p.retry) return p.retry;
  if (p.code === 'review-usage') return reviewExample(p.sub);
  if (p.code === 'recap-usage') return '/devops-quiz schedule recap off';
  return USAGE[usageOf(p)].example;
}

/**
 * The reply to a command that could not be read: the problem line, the bank's topics when a topic word matched
 * nothing, and one example with a pointer to `help` (the whole help only when asked for).
 */
export function commandProblemMessage(p: CommandProblem, topics: readonly string[]): SlackMessage {
  const line = commandProblemText(p);
  const blocks = [section(`⚠️ ${line}`)];
  if (p.code === 'not-understood' && p.topics.length && topics.length) blocks.push(context(topicList(topics)));
  const example = `For example ${quoteInput(exampleOf(p), 200)}. Type \`/devops-quiz help\` for all the commands.`;
  blocks.push(context(example));
  return { text: `${line} ${example}`.replace(/[*`]/g, ''), blocks };
}
