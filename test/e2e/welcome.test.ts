/**
 * Events: when the bot is added to a channel it introduces itself, once. Slack's redelivery of
 * the same event (X-Slack-Retry-Num) and people joining change nothing.
 */
import { bootBot, USERS, type BotHarness } from '../support/bot-harness';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

test('the bot says hello once when added, whatever Slack redelivers', async () => {
  h.slack.addChannel({ id: 'C0NEW0001', name: 'platform-team', members: [USERS.alice] });
  const joined = { type: 'member_joined_channel', user: 'U0BOT', channel: 'C0NEW0001', channel_type: 'C', team: h.slack.team.id };
  const first = await h.driver.event(joined);
  expect(first.status).toBe(200);
  await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0NEW0001');

  // The same event again, as Slack retries it after a slow answer, and a person joining.
  const retry = await h.driver.event(joined, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
  expect(retry.status).toBe(200);
  await h.driver.event({ ...joined, user: USERS.bob });
  await new Promise((r) => setTimeout(r, 500));

  const posts = h.slack.messages('C0NEW0001');
  expect(posts).toHaveLength(1);
  expect(posts[0].text).toContain('Thanks for adding DevOps Quiz');
  expect(JSON.stringify(posts[0].blocks)).toContain('/devops-quiz schedule 09:30');
  expect(h.slack.warnings).toEqual([]);
});
