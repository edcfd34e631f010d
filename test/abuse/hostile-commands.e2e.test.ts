/**
 * Hostile `/devops-quiz` texts through the real app (signed HTTP, Bolt, Redis, the Slack stand-in): every one
 * is acknowledged, and answered exactly once (privately with help or a clear error, or with the post it asked
 * for), nothing anywhere pings a channel, and the stand-in saw no malformed message.
 */
import fc from 'fast-check';
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { parseCommand } from '../../src/quiz/command';
import { commandText, MENTIONS } from './arbitraries';
import { expectInertMrkdwn, mrkdwnTexts } from './inert';
import type { SlackMessage } from '../../src/views/blocks';

let h: BotHarness;

beforeAll(async () => {
  h = await bootBot({ env: { QUIZ_ADMINS: USERS.carol } });
});
afterAll(async () => {
  await h.stop();
});

const GENERATED = 30;

/** Generated texts (a fixed seed, so a failure can be replayed) and a few written by hand. */
const texts: string[] = [
  ...fc.sample(commandText, { numRuns: GENERATED, seed: 20261125 }).map((t) => Array.from(t).slice(0, 4000).join('')),
  'schedule 09:30 <!channel>/Berlin weekdays',
  'schedule 09:30 Europe/Berlin <!here> reveal <!everyone>',
  'schedule 25:99 <@U123|<!channel>>',
  'mock <@U0NOBODY|x> 3 <!channel>',
  'mock <@UADMIN04|admin> 11',
  'stats <@U123|<!channel>>',
  'leaderboard <!here>',
  `kubernetes ${MENTIONS.join(' ')}`,
  '__proto__',
  'constructor toString',
  'leaderboard constructor',
  '`<!channel>`',
  '*<!here>*',
  'help <!channel>',
];

/** Everything the bot said anywhere: channel messages, thread replies, ephemerals and response_url bodies. */
function everythingSaid(): string[] {
  const out: string[] = [];
  const push = (m: { text?: unknown; blocks?: unknown }) => out.push(JSON.stringify(m.blocks ?? []), String(m.text ?? ''));
  for (const m of h.slack.messages(CHANNEL, { includeReplies: true })) push(m);
  for (const user of Object.values(USERS)) for (const e of h.slack.ephemeralsFor(user, { includeDeleted: true })) push(e);
  for (const r of h.slack.responsesTo()) if (r.body) push(r.body);
  return out;
}

test(`${texts.length} hostile commands (${GENERATED} generated): each answered once, never a 500, never silence, nothing live`, async () => {
  for (const [i, text] of texts.entries()) {
    // A non-admin and a schedule admin take turns, so schedule changes get past the permission check too.
    const userId = i % 2 === 0 ? USERS.bob : USERS.carol;
    const postsBefore = h.slack.messages(CHANNEL, { includeReplies: true }).length;
    const sent = await h.driver.command({ text, userId, channelId: CHANNEL });
    expect({ text, status: sent.status }).toEqual({ text, status: 200 });

    const parsed = parseCommand(text);
    const answered = () => {
      const responses = h.slack.responsesTo(sent.responseUrl);
      const posts = h.slack.messages(CHANNEL, { includeReplies: true }).length - postsBefore;
      return responses.length + posts > 0 ? { responses, posts } : null;
    };
    await eventually(answered, 5000, `an answer to ${JSON.stringify(text.slice(0, 80))}`);
    // Late second answers would show up here.
    await new Promise((r) => setTimeout(r, 150));
    const { responses, posts } = answered()!;
    const context = { text: text.slice(0, 200), kind: parsed.kind, responses: responses.map((r) => `${r.status} ${r.applied} ${String(r.body?.text).slice(0, 120)}`), posts };
    if (parsed.kind === 'help') {
      // Help or a clear error: one private answer, nothing in the channel.
      expect(context).toMatchObject({ posts: 0, responses: [expect.stringMatching(/^200 ephemeral /)] });
      // A problem gets its short reply (what was wrong, one example, a pointer to help), never the whole help.
      if (parsed.problem) expect(String(responses[0].body?.text)).toMatch(/For example .*Type \/devops-quiz help for all the commands\.$/);
    } else {
      // A request that made sense: its one answer is either private or the post it asked for.
      expect(context.responses.length + posts).toBe(1);
      for (const r of responses) expect(r.status).toBe(200);
    }
  }

  for (const said of everythingSaid()) {
    expect(said).not.toMatch(/<!(channel|here|everyone|subteam)/);
  }
  // Every mrkdwn text is inert apart from the mentions the bot writes itself.
  const botMentions = [...Object.values(USERS)];
  const messages = [...h.slack.responsesTo().map((r) => r.body ?? {}), ...h.slack.messages(CHANNEL, { includeReplies: true })];
  for (const m of messages) {
    for (const t of mrkdwnTexts({ text: String(m.text ?? ''), blocks: (m.blocks ?? []) as SlackMessage['blocks'] })) expectInertMrkdwn(t, { allowUsers: botMentions });
  }
  expect(h.slack.warnings).toEqual([]);
});
