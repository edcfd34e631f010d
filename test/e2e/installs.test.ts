/**
 * Distribution mode, end to end: the app is installed in two workspaces through Bolt's OAuth redirect (state checked
 * against the browser's cookie), each workspace is served with its own token, listeners and jobs alike, and an
 * uninstall forgets the workspace's token.
 */
import { loadConfig, ConfigError, isPlaygroundStart } from '../../src/config';
import { BOT_SCOPES } from '../../src/slack/oauth';
import { eventually } from '../support/eventually';
import { bootDistributedBot, CLIENT_ID, CLIENT_SECRET, STATE_SECRET, TEAMS, teamOfCall, tokenKey, type DistributedHarness } from '../support/installs';

let h: DistributedHarness;

beforeEach(async () => {
  h = await bootDistributedBot();
});
afterEach(async () => {
  await h.stop();
});

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const questionPosts = (channel: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok' && c.args.channel === channel && !c.args.thread_ts);

test('install through the redirect: the state is checked, the manifest scopes asked for, the token kept', async () => {
  const { authorizeUrl, cookie } = await h.installPage();
  // Slack's authorize page (here the stand-in's, beside SLACK_API_URL) with the bot scopes and a signed state.
  expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(h.slack.authorizeUrl);
  expect(authorizeUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(authorizeUrl.searchParams.get('scope')?.split(',').sort()).toEqual([...BOT_SCOPES].sort());
  expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
  expect(cookie).toMatch(/^slack-app-oauth-state=/);

  const back = await h.allow(authorizeUrl, 'a');
  expect(back.pathname).toBe('/slack/oauth_redirect');
  expect(back.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));
  const done = await h.get(back, cookie);
  expect(done.status).toBe(200);
  expect(done.text).toContain(`DevOps Quiz is installed in ${TEAMS.a.name}`);
  expect(done.text).toContain('/invite @DevOps Quiz');

  // The code was exchanged once, and the new token checked with auth.test.
  const exchange = h.slack.callsTo('oauth.v2.access');
  expect(exchange).toHaveLength(1);
  expect(exchange[0].args.code).toBe(back.searchParams.get('code'));
  const [token] = h.slack.tokensOf(TEAMS.a.id);
  expect(h.slack.callsTo('auth.test').map((c) => c.token)).toEqual([token.token]);
  const installs = await h.bot.installations!.list();
  expect(installs.map((i) => [i.ref, i.team])).toEqual([[{ kind: 'team', id: TEAMS.a.id }, TEAMS.a.id]]);

  // The same redirect again: its code is spent.
  const again = await h.get(back, cookie);
  expect(again.status).toBe(400);
  expect(again.text).toContain('already used');
  expect(await h.bot.installations!.list()).toHaveLength(1);
});

test('a bad state is refused: another browser, a forged state, a missing one; nothing is exchanged or kept', async () => {
  const { authorizeUrl, cookie } = await h.installPage();
  const back = await h.allow(authorizeUrl, 'a');

  // The redirect opened in a browser that did not start the install (no state cookie).
  const otherBrowser = await h.get(back);
  expect(otherBrowser.status).toBe(400);
  expect(otherBrowser.text).toContain('opened in another browser');
  expect(otherBrowser.text).toContain('/slack/install');

  // A state that the bot did not sign, sent with a matching cookie (a forged link).
  const forged = new URL(back);
  forged.searchParams.set('state', 'eyJhbGciOiJIUzI1NiJ9.eyJub3ciOiIyMDAwIn0.forged');
  const forgedRes = await h.get(forged, 'slack-app-oauth-state=eyJhbGciOiJIUzI1NiJ9.eyJub3ciOiIyMDAwIn0.forged');
  expect(forgedRes.status).toBe(400);

  // No state at all.
  const bare = new URL(back);
  bare.searchParams.delete('state');
  expect((await h.get(bare, cookie)).status).toBe(400);

  expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(0);
  expect(await h.bot.installations!.list()).toEqual([]);

  // The real browser's redirect still works.
  expect((await h.get(back, cookie)).status).toBe(200);
  expect((await h.bot.installations!.list()).map((i) => i.team)).toEqual([TEAMS.a.id]);
});

test('two workspaces, each served with its own token: a command in each, every call with that team\'s token', async () => {
  await h.install('a');
  await h.install('b');
  h.slack.clearCalls();

  for (const name of ['a', 'b'] as const) {
    const t = TEAMS[name];
    const res = await h.driver(name).command({ typed: '', userId: t.member, channelId: t.channel });
    expect(res.status).toBe(200);
  }
  // The question comes from a job (the ask job), the answer to a click from a listener: both per team.
  for (const name of ['a', 'b'] as const) await eventually(() => questionPosts(TEAMS[name].channel).length === 1, 8000, `question in ${name}`);
  for (const name of ['a', 'b'] as const) {
    const t = TEAMS[name];
    const ts = String(questionPosts(t.channel)[0].response?.ts);
    await h.driver(name).clickButton({ userId: t.member, channelId: t.channel, ts, actionId: 'reveal_answer' });
    await eventually(() => h.slack.thread(t.channel, ts).length === 2, 8000, `answer in ${name}`);
  }

  const tokens: Record<string, string[]> = { [TEAMS.a.id]: h.slack.tokensOf(TEAMS.a.id).map((t) => t.token), [TEAMS.b.id]: h.slack.tokensOf(TEAMS.b.id).map((t) => t.token) };
  expect(tokens[TEAMS.a.id]).toHaveLength(1);
  expect(tokens[TEAMS.b.id]).toHaveLength(1);
  const calls = h.slack.calls;
  // Both paths for both teams: the ask job's post, and the Reveal listener's answer in the thread.
  for (const name of ['a', 'b'] as const) {
    const posts = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === TEAMS[name].channel);
    expect(posts.map((c) => Boolean(c.args.thread_ts))).toEqual([false, true]);
  }
  for (const call of calls) {
    const team = teamOfCall(h.slack, call);
    // Every call is about one of the two workspaces and carries that workspace's own token.
    expect([call.method, team]).toEqual([call.method, expect.stringMatching(/^T0/)]);
    expect([call.method, team, tokens[team!].includes(call.token ?? '')]).toEqual([call.method, team, true]);
    expect([call.method, call.outcome]).toEqual([call.method, 'ok']);
  }
  for (const name of ['a', 'b'] as const) {
    const msgs = h.slack.messages(TEAMS[name].channel);
    // Posted as that workspace's own bot user.
    expect(new Set(msgs.map((m) => m.user))).toEqual(new Set([h.slack.teamById(TEAMS[name].id).botUserId]));
  }
  expect(h.slack.warnings).toEqual([]);
});

test('app_uninstalled forgets the workspace\'s token; its jobs stop without a call, the other workspace goes on', async () => {
  await h.install('a');
  await h.install('b');
  // The uninstall's clean-up (test/e2e/uninstall.test.ts) runs first: the job below comes after it.
  const tasks = h.bot.workers!.workers.find((w) => w.name === h.bot.queues.tasks.name)!;
  const cleanedUp = new Promise((resolve) => tasks.on('completed', (done) => done.name === 'forget-team' && resolve(done.returnvalue)));
  const uninstalled = await h.driver('b').event({ type: 'app_uninstalled' });
  expect(uninstalled.status).toBe(200);
  await cleanedUp;
  await eventually(async () => (await h.bot.installations!.list()).length === 1, 5000, 'installation forgotten');
  expect((await h.bot.installations!.list()).map((i) => i.team)).toEqual([TEAMS.a.id]);
  h.slack.clearCalls();

  // A job for the uninstalled workspace fails for good, without reaching Slack with any token.
  const job = await h.bot.queues.tasks.add('ask', { team: TEAMS.b.id, channel: TEAMS.b.channel, user: TEAMS.b.member, level: null, topics: [], trigger: '1.2.abc', askedAt: Date.now(), replyTo: null, toldDelay: false }, { attempts: 3 });
  await eventually(async () => (await h.bot.queues.tasks.getJob(job.id!))?.failedReason, 5000, 'job failed');
  const failed = await h.bot.queues.tasks.getJob(job.id!);
  expect(failed?.failedReason).toContain(`no installation for team ${TEAMS.b.id}`);
  expect(failed?.attemptsMade).toBe(1);
  expect(h.slack.calls).toEqual([]);

  // Workspace A is untouched.
  await h.driver('a').command({ typed: '', userId: TEAMS.a.member, channelId: TEAMS.a.channel });
  await eventually(() => questionPosts(TEAMS.a.channel).length === 1, 8000, 'question in a');

  // tokens_revoked for A's bot does the same.
  await h.driver('a').event({ type: 'tokens_revoked', tokens: { bot: [h.slack.teamById(TEAMS.a.id).botUserId] } });
  await eventually(async () => (await h.bot.installations!.list()).length === 0, 5000, 'revoked installation forgotten');
  expect(text(h.slack.messages(TEAMS.a.channel)[0])).toBeTruthy();
});

describe('configuration of distribution mode', () => {
  const base = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join('\n');
      throw error;
    }
    return '';
  };

  test('on with the three OAuth settings and a token key; no bot token needed, and no playground', () => {
    const config = loadConfig({ ...base, SLACK_TOKEN_KEY: tokenKey('k1'), SLACK_API_URL: 'https://slack-gov.com/api/' });
    expect(config.oauth).toMatchObject({ clientId: CLIENT_ID, authorizeUrl: 'https://slack-gov.com/oauth/v2/authorize' });
    expect(config.oauth!.tokenKeys.map((k) => k.id)).toEqual(['k1']);
    expect(config.slack.botToken).toBeUndefined();
    expect(isPlaygroundStart({ SLACK_CLIENT_ID: CLIENT_ID })).toBe(false);
    // Single-workspace mode stays the default.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).oauth).toBeNull();
  });

  test('each missing or conflicting setting is named, never its value', () => {
    expect(problems({ ...base })).toContain('SLACK_TOKEN_KEY is not set');
    expect(problems({ ...base, SLACK_TOKEN_KEY: 'dG9vLXNob3J0' })).toContain('must be 32 random bytes in base64');
    expect(problems({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: CLIENT_ID, SLACK_TOKEN_KEY: tokenKey('k') })).toMatch(/SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are not set/);
    expect(problems({ ...base, SLACK_TOKEN_KEY: tokenKey('k'), SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_BOT_TOKEN must be empty in distribution mode');
    expect(problems({ ...base, SLACK_TOKEN_KEY: tokenKey('k'), SLACK_APP_TOKEN: 'xapp-1' })).toContain('SLACK_APP_TOKEN must be empty in distribution mode');
    expect(problems({ ...base, SLACK_STATE_SECRET: 'short', SLACK_TOKEN_KEY: tokenKey('k') })).toContain('SLACK_STATE_SECRET must be at least 32 characters');
    const key = tokenKey('same');
    const twice = problems({ ...base, SLACK_TOKEN_KEY: `${key},${key}` });
    expect(twice).toContain('lists the key id "same" twice');
    expect(twice).not.toContain(key.split(':')[1]);
  });
});
