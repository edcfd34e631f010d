/**
 * The playground's pretend workspace: one channel, three teammates and the bot, held by the same `LocalSlack`
 * stand-in the end-to-end tests use.
 */
import { LocalSlack } from '../local-slack';

export const PLAYGROUND_TEAM = { id: 'T0PLAYGRND', name: 'DevOps Quiz Playground', domain: 'devops-quiz-playground' };
export const PLAYGROUND_CHANNEL = { id: 'C0PRACTICE', name: 'devops-practice' };

export interface Teammate {
  id: string;
  name: string;
  realName: string;
  tz: string;
  isAdmin: boolean;
}

/** alice is a workspace admin, so she may set the channel's question of the day; bob and carol may not. */
export const TEAMMATES: readonly Teammate[] = [
  { id: 'U0ALICE01', name: 'alice', realName: 'Alice Anders', tz: 'Europe/Berlin', isAdmin: true },
  { id: 'U0BOB0002', name: 'bob', realName: 'Bob Baker', tz: 'America/New_York', isAdmin: false },
  { id: 'U0CAROL03', name: 'carol', realName: 'Carol Chen', tz: 'Asia/Singapore', isAdmin: false },
];

/** A stand-in holding the workspace (not started yet). */
export function createWorkspace(): LocalSlack {
  const slack = new LocalSlack({
    teamId: PLAYGROUND_TEAM.id,
    teamName: PLAYGROUND_TEAM.name,
    teamDomain: PLAYGROUND_TEAM.domain,
    botUserId: 'U0QUIZBOT',
    botId: 'B0QUIZBOT',
    botName: 'DevOps Quiz',
    // A playground runs for hours: keep response_urls and the answer buttons working as long as it does.
    responseUrlTtlMs: 24 * 60 * 60 * 1000,
  });
  for (const t of TEAMMATES) {
    slack.addUser({ id: t.id, name: t.name, real_name: t.realName, tz: t.tz, is_admin: t.isAdmin });
  }
  slack.addChannel({ id: PLAYGROUND_CHANNEL.id, name: PLAYGROUND_CHANNEL.name, members: TEAMMATES.map((t) => t.id) });
  return slack;
}

export { directoryOf } from '../local-slack/typed-text';
