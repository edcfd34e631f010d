/**
 * The local workspace with several teams and OAuth, against the real WebClient: the authorize page's redirect,
 * oauth.v2.access for a code and for a refresh token, auth.test per token, every call recorded with its token's
 * team, another team's channels and users out of a token's reach, and chat.postMessage's limits counted per team.
 */
import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../../dev/local-slack';

let slack: LocalSlack;
const client = (token?: string) => new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

beforeEach(async () => {
  slack = new LocalSlack({ teamId: 'T0ONE', oauth: { clientId: 'cid', clientSecret: 'csecret', redirectUri: 'https://bot.example/slack/oauth_redirect', rotation: true, installTokenTtlSeconds: 60 } });
  await slack.start();
  slack.addTeam({ id: 'T0TWO', name: 'Two' });
  slack.addUser({ id: 'UONE1', team: 'T0ONE' });
  slack.addUser({ id: 'UTWO1', team: 'T0TWO' });
  slack.addChannel({ id: 'CONE1', members: ['UONE1'] });
  slack.addChannel({ id: 'CTWO1', members: ['UTWO1'], team: 'T0TWO' });
});
afterEach(async () => {
  await slack.stop();
});

async function install(team: string, scope = 'chat:write') {
  const res = await fetch(`${slack.authorizeUrl}?client_id=cid&scope=${scope}&state=s1&team=${team}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe('https://bot.example/slack/oauth_redirect');
  expect(back.searchParams.get('state')).toBe('s1');
  return client().oauth.v2.access({ client_id: 'cid', client_secret: 'csecret', code: back.searchParams.get('code')! });
}

test('an install gives the team its own bot token (and a refresh token with rotation); a code works once', async () => {
  const one = await install('T0ONE');
  expect(one).toMatchObject({ ok: true, token_type: 'bot', scope: 'chat:write', team: { id: 'T0ONE' }, bot_user_id: 'U0BOT', expires_in: 60 });
  expect(one.access_token).toMatch(/^xoxe\.xoxb-/);
  expect(one.refresh_token).toMatch(/^xoxe-1-/);
  const two = await install('T0TWO');
  expect(two).toMatchObject({ team: { id: 'T0TWO', name: 'Two' }, bot_user_id: 'U0BOT0TWO' });

  expect(await client(one.access_token).auth.test()).toMatchObject({ team_id: 'T0ONE', user_id: 'U0BOT' });
  expect(await client(two.access_token).auth.test()).toMatchObject({ team_id: 'T0TWO', user_id: 'U0BOT0TWO', bot_id: 'B0BOT0TWO' });
  expect(slack.callsTo('auth.test').map((c) => [c.token, c.team])).toEqual([
    [one.access_token, 'T0ONE'],
    [two.access_token, 'T0TWO'],
  ]);
  // The client secret is not kept in the record of calls.
  expect(slack.callsTo('oauth.v2.access').every((c) => c.args.client_secret === undefined)).toBe(true);

  const res = await fetch(`${slack.authorizeUrl}?client_id=cid&scope=chat:write&state=s`, { redirect: 'manual' });
  const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
  await client().oauth.v2.access({ client_id: 'cid', client_secret: 'csecret', code });
  await expect(client().oauth.v2.access({ client_id: 'cid', client_secret: 'csecret', code })).rejects.toMatchObject({ data: { error: 'invalid_code' } });
  await expect(client().oauth.v2.access({ client_id: 'cid', client_secret: 'wrong', code: 'x' })).rejects.toMatchObject({ data: { error: 'bad_client_secret' } });
});

test("a team's token reaches only its team's channels and users, and posts as its own bot", async () => {
  const one = await install('T0ONE');
  const two = await install('T0TWO');
  const posted = await client(two.access_token).chat.postMessage({ channel: 'CTWO1', text: 'hi' });
  expect(slack.message('CTWO1', posted.ts!)).toMatchObject({ user: 'U0BOT0TWO', bot_id: 'B0BOT0TWO', team: 'T0TWO' });
  await expect(client(one.access_token).chat.postMessage({ channel: 'CTWO1', text: 'hi' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  await expect(client(one.access_token).users.info({ user: 'UTWO1' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  expect(slack.messages('CTWO1')).toHaveLength(1);
});

test('rotation: a refresh gives a new token; the old one works until it expires; expired and revoked tokens are refused', async () => {
  let now = Date.now();
  await slack.stop();
  slack = new LocalSlack({ now: () => now, oauth: { clientId: 'cid', clientSecret: 'csecret', redirectUri: 'https://bot.example/slack/oauth_redirect', rotation: true, installTokenTtlSeconds: 60 } });
  await slack.start();
  slack.addChannel({ id: 'CONE1' });
  const first = await install(slack.team.id);
  const refreshed = await client().oauth.v2.access({ client_id: 'cid', client_secret: 'csecret', grant_type: 'refresh_token', refresh_token: first.refresh_token! });
  expect(refreshed.access_token).not.toBe(first.access_token);
  expect(refreshed.expires_in).toBe(43_200);
  await client(first.access_token).chat.postMessage({ channel: 'CONE1', text: 'old still works' });
  now += 61_000;
  await expect(client(first.access_token).chat.postMessage({ channel: 'CONE1', text: 'x' })).rejects.toMatchObject({ data: { error: 'token_expired' } });
  await client(refreshed.access_token).chat.postMessage({ channel: 'CONE1', text: 'new works' });
  slack.revokeTokens(slack.team.id);
  await expect(client(refreshed.access_token).chat.postMessage({ channel: 'CONE1', text: 'x' })).rejects.toMatchObject({ data: { error: 'token_revoked' } });
  await expect(client().oauth.v2.access({ client_id: 'cid', client_secret: 'csecret', grant_type: 'refresh_token', refresh_token: first.refresh_token! })).rejects.toMatchObject({ data: { error: 'invalid_refresh_token' } });
});

test("rate limits count each team's posts apart, by the calling token's team; one team can answer 429 to every post", async () => {
  // Clients that hand a 429 back instead of waiting it out.
  const limited = (team: string) => new WebClient(slack.issueToken(team), { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const [r1, r2] = [limited('T0ONE'), limited('T0TWO')];
  const status = (p: Promise<unknown>) => p.then(() => 200, (e: { code?: string; retryAfter?: number }) => (e.code === 'slack_webapi_rate_limited_error' ? `429 after ${e.retryAfter}` : String(e.code)));
  slack.addChannel({ id: 'CONE2', team: 'T0ONE' });
  slack.setRateLimit({ workspacePerMinute: 2, perChannelPerSecond: 1 });
  expect(await status(r1.chat.postMessage({ channel: 'CONE1', text: 'a' }))).toBe(200);
  // The channel's second within its second is refused; the team's other channel is not held by it.
  expect(await status(r1.chat.postMessage({ channel: 'CONE1', text: 'b' }))).toBe('429 after 1');
  expect(await status(r1.chat.postMessage({ channel: 'CONE2', text: 'c' }))).toBe(200);
  // Team one has used its minute; team two has a minute of its own.
  expect(await status(r1.chat.postMessage({ channel: 'CONE2', text: 'd' }))).toMatch(/^429 after (59|60)$/);
  expect(await status(r2.chat.postMessage({ channel: 'CTWO1', text: 'e' }))).toBe(200);

  slack.setRateLimit(undefined);
  slack.rateLimitTeam('T0TWO', 30);
  for (const text of ['f', 'g', 'h']) expect(await status(r2.chat.postMessage({ channel: 'CTWO1', text }))).toBe('429 after 30');
  expect(await status(r1.chat.postMessage({ channel: 'CONE1', text: 'i' }))).toBe(200);
  slack.rateLimitTeam('T0TWO', undefined);
  expect(await status(r2.chat.postMessage({ channel: 'CTWO1', text: 'j' }))).toBe(200);
  expect(slack.messages('CTWO1').map((m) => m.text)).toEqual(['e', 'j']);
  expect(slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'http:429').map((c) => [c.team, c.args.text])).toEqual([
    ['T0ONE', 'b'],
    ['T0ONE', 'd'],
    ['T0TWO', 'f'],
    ['T0TWO', 'g'],
    ['T0TWO', 'h'],
  ]);
  // reset() lifts a team's 429s too.
  slack.rateLimitTeam('T0TWO', 5);
  slack.reset();
  expect(await status(r2.chat.postMessage({ channel: 'CTWO1', text: 'k' }))).toBe(200);
});
