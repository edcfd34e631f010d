/**
 * The mock interview e2e tests' vocabulary over the bot harness: the command, clicks, the parent and its
 * thread, private notes, as a person in #devops-practice sees them.
 */
import path from 'node:path';
import type { StoredMessage } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from './bot-harness';

export const INTERVIEW_DRILLS = path.resolve(__dirname, '../fixtures/interview-packs');
export const at = (user: string) => `<@${user}>`;
export { USERS };

export type Parent = StoredMessage & { id: string };

export function bodyOf(message: { text?: string; blocks?: unknown[] } | undefined): string {
  return JSON.stringify(message?.blocks ?? []) + (message?.text ?? '');
}

/** A bot on the drills pack for each test (booted before each, stopped after), and the helpers bound to it. */
export function mockInterviewBot() {
  let h: BotHarness;
  beforeEach(async () => {
    h = await bootBot({ contentDir: INTERVIEW_DRILLS });
  });
  afterEach(async () => {
    await h.stop();
  });

  const ephemerals = (user: string): string[] => h.slack.ephemeralsFor(user, { channelId: CHANNEL }).map(bodyOf);
  const replies = (parent: StoredMessage): StoredMessage[] => h.slack.thread(CHANNEL, parent.ts).filter((m) => m.ts !== parent.ts);
  const command = async (user: string, text: string) => {
    const res = await h.driver.command({ text, userId: user, channelId: CHANNEL });
    expect(res.status).toBe(200);
    return res;
  };
  return {
    get h(): BotHarness {
      return h;
    },
    ephemerals,
    replies,
    command,
    /** Waits for a private answer to `user` containing `text` (counting only new ones). */
    privateNote: (user: string, text: string, since = 0): Promise<string> =>
      eventually(() => ephemerals(user).slice(since).find((e) => e.includes(text)), 5000, `ephemeral to ${user}: ${text}`),
    /** `/devops-quiz mock …` that should post a parent message: a copy as posted, with the interview id. */
    async openMock(user: string, text: string): Promise<Parent> {
      const before = h.slack.messages(CHANNEL).length;
      await command(user, `mock ${text}`);
      const posted = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, 'interview parent');
      const copy = JSON.parse(JSON.stringify(posted)) as StoredMessage;
      const id = /"value":"([a-z0-9]+)"/.exec(JSON.stringify(copy.blocks))?.[1];
      if (!id) throw new Error('no interview id on the parent');
      return { ...copy, id };
    },
    /** The message as it is now. */
    fresh: (ts: string): StoredMessage => h.slack.message(CHANNEL, ts)!,
    /** Waits for question `n` (1-based) in the interview's thread. */
    question: (parent: StoredMessage, n: number): Promise<StoredMessage> =>
      eventually(() => replies(parent).find((m) => m.text.startsWith(`Question ${n} of`)), 5000, `question ${n}`),
    click: (userId: string, ts: string, actionId: string) => h.driver.clickButton({ userId, channelId: CHANNEL, ts, actionId }),
    titleOf: (q: StoredMessage): string => q.text.replace(/^Question \d+ of \d+ \([^)]*\): /, ''),
    bankQuestion: (title: string) => [...h.bot.deps.questions.values()].find((q) => q.title === title)!,
    keys: () => new Keys(h.prefix),
  };
}
